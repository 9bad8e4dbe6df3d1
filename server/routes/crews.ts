import { createRoute } from '@hono/zod-openapi';
import { crewList, okResponse, positionPing } from '../../src/lib/api/common';
import { requireRole, requireUser } from '../auth/middleware';
import { crewsFor, recordPosition } from '../services/crews';
import { bearer, errors, json, jsonBody, routes } from './contract';

const listCrews = createRoute({
	method: 'get',
	path: '/',
	summary: "The crews a supervisor can dispatch to (their unit's; all for an admin)",
	security: bearer,
	middleware: [requireUser, requireRole('supervisor')] as const,
	responses: { 200: json(crewList), ...errors(401, 403) }
});

const ping = createRoute({
	method: 'post',
	path: '/me/position',
	summary: "A crew tablet's light location ping while online (its crew shows where it is on the supervisors' map)",
	security: bearer,
	middleware: [requireUser, requireRole('crew')] as const,
	request: { body: jsonBody(positionPing) },
	responses: { 200: json(okResponse), ...errors(400, 401, 403) }
});

export const crewRoutes = routes()
	.openapi(listCrews, async (c) => c.json({ crews: await crewsFor(c.var.deps, c.var.user) }, 200))
	.openapi(ping, async (c) => {
		await recordPosition(c.var.deps, c.var.user, c.req.valid('json'));
		return c.json({ ok: true as const }, 200);
	});
