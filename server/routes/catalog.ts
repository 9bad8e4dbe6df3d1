import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CATALOG, findService } from '../../src/lib/domain/catalog';
import { catalogNumberParam, catalogService } from '../../src/lib/api/common';
import { ApiFailure } from '../http';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import { errors, json, routes } from './contract';

const listCatalog = createRoute({
	method: 'get',
	path: '/',
	summary: 'The 79 services of the catalog (public)',
	responses: { 200: json(z.array(catalogService)) }
});

const oneService = createRoute({
	method: 'get',
	path: '/{number}',
	summary: 'One service of the catalog by its number (public)',
	request: { params: catalogNumberParam },
	responses: { 200: json(catalogService), ...errors(400, 404) }
});

export const catalogRoutes = routes()
	.openapi(listCatalog, (c) => {
		c.header('Cache-Control', 'public, max-age=3600');
		return c.json([...CATALOG], 200);
	})
	.openapi(oneService, (c) => {
		const service = findService(c.req.valid('param').number);
		if (!service) throw new ApiFailure(404, 'not_found', both(m.server_refusal_catalogNoService));
		return c.json(service, 200);
	});
