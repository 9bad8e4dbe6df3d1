import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadS3Config } from '../../server/storage/config';
import { s3BlobStore, type BlobStore } from '../../server/storage/blob-store';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { fakeJpeg } from '../support/field';
import { freePort } from '../support/ports';

const BUCKET = 'hien-truong-anh';

// A local S3-compatible server (s3rver) stands in for MinIO, Ceph or a cloud bucket.
let s3: S3rver;
let s3Dir: string;
let endpoint: string;
const created: string[] = [];
beforeAll(async () => {
	s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-s3-'));
	const port = await freePort();
	s3 = new S3rver({ address: '127.0.0.1', port, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
	s3.on('event', (event: { Records: Array<{ eventName: string; s3: { object: { key: string } } }> }) => {
		for (const record of event.Records) if (record.eventName.startsWith('ObjectCreated')) created.push(record.s3.object.key);
	});
	await s3.run();
	endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
	await s3.close();
	fs.rmSync(s3Dir, { recursive: true, force: true });
});

function storeFromEnv(prefix: string): BlobStore {
	const config = loadS3Config({ S3_BUCKET: BUCKET, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_PREFIX: prefix });
	return s3BlobStore(config!);
}

describe.each(DRIVERS)('photos in object storage on %s', (driver) => {
	let first: TestContext;
	let prefix: string;
	beforeEach(async () => {
		prefix = `thu-${Math.random().toString(36).slice(2, 8)}`;
		first = await createTestContext(driver, { blobStore: storeFromEnv(prefix) });
	});
	afterEach(async () => {
		await first.close();
	});

	async function crewToken(t: TestContext) {
		const unitId = (await t.makeUnit()).id;
		const crew = await t.makeCrew({ unitId, name: 'Tổ Ảnh' });
		await t.makeUser({ username: 'doi-anh', crewId: crew.id });
		return t.login('doi-anh');
	}

	it('keeps an uploaded photo in the bucket, not on the API machine’s disk, and serves it back', async () => {
		const token = await crewToken(first);
		const photo = fakeJpeg('o-luu-tru');
		const put = await first.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' });
		expect(put.status).toBe(201);
		expect(created).toContain(`${prefix}/${photo.sha256.slice(0, 2)}/${photo.sha256}`);
		expect(fs.readdirSync(first.blobDir)).toEqual([]);
		const got = await first.app.request(`/api/blobs/${photo.sha256}`, { headers: { Authorization: `Bearer ${token}` } });
		expect(got.status).toBe(200);
		expect(got.headers.get('content-type')).toBe('image/jpeg');
		expect(new Uint8Array(await got.arrayBuffer())).toEqual(photo.bytes);
	});

	it('uploads a photo sent twice only once: the second send finds it in the bucket', async () => {
		const token = await crewToken(first);
		const photo = fakeJpeg('gui-hai-lan');
		expect((await first.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' })).status).toBe(201);
		const before = created.length;
		expect((await first.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' })).status).toBe(200);
		expect(created.length).toBe(before);
	});

	it('a photo whose bytes are gone from the bucket reads as missing, in words, not as a server error', async () => {
		const token = await crewToken(first);
		const photo = fakeJpeg('mat-anh');
		expect((await first.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' })).status).toBe(201);
		const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
		await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${prefix}/${photo.sha256.slice(0, 2)}/${photo.sha256}` }));
		client.destroy();
		const missing = await first.call('GET', `/api/blobs/${photo.sha256}`, { token });
		expect(missing.status).toBe(404);
		expect(missing.body.error.message).toMatch(/ảnh/i);
		// sent again, it is stored again (the row alone does not count as stored)
		expect((await first.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' })).status).toBe(200);
		expect((await first.app.request(`/api/blobs/${photo.sha256}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
	});
});

describe('object storage configuration', () => {
	it('is off without S3_BUCKET, and refuses half a key pair or an endpoint that is not an address', () => {
		expect(loadS3Config({})).toBeUndefined();
		expect(() => loadS3Config({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_SECRET_ACCESS_KEY/);
		expect(() => loadS3Config({ S3_BUCKET: 'b', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT/);
		expect(loadS3Config({ S3_BUCKET: 'b', S3_PREFIX: 'anh' })).toMatchObject({ bucket: 'b', prefix: 'anh/', region: 'us-east-1', forcePathStyle: true });
	});
});
