import { createRoute } from '@hono/zod-openapi';
import { publicConfig } from '../../src/lib/api/common';
import { json, routes } from './contract';

/** What the PWA reads at run time (public): the map tile address, set per deployment with TILE_URL, and whether
 * demo data is on (the console then shows the demo outbox, still to a signed-in supervisor only). */
const readConfig = createRoute({
	method: 'get',
	path: '/',
	summary: 'Settings the PWA reads at run time (public): the map tile URL, demo mode',
	responses: { 200: json(publicConfig) }
});

export const configRoutes = routes().openapi(readConfig, (c) => {
	c.header('Cache-Control', 'no-cache');
	return c.json({ tileUrl: c.var.deps.tileUrl, demoMode: c.var.deps.demoMode }, 200);
});
