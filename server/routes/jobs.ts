import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { requireRole, requireUser } from '../auth/middleware';
import { zv } from '../http';
import { reassign } from '../services/board';
import { unitScopeOf } from '../services/access';

export const jobRoutes = new Hono<AppEnv>().post(
	'/:id/reassign',
	requireUser,
	requireRole('supervisor'),
	zv('param', z.object({ id: z.string().min(1).max(64) })),
	zv('json', z.object({ crewId: z.string({ error: 'Chọn tổ mới' }).min(1, 'Chọn tổ mới').max(64) })),
	async (c) => {
		const deps = c.var.deps;
		const result = await deps.database.db.transaction((tx) =>
			reassign(tx, deps, { jobId: c.req.valid('param').id, crewId: c.req.valid('json').crewId, unitId: unitScopeOf(c.var.user) })
		);
		return c.json(result);
	}
);
