import { Hono } from 'hono';
import type { AppEnv } from '../context';

/** What the PWA reads at run time (public): the map tile address, set per deployment with TILE_URL. */
export const configRoutes = new Hono<AppEnv>().get('/', (c) => {
	c.header('Cache-Control', 'no-cache');
	return c.json({ tileUrl: c.var.deps.tileUrl });
});
