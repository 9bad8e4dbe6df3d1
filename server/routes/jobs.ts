import { createRoute } from '@hono/zod-openapi';
import { idParam } from '../../src/lib/api/common';
import { reassignBody, reassigned } from '../../src/lib/api/console';
import { requireRole, requireUser } from '../auth/middleware';
import { reassignJob } from '../services/request-actions';
import { bearer, errors, json, jsonBody, routes } from './contract';

const reassign = createRoute({
	method: 'post',
	path: '/{id}/reassign',
	summary: "Move a job to another crew; the old crew's pending work on it is rejected",
	security: bearer,
	middleware: [requireUser, requireRole('supervisor')] as const,
	request: { params: idParam, body: jsonBody(reassignBody) },
	responses: { 200: json(reassigned), ...errors(400, 401, 403, 404, 409) }
});

export const jobRoutes = routes().openapi(reassign, async (c) =>
	c.json(await reassignJob(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').crewId), 200)
);
