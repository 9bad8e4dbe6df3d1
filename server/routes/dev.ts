import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { listNotifications } from '../db/notifications';
import { ApiFailure, zv } from '../http';

/** Demo-mode helpers: what the server would have sent to customers. Absent (404) in a real deployment. */
export const devRoutes = new Hono<AppEnv>()
	.use('*', async (c, next) => {
		if (!c.var.deps.demoMode) throw new ApiFailure(404, 'not_found', 'Không có địa chỉ API này');
		await next();
	})
	.get('/outbox', zv('query', z.object({ requestId: z.string().max(64).optional() })), async (c) => {
		const rows = await listNotifications(c.var.deps.database.db, { requestId: c.req.valid('query').requestId, limit: 200 });
		return c.json({
			messages: rows.map((r) => ({
				id: r.id,
				requestId: r.requestId,
				kind: r.kind,
				channel: r.channel,
				recipient: r.recipient,
				subject: r.subject,
				body: r.body,
				status: r.status,
				attempts: r.attempts,
				createdAt: r.createdAt.toISOString(),
				sentAt: r.sentAt?.toISOString() ?? null
			}))
		});
	});
