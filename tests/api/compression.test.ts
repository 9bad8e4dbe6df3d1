import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/factories';

// What a crew on a slow mobile link receives: the same answer, fewer bytes.
describe('compression', () => {
	let t: TestContext;
	let staticDir: string;
	const script = `export const words = ${JSON.stringify('Hiện Trường '.repeat(400))};\n`;
	beforeEach(async () => {
		staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-static-'));
		fs.mkdirSync(path.join(staticDir, '_app', 'immutable'), { recursive: true });
		fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Hiện Trường</title>');
		const asset = path.join(staticDir, '_app', 'immutable', 'start.js');
		fs.writeFileSync(asset, script);
		fs.writeFileSync(`${asset}.br`, brotliCompressSync(script));
		fs.writeFileSync(`${asset}.gz`, gzipSync(script));
		t = await createTestContext('pglite', { staticDir });
	});
	afterEach(async () => {
		await t.close();
		fs.rmSync(staticDir, { recursive: true, force: true });
	});

	it('gzips a large JSON answer for a client that accepts it, and the answer reads the same', async () => {
		const plain = await t.app.request('/api/catalog');
		const zipped = await t.app.request('/api/catalog', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
		const plainBytes = Buffer.from(await plain.arrayBuffer());
		const zippedBytes = Buffer.from(await zipped.arrayBuffer());
		expect(zippedBytes.length).toBeLessThan(plainBytes.length / 3);
		expect(JSON.parse(gunzipSync(zippedBytes).toString('utf8'))).toEqual(JSON.parse(plainBytes.toString('utf8')));
	});

	it('leaves a small answer as it is (compressing a few bytes only costs time)', async () => {
		const res = await t.app.request('/api/health', { headers: { 'Accept-Encoding': 'gzip' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-encoding')).toBeNull();
	});

	it('serves the build’s precompressed asset by Accept-Encoding: brotli first, then gzip, else the plain file', async () => {
		const br = await t.app.request('/_app/immutable/start.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('content-type')).toMatch(/javascript/);
		expect(Buffer.from(await br.arrayBuffer())).toEqual(brotliCompressSync(script));

		const gz = await t.app.request('/_app/immutable/start.js', { headers: { 'Accept-Encoding': 'gzip' } });
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(script);

		const plain = await t.app.request('/_app/immutable/start.js');
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(script);
	});
});
