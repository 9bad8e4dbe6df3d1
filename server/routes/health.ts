import { createRoute } from '@hono/zod-openapi';
import { health } from '../../src/lib/api/common';
import { json, routes } from './contract';

const liveness = createRoute({ method: 'get', path: '/', summary: 'Liveness and database driver', responses: { 200: json(health) } });

export const healthRoutes = routes().openapi(liveness, (c) =>
	c.json({ ok: true as const, database: c.var.deps.database.kind, time: c.var.deps.clock().toISOString() }, 200)
);
