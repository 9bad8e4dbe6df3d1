import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { fakeJpeg } from '../support/field';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(DRIVERS)('photo blobs on %s', (driver) => {
	let t: TestContext;
	let token: string;
	beforeEach(async () => {
		t = await createTestContext(driver, { blobMaxBytes: 4096 });
		const crew = await t.makeCrew();
		await t.makeUser({ username: 'doi-anh', crewId: crew.id });
		token = await t.login('doi-anh');
	});
	afterEach(() => t.close());

	it('stores a JPEG once under its hash and gives back the same bytes', async () => {
		const photo = fakeJpeg('cong-to');
		const first = await t.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' });
		const second = await t.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' });
		expect(first.status).toBe(201);
		expect(second.status).toBe(200);
		expect(first.body).toEqual({ sha256: photo.sha256, size: photo.bytes.length, mime: 'image/jpeg' });
		expect(fs.existsSync(path.join(t.blobDir, photo.sha256.slice(0, 2), photo.sha256))).toBe(true);

		const head = await t.app.request(`/api/blobs/${photo.sha256}`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
		expect(head.status).toBe(200);
		const got = await t.app.request(`/api/blobs/${photo.sha256}`, { headers: { authorization: `Bearer ${token}` } });
		expect(got.headers.get('content-type')).toBe('image/jpeg');
		expect(new Uint8Array(await got.arrayBuffer())).toEqual(photo.bytes);
	});

	it('accepts WebP by its magic bytes', async () => {
		const bytes = new Uint8Array([...Buffer.from('RIFF'), 20, 0, 0, 0, ...Buffer.from('WEBPVP8 '), 1, 2, 3, 4]);
		const res = await t.call('PUT', `/api/blobs/${sha(bytes)}`, { token, bytes, contentType: 'image/webp' });
		expect(res.status).toBe(201);
		expect(res.body.mime).toBe('image/webp');
	});

	it('refuses bytes that do not match the hash, are not a photo, or are too large, with a clear message', async () => {
		const photo = fakeJpeg('hong');
		const corrupted = new Uint8Array(photo.bytes);
		corrupted[5] = corrupted[5]! ^ 0xff;
		const mismatch = await t.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: corrupted });
		expect(mismatch.status).toBe(400);
		expect(mismatch.body.error.code).toBe('hash_mismatch');

		const pdf = new Uint8Array(Buffer.from('%PDF-1.7 không phải ảnh'));
		const wrongType = await t.call('PUT', `/api/blobs/${sha(pdf)}`, { token, bytes: pdf, contentType: 'image/jpeg' });
		expect(wrongType.status).toBe(415);
		expect(wrongType.body.error.message).toContain('JPEG hoặc WebP');

		const big = new Uint8Array(5000).fill(7);
		big.set([0xff, 0xd8, 0xff]);
		const tooLarge = await t.call('PUT', `/api/blobs/${sha(big)}`, { token, bytes: big });
		expect(tooLarge.status).toBe(413);
		expect(tooLarge.body.error.message).toContain('Ảnh quá lớn');

		const missing = await t.app.request(`/api/blobs/${photo.sha256}`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
		expect(missing.status).toBe(404);
	});

	it("needs a login, and a crew cannot read another crew's photos", async () => {
		const photo = fakeJpeg('rieng');
		expect((await t.call('PUT', `/api/blobs/${photo.sha256}`, { bytes: photo.bytes })).status).toBe(401);
		await t.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes });

		const otherCrew = await t.makeCrew();
		await t.makeUser({ username: 'doi-khac', crewId: otherCrew.id });
		const other = await t.login('doi-khac');
		expect((await t.call('GET', `/api/blobs/${photo.sha256}`, { token: other })).status).toBe(404);

		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await t.login('giamsat');
		expect((await t.call('GET', `/api/blobs/${photo.sha256}`, { token: supervisor })).status).toBe(200);
		// a supervisor of another unit does not learn the photo exists
		await t.makeUser({ username: 'giamsat-khac', role: 'supervisor', unitId: (await t.makeUnit()).id });
		expect((await t.call('GET', `/api/blobs/${photo.sha256}`, { token: await t.login('giamsat-khac') })).status).toBe(404);
	});

	it('rejects a malformed hash in the address with 400', async () => {
		const res = await t.call('PUT', '/api/blobs/khong-phai-ma', { token, bytes: fakeJpeg('x').bytes });
		expect(res.status).toBe(400);
		expect(res.body.error.fields.sha256).toContain('SHA-256');
	});
});

describe.each(DRIVERS)('materials and outbox on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	it('serves the materials price list publicly with both sides of the cost boundary', async () => {
		const res = await t.call('GET', '/api/materials');
		expect(res.status).toBe(200);
		const codes = res.body.materials.map((m: { code: string }) => m.code);
		expect(codes).toEqual(expect.arrayContaining(['CU-XLPE-2x6', 'CU-XLPE-4x10', 'MCB-1P-32']));
		const sides = new Set(res.body.materials.map((m: { side: string }) => m.side));
		expect(sides).toEqual(new Set(['utility', 'customer']));
		for (const m of res.body.materials) expect(Number.isInteger(m.unitPrice) && m.unitPrice > 0).toBe(true);
	});
});
