import { createRoute } from '@hono/zod-openapi';
import { kpis as kpisResponse } from '../../src/lib/api/console';
import { mapResponse } from '../../src/lib/api/map';
import { requireRole, requireUser } from '../auth/middleware';
import { unitScopeOf } from '../services/access';
import { kpis } from '../services/kpis';
import { mapData } from '../services/map';
import { bearer, errors, json, routes } from './contract';

const readKpis = createRoute({
	method: 'get',
	path: '/',
	summary: 'Requests by state, on-time rate per service group, overdue per crew, median step times',
	security: bearer,
	middleware: [requireUser, requireRole('supervisor')] as const,
	responses: { 200: json(kpisResponse), ...errors(401, 403) }
});

const readMap = createRoute({
	method: 'get',
	path: '/',
	summary: 'Open jobs with deadline risk, crews with routes and last positions',
	security: bearer,
	middleware: [requireUser, requireRole('supervisor')] as const,
	responses: { 200: json(mapResponse), ...errors(401, 403) }
});

export const kpiRoutes = routes().openapi(readKpis, async (c) => {
	const deps = c.var.deps;
	return c.json(await kpis(deps.database.db, unitScopeOf(c.var.user), deps.clock()), 200);
});

export const mapRoutes = routes().openapi(readMap, async (c) => {
	const deps = c.var.deps;
	return c.json(await mapData(deps.database.db, unitScopeOf(c.var.user), deps.clock(), deps.holidays), 200);
});
