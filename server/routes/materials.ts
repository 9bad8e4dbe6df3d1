import { createRoute } from '@hono/zod-openapi';
import { tabletPriceList } from '../../src/lib/api/admin';
import { priceListForTablet } from '../services/price-list';
import { json, routes } from './contract';

/** The price list estimates are computed from (the administrator's, by date); public like the service catalog. */
const listMaterials = createRoute({
	method: 'get',
	path: '/',
	summary: 'The materials price list in force today, the VAT rate, and the prices and rates that take effect later (public)',
	responses: { 200: json(tabletPriceList) }
});

export const materialRoutes = routes().openapi(listMaterials, async (c) => {
	// short: a price the administrator sets from today reaches the tablets at their next sync
	c.header('Cache-Control', 'public, max-age=60');
	return c.json(await priceListForTablet(c.var.deps.database.db, c.var.deps.clock()), 200);
});
