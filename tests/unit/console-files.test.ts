import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlobLoadError, BlobUrls, documentFileName, formatBytes, installationPhotoGroups, sha256Hex, surveyPhotoGroups, uploadBlob } from '../../src/lib/console/files';
import { documentHashes, EMPTY_INTAKE, intakeBodyOf, type AttachedDocument } from '../../src/lib/console/intake';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('photo groups of a request', () => {
	it('lists survey photos site first, leaving empty groups out', () => {
		expect(surveyPhotoGroups({ sitePhotos: [A, B], meterPhotos: [] })).toEqual([{ key: 'site', photos: [A, B] }]);
		expect(surveyPhotoGroups({ sitePhotos: [A], meterPhotos: [B] }).map((g) => g.key)).toEqual(['site', 'meter']);
	});

	it('lists installation photos: new meter, before, after; tolerates missing fields', () => {
		expect(installationPhotoGroups({ meterPhoto: A, beforePhotos: [B], afterPhotos: [] })).toEqual([
			{ key: 'installMeter', photos: [A] },
			{ key: 'before', photos: [B] }
		]);
		expect(installationPhotoGroups({})).toEqual([]);
	});
});

describe('sizes and names', () => {
	it('formats bytes with the decimal mark of the language', () => {
		expect(formatBytes(850)).toBe('850 B');
		expect(formatBytes(1536)).toBe('1,5 KB');
		expect(formatBytes(1536, 'en')).toBe('1.5 KB');
		expect(formatBytes(20 * 1024)).toBe('20 KB');
		expect(formatBytes(3.25 * 1024 * 1024)).toBe('3,3 MB');
	});

	it('names a downloaded document by its kind and hash', () => {
		expect(documentFileName(A, 'application/pdf')).toBe('tai-lieu-aaaaaaaa.pdf');
		expect(documentFileName(B, 'image/jpeg')).toBe('tai-lieu-bbbbbbbb.jpg');
	});
});

describe('uploading a document', () => {
	it('hashes like node:crypto', async () => {
		const bytes = new TextEncoder().encode('%PDF-1.4 hiện trường');
		expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
	});

	it('PUTs the bytes to /api/blobs/:sha256 with the token', async () => {
		const bytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
		const sha = createHash('sha256').update(bytes).digest('hex');
		const calls: Array<{ url: string; init: RequestInit }> = [];
		const fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
			calls.push({ url: String(url), init: init! });
			return new Response(JSON.stringify({ sha256: sha, size: 6, mime: 'image/jpeg' }), { status: 201 });
		}) as typeof globalThis.fetch;
		const result = await uploadBlob({ fetch, token: () => 'tok' }, bytes, 'image/jpeg');
		expect(result).toEqual({ ok: true, sha256: sha, size: 6, mime: 'image/jpeg' });
		expect(calls[0]!.url).toBe(`/api/blobs/${sha}`);
		expect(calls[0]!.init.method).toBe('PUT');
		expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
	});

	it("gives the server's message on a refusal, and status 0 when the network fails", async () => {
		const refusing = (async () =>
			new Response(JSON.stringify({ error: { code: 'unsupported_media_type', message: 'Chỉ nhận ảnh JPEG, WebP hoặc tệp PDF' } }), { status: 415 })) as unknown as typeof globalThis.fetch;
		expect(await uploadBlob({ fetch: refusing, token: () => 't' }, new Uint8Array([1]), 'text/plain')).toEqual({ ok: false, status: 415, message: 'Chỉ nhận ảnh JPEG, WebP hoặc tệp PDF' });
		const down = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof globalThis.fetch;
		expect(await uploadBlob({ fetch: down, token: () => 't' }, new Uint8Array([1]), 'image/jpeg')).toEqual({ ok: false, status: 0, message: null });
	});
});

describe('BlobUrls', () => {
	it('fetches each blob once with the token, and revokes every URL it made', async () => {
		const fetched: string[] = [];
		const fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
			fetched.push(`${String(url)} ${(init?.headers as Record<string, string>).authorization}`);
			return new Response(new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), { status: 200 });
		}) as typeof globalThis.fetch;
		let n = 0;
		const revoked: string[] = [];
		const urls = new BlobUrls({ fetch, token: () => 'tok' }, { create: () => `blob:${++n}`, revoke: (u) => revoked.push(u) });
		const [first, again] = await Promise.all([urls.get(A), urls.get(A)]);
		const other = await urls.get(B);
		expect(first).toEqual({ url: 'blob:1', mime: 'image/jpeg' });
		expect(again).toBe(first);
		expect(other.url).toBe('blob:2');
		expect(fetched).toEqual([`/api/blobs/${A} Bearer tok`, `/api/blobs/${B} Bearer tok`]);
		urls.revokeAll();
		expect(revoked).toEqual(['blob:1', 'blob:2']);
	});

	it('rejects with the server message and tries again next time', async () => {
		let calls = 0;
		const fetch = (async () => {
			calls++;
			return calls === 1
				? new Response(JSON.stringify({ error: { message: 'Không tìm thấy ảnh này' } }), { status: 404 })
				: new Response(new Blob([new Uint8Array([1])], { type: 'application/pdf' }), { status: 200 });
		}) as unknown as typeof globalThis.fetch;
		const urls = new BlobUrls({ fetch, token: () => null }, { create: () => 'blob:x', revoke: () => {} });
		const error = await urls.get(A).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BlobLoadError);
		expect((error as BlobLoadError).message).toBe('Không tìm thấy ảnh này');
		expect(await urls.get(A)).toEqual({ url: 'blob:x', mime: 'application/pdf' });
	});
});

describe('documents at intake', () => {
	const doc = (over: Partial<AttachedDocument>): AttachedDocument => ({ id: 'd', name: 'a.jpg', size: 1, status: 'done', sha256: A, message: null, ...over });

	it('sends the hashes of uploaded documents, once each', () => {
		expect(documentHashes([doc({}), doc({ id: 'e', sha256: B }), doc({ id: 'f' })])).toEqual({ hashes: [A, B], blocked: null });
		expect(documentHashes([])).toEqual({ hashes: [], blocked: null });
	});

	it('waits for uploads and refuses failed ones or too many', () => {
		expect(documentHashes([doc({}), doc({ status: 'uploading', sha256: null })]).blocked).toBe('uploading');
		expect(documentHashes([doc({ status: 'error', sha256: null, message: 'x' })]).blocked).toBe('failed');
		const many = Array.from({ length: 21 }, (_, i) => doc({ id: String(i), sha256: i.toString(16).padStart(64, '0') }));
		expect(documentHashes(many).blocked).toBe('tooMany');
	});

	it('puts the hashes in the intake body', () => {
		const built = intakeBodyOf({ ...EMPTY_INTAKE, serviceNumber: 2, name: 'Lan', phone: '0912345678', address: 'Số 1' }, { locationPair: 'x' }, [A, A, B]);
		expect(built.body?.documents).toEqual([A, B]);
		expect(intakeBodyOf({ ...EMPTY_INTAKE }, { locationPair: 'x' }).body?.documents).toEqual([]);
	});
});
