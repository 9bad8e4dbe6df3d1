import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const healthRoutes = new Hono<AppEnv>().get('/', (c) =>
	c.json({ ok: true, database: c.var.deps.database.kind, time: c.var.deps.clock().toISOString() })
);
