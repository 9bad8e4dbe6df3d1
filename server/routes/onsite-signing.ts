// The crew's on-site code check (issue 11, item 3): parse, authorize (a crew user), delegate.
import { createRoute } from '@hono/zod-openapi';
import { idParam } from '../../src/lib/api/common';
import { onSiteCodeCheck, onSiteCodeCheckBody } from '../../src/lib/api/onsite-signing';
import { requireRole, requireUser } from '../auth/middleware';
import { checkOnSiteCode } from '../services/signing-code-check';
import { bearer, errors, json, jsonBody, routes } from './contract';

const check = createRoute({
	method: 'post',
	path: '/{id}/signing-code/check',
	summary: "The crew assigned to the installation checks the customer's on-site code at once (counts as an attempt)",
	security: bearer,
	middleware: [requireUser, requireRole('crew')] as const,
	request: { params: idParam, body: jsonBody(onSiteCodeCheckBody) },
	responses: { 200: json(onSiteCodeCheck), ...errors(400, 401, 403, 404, 409) }
});

export const onSiteSigningRoutes = routes().openapi(check, async (c) => {
	const answer = await checkOnSiteCode(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').code);
	return c.json(answer, 200);
});
