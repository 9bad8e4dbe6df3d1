// The served OpenAPI document is generated from the routes' declarations (createRoute): every route the app serves
// is in it, with its path parameters, its bodies (the push's commands with each command's payload, the photo's
// bytes) and its answers (the contract PDFs). A route added without a declaration fails here.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, createApp } from '../../server/app';
import type { AppDeps } from '../../server/context';
import { COMMAND_NAMES } from '../../src/lib/domain/commands';

type Operation = {
	parameters?: Array<{ name: string; in: string; required?: boolean }>;
	requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
	responses: Record<string, { content?: Record<string, unknown> }>;
	security?: unknown[];
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes?: Record<string, unknown> } };

const doc = buildOpenApiDocument() as unknown as Doc;
// the routes are declared when the app is built; no request reaches the (absent) database here
const app = createApp({ tileUrl: 'https://tile.example/{z}/{x}/{y}.png' } as AppDeps);

const served = [...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`))];
const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
	Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)
);
const op = (method: string, path: string) => doc.paths[path]?.[method] as Operation;

describe('the OpenAPI document', () => {
	it('lists every route the app serves, and nothing it does not', () => {
		expect(served.length).toBeGreaterThan(40);
		expect(served.filter((route) => !documented.includes(route))).toEqual([]);
		expect(documented.filter((route) => !served.includes(route))).toEqual([]);
	});

	it('is the document the app serves', async () => {
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' }, customerCookie: { type: 'apiKey', in: 'cookie', name: 'ht_customer' } });
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining([
				'/api/requests/{id}/signing-code',
				'/api/requests/{id}/contract.pdf',
				'/api/portal/{token}/contract.pdf',
				'/api/self-reading/{token}/photo/{sha256}',
				'/api/self-reading/{token}/meter-check',
				'/api/catalog/{number}',
				'/api/openapi.json'
			])
		);
	});

	it('declares every path parameter of every route', () => {
		for (const [path, methods] of Object.entries(doc.paths)) {
			const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
			for (const [method, operation] of Object.entries(methods)) {
				const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
				expect(inPath.sort(), `${method} ${path}`).toEqual([...names].sort());
			}
		}
	});

	it('documents the push with the payload of every field command', () => {
		const body = op('post', '/api/sync/push').requestBody!.content['application/json']!.schema as { properties: { commands: { items: { anyOf: Array<{ title?: string; properties: { name: { const: string }; payload: { properties?: object } } }> } } } };
		const variants = body.properties.commands.items.anyOf;
		expect(variants.map((v) => v.properties.name.const).sort()).toEqual([...COMMAND_NAMES].sort());
		for (const variant of variants) expect(variant.properties.payload.properties, variant.properties.name.const).toBeTruthy();
	});

	it('documents the photo bytes and the contract PDFs', () => {
		expect(Object.keys(op('put', '/api/blobs/{sha256}').requestBody!.content)).toEqual(expect.arrayContaining(['image/jpeg', 'image/webp']));
		expect(Object.keys(op('put', '/api/self-reading/{token}/photo/{sha256}').requestBody!.content)).toEqual(['image/jpeg', 'image/webp']);
		for (const path of ['/api/requests/{id}/contract.pdf', '/api/portal/{token}/contract.pdf']) {
			expect(Object.keys(op('get', path).responses['200']!.content!)).toEqual(['application/pdf']);
		}
		expect(Object.keys(op('get', '/api/events').responses['200']!.content!)).toEqual(['text/event-stream']);
	});

	it('documents the answers of the console, portal, self-reading and map with their fields', () => {
		const schemaOf = (method: string, path: string, status = '200') =>
			(op(method, path).responses[status]!.content!['application/json'] as { schema: { properties: Record<string, unknown> } }).schema;
		expect(Object.keys(schemaOf('get', '/api/requests/{id}').properties)).toEqual(expect.arrayContaining(['timeline', 'installations', 'documents', 'meterCheck']));
		expect(Object.keys(schemaOf('get', '/api/map').properties)).toEqual(['jobs', 'crews', 'serverTime']);
		expect(Object.keys(schemaOf('get', '/api/portal/{token}').properties)).toEqual(['request', 'contract', 'changes', 'correction', 'canSign', 'canCorrect', 'documentTitle', 'signedAt']);
		expect(Object.keys(schemaOf('post', '/api/self-reading/{token}', '201').properties)).toEqual(['ok', 'complaint']);
		// every refusal has the one error shape
		const refusal = op('post', '/api/requests/{id}/dispatch').responses['400']!.content!['application/json'] as { schema: { properties: Record<string, unknown> } };
		expect(Object.keys(refusal.schema.properties)).toEqual(['error']);
	});

	it('marks the routes that need a session', () => {
		expect(op('get', '/api/requests').security).toEqual([{ bearer: [] }]);
		expect(op('get', '/api/catalog').security).toBeUndefined();
		expect(op('get', '/api/portal/{token}').security).toBeUndefined();
	});

	it('refuses a body sent as another media type on a JSON route with 415, in words', async () => {
		// (a body that is not JSON at all is refused by the input guard first: 400)
		const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ username: 'a', password: 'b' }) });
		expect(res.status).toBe(415);
		const words = 'Nội dung gửi lên phải là JSON (Content-Type: application/json)';
		expect(await res.json()).toEqual({
			error: { code: 'unsupported_media_type', message: words, text: { vi: words, en: 'The data sent must be JSON (Content-Type: application/json)' } }
		});
	});
});
