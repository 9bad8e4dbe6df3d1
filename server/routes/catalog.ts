import { Hono } from 'hono';
import { z } from 'zod';
import { CATALOG, findService } from '../../src/lib/domain/catalog';
import type { AppEnv } from '../context';
import { ApiFailure, zv } from '../http';

export const catalogRoutes = new Hono<AppEnv>()
	.get('/', (c) => {
		c.header('Cache-Control', 'public, max-age=3600');
		return c.json(CATALOG);
	})
	.get('/:number', zv('param', z.object({ number: z.coerce.number().int('Số dịch vụ phải là số nguyên') })), (c) => {
		const service = findService(c.req.valid('param').number);
		if (!service) throw new ApiFailure(404, 'not_found', 'Không có dịch vụ này trong danh mục (1–79)');
		return c.json(service);
	});
