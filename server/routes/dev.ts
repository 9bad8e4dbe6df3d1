import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { requireRole, requireUser } from '../auth/middleware';
import { ApiFailure, zv } from '../http';
import { demoOutbox } from '../services/demo-outbox';

/**
 * Demo-mode helpers: what the server would have sent to customers (signing codes included), for a logged-in
 * supervisor (their unit's requests) or an admin (everything). Absent (404) in a real deployment.
 */
export const devRoutes = new Hono<AppEnv>()
	.use('*', async (c, next) => {
		if (!c.var.deps.demoMode) throw new ApiFailure(404, 'not_found', 'Không có địa chỉ API này');
		await next();
	})
	.get('/outbox', requireUser, requireRole('supervisor'), zv('query', z.object({ requestId: z.string().max(64).optional() })), async (c) => {
		return c.json(await demoOutbox(c.var.deps.database.db, c.var.user, c.req.valid('query').requestId));
	});
