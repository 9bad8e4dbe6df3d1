import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('public routes on %s', (driver) => {
	let t: TestContext;
	beforeAll(async () => {
		t = await createTestContext(driver);
	});
	afterAll(() => t.close());

	it('serves the 79 services of the catalog without login, in the documented shape', async () => {
		const res = await t.call('GET', '/api/catalog');
		expect(res.status).toBe(200);
		expect(res.body).toHaveLength(79);
		expect(res.body.map((s: { number: number }) => s.number)).toEqual(Array.from({ length: 79 }, (_, i) => i + 1));
		for (const service of res.body) {
			expect(Object.keys(service)).toEqual(
				expect.arrayContaining(['number', 'group', 'name', 'processingTime', 'costSplit', 'description'])
			);
			expect(['working_days', 'hours', 'immediate', 'by_agreement', 'per_contract']).toContain(service.processingTime.kind);
		}
		expect(res.body[74]).toMatchObject({ number: 75, processingTime: { kind: 'working_days', value: 1 } });
	});

	it('answers one service, a 404 for an unknown number and a 400 for a non-number', async () => {
		expect((await t.call('GET', '/api/catalog/41')).body.name).toBe('Kiểm tra công tơ');
		expect((await t.call('GET', '/api/catalog/80')).status).toBe(404);
		expect((await t.call('GET', '/api/catalog/abc')).status).toBe(400);
	});

	it('reports health with the database driver', async () => {
		const res = await t.call('GET', '/api/health');
		expect(res.body).toMatchObject({ ok: true, database: driver });
	});

	it('publishes an OpenAPI document generated from the route schemas', async () => {
		const res = await t.call('GET', '/api/openapi.json');
		expect(res.body.openapi).toBe('3.1.0');
		const pull = res.body.paths['/api/sync/pull'].get;
		expect(pull.parameters).toEqual([
			expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
			// the paged pull (issue 14 item 2): a page's size, documented with its bounds
			expect.objectContaining({ name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ pattern: '^\\d{1,4}$' }) }),
			expect.objectContaining({ name: 'deviceId', in: 'query', required: false })
		]);
		// every resource the app mounts is documented
		expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/requests', '/api/portal/{token}/sign', '/api/payments/webhook', '/api/blobs/{sha256}', '/api/map', '/api/kpis']));
		const push = res.body.paths['/api/sync/push'].post;
		expect(push.requestBody.content['application/json'].schema.required).toEqual(['deviceId', 'commands']);
		const login = res.body.paths['/api/auth/login'].post;
		expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
	});

	it('answers an unknown API path with a JSON 404', async () => {
		const res = await t.call('GET', '/api/khong-co');
		expect(res.status).toBe(404);
		expect(res.body.error.code).toBe('not_found');
	});
});
