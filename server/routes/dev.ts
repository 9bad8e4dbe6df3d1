import { createRoute } from '@hono/zod-openapi';
import { outboxList, outboxQuery } from '../../src/lib/api/common';
import { requireRole, requireUser } from '../auth/middleware';
import { ApiFailure } from '../http';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import { demoOutbox } from '../services/demo-outbox';
import { bearer, errors, json, routes } from './contract';

/**
 * Demo-mode helpers: what the server would have sent to customers (signing codes included), for a logged-in
 * supervisor (their unit's requests) or an admin (everything). Absent (404) in a real deployment.
 */
const outbox = createRoute({
	method: 'get',
	path: '/outbox',
	summary: "Demo mode only: customer SMS and emails queued or sent (a supervisor: their unit's requests; an admin: all)",
	security: bearer,
	middleware: [requireUser, requireRole('supervisor')] as const,
	request: { query: outboxQuery },
	responses: { 200: json(outboxList), ...errors(400, 401, 403, 404) }
});

export const devRoutes = routes();
devRoutes.use('*', async (c, next) => {
	if (!c.var.deps.demoMode) throw new ApiFailure(404, 'not_found', both(m.server_refusal_noSuchApi));
	await next();
});
devRoutes.openapi(outbox, async (c) => c.json(await demoOutbox(c.var.deps.database.db, c.var.user, c.req.valid('query').requestId), 200));
