import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { requireRole, requireUser } from '../auth/middleware';
import { mapData } from '../services/map';
import { kpis } from '../services/kpis';
import { unitScopeOf } from '../services/access';

export const kpiRoutes = new Hono<AppEnv>().get('/', requireUser, requireRole('supervisor'), async (c) => {
	const deps = c.var.deps;
	return c.json(await kpis(deps.database.db, unitScopeOf(c.var.user), deps.clock()));
});

export const mapRoutes = new Hono<AppEnv>().get('/', requireUser, requireRole('supervisor'), async (c) => {
	const deps = c.var.deps;
	return c.json(await mapData(deps.database.db, unitScopeOf(c.var.user), deps.clock(), deps.holidays));
});
