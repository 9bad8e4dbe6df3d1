// The OpenAPI document (GET /api/openapi.json), generated from the routes' own declarations (createRoute):
// nothing here lists routes; server/app.ts mounts them and this serves what they declare.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { json } from './contract';

export const OPENAPI_OBJECT = {
	openapi: '3.1.0',
	info: { title: 'Hiện Trường API', version: '0.1.0' }
} as const;

const document = createRoute({
	method: 'get',
	path: '/openapi.json',
	summary: 'This document',
	responses: { 200: json(z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document' })) }
});

/** The document of every route declared on `api` (and of what it mounts), served by `api` itself. */
export function documentOf(api: OpenAPIHono<AppEnv, any, any>) {
	api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
	// the customers' portal (/api/customer): an httpOnly session cookie
	api.openAPIRegistry.registerComponent('securitySchemes', 'customerCookie', { type: 'apiKey', in: 'cookie', name: 'ht_customer' });
	return () => api.getOpenAPI31Document(OPENAPI_OBJECT);
}

/** Adds GET /openapi.json to `api`. */
export function serveDocument<A extends OpenAPIHono<AppEnv, any, any>>(api: A): A {
	const build = documentOf(api);
	api.openapi(document, (c) => c.json(build() as unknown as Record<string, unknown>, 200));
	return api;
}
