import { createRoute } from '@hono/zod-openapi';
import { MATERIALS } from '../../src/lib/domain/materials';
import { materialList } from '../../src/lib/api/common';
import { json, routes } from './contract';

/** The price list estimates are computed from; public like the service catalog. */
const listMaterials = createRoute({ method: 'get', path: '/', summary: 'The materials price list for estimates (public)', responses: { 200: json(materialList) } });

export const materialRoutes = routes().openapi(listMaterials, (c) => {
	c.header('Cache-Control', 'public, max-age=300');
	return c.json({ materials: [...MATERIALS] }, 200);
});
