import { Hono } from 'hono';
import { MATERIALS } from '../../src/lib/domain/materials';
import type { AppEnv } from '../context';

/** The price list estimates are computed from; public like the service catalog. */
export const materialRoutes = new Hono<AppEnv>().get('/', (c) => {
	c.header('Cache-Control', 'public, max-age=300');
	return c.json({ materials: MATERIALS });
});
