import { Hono } from 'hono';
import type { AppEnv } from '../context';

/** What the PWA reads at run time (public): the map tile address, set per deployment with TILE_URL, and whether
 * demo data is on (the console then shows the demo outbox, still to a signed-in supervisor only). */
export const configRoutes = new Hono<AppEnv>().get('/', (c) => {
	c.header('Cache-Control', 'no-cache');
	return c.json({ tileUrl: c.var.deps.tileUrl, demoMode: c.var.deps.demoMode });
});
