import { describe, expect, it } from 'vitest';
import { createSelfReadingApi } from '$lib/self-reading/api';
import { SelfReadingPage, type Compress } from '$lib/self-reading/self-reading-page.svelte';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx_-12';
const NOW = new Date('2026-11-23T03:00:00.000Z');
const SHA = 'a'.repeat(64);
const OTHER_SHA = 'b'.repeat(64);

interface Call {
	url: string;
	method: string;
	body: unknown;
	contentType: string | null;
}

type Handler = (call: Call) => Response | Promise<Response>;

/** A fetch that answers each call with the next handler, in order, and records what was asked (JSON or a blob). */
function scriptedFetch(...handlers: Handler[]) {
	const calls: Call[] = [];
	const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const headers = new Headers(init?.headers);
		const raw = init?.body;
		const body = raw instanceof Blob ? raw : typeof raw === 'string' ? JSON.parse(raw) : undefined;
		const call = { url: String(input), method: init?.method ?? 'GET', body, contentType: headers.get('content-type') };
		calls.push(call);
		const handler = handlers.shift();
		if (!handler) throw new Error(`unexpected fetch ${call.method} ${call.url}`);
		return handler(call);
	}) as typeof globalThis.fetch;
	return { fetch, calls, pending: () => handlers.length };
}

const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (status: number, code: string, message: string, fields?: Record<string, string>) => json({ error: fields ? { code, message, fields } : { code, message } }, status);
const offline = () => () => Promise.reject(new TypeError('Failed to fetch'));

function viewOf(overrides: { submitted?: boolean; lastReading?: { kwh: number; at: string; source: 'utility' | 'crew' | 'customer' } | null } = {}) {
	return {
		meter: { serial: 'HN-CT-0011', phases: 1, type: 'mechanical', registerDigits: 6 },
		customerName: 'Nguyễn Văn An',
		readingDate: '2026-11-23',
		lastReading: overrides.lastReading === undefined ? { kwh: 4200, at: '2026-10-24T02:00:00.000Z', source: 'utility' } : overrides.lastReading,
		submitted: overrides.submitted ?? false
	};
}

const photoBytes = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' });

function pageWith(...handlers: Handler[]) {
	const fetch = scriptedFetch(...handlers);
	const compressed: Array<{ requestCode: string; capturedAt: Date }> = [];
	let nextSha = SHA;
	const compress: Compress = async (file, options) => {
		compressed.push({ requestCode: options.stamp.requestCode, capturedAt: options.stamp.capturedAt });
		if ((file as Blob).size === 0) throw new Error('Không đọc được ảnh (định dạng không hỗ trợ hoặc tệp hỏng)');
		return { blob: photoBytes, sha256: nextSha, size: photoBytes.size };
	};
	const page = new SelfReadingPage({ api: createSelfReadingApi({ fetch: fetch.fetch, token: TOKEN }), compress, now: () => NOW });
	return { page, compressed, setNextSha: (sha: string) => (nextSha = sha), ...fetch };
}

async function filledIn(page: SelfReadingPage, kwh = '4355') {
	await page.open();
	await page.takePhoto(new Blob([new Uint8Array([1])], { type: 'image/jpeg' }));
	page.setKwh(kwh);
}

describe('the self-reading page', () => {
	it('loads the meter; a link already used says so at once', async () => {
		const fresh = pageWith(json(viewOf()));
		await fresh.page.open();
		expect(fresh.calls[0]).toMatchObject({ url: `/api/self-reading/${TOKEN}`, method: 'GET' });
		expect(fresh.page.view?.meter.serial).toBe('HN-CT-0011');
		expect(fresh.page.canSend).toBe(true);
		expect(fresh.page.alreadySent).toBe(false);

		const used = pageWith(json(viewOf({ submitted: true })));
		await used.page.open();
		expect(used.page.alreadySent).toBe(true);
		expect(used.page.canSend).toBe(false);
	});

	it('an unknown or malformed link cannot be retried; a network failure can', async () => {
		const gone = pageWith(refusal(404, 'link_invalid', 'Đường dẫn không hợp lệ hoặc đã hết hạn'));
		await gone.page.open();
		expect(gone.page.invalidLink).toBe(true);
		expect(gone.page.loadFailureText?.vi).toMatch(/không hợp lệ hoặc đã hết hạn/);

		const malformed = pageWith(refusal(400, 'invalid_input', 'Dữ liệu không hợp lệ: token: Đường dẫn không hợp lệ', { token: 'Đường dẫn không hợp lệ' }));
		await malformed.page.open();
		expect(malformed.page.invalidLink).toBe(true);

		const down = pageWith(offline(), json(viewOf()));
		await down.page.open();
		expect(down.page.invalidLink).toBe(false);
		expect(down.page.loadFailureText?.vi).toMatch(/Không kết nối được máy chủ/);
		await down.page.open();
		expect(down.page.loadFailure).toBeNull();
		expect(down.page.view).not.toBeNull();
	});

	it('compresses the photo like the crew photos (stamped with the time, no request code) and keeps its hash', async () => {
		const { page, compressed } = pageWith(json(viewOf()));
		await page.open();
		await page.takePhoto(new Blob([new Uint8Array([1])], { type: 'image/jpeg' }));
		expect(compressed).toEqual([{ requestCode: '', capturedAt: NOW }]);
		expect(page.photo?.sha256).toBe(SHA);
		expect(page.photoError).toBeNull();

		await page.takePhoto(new Blob([], { type: 'image/jpeg' }));
		expect(page.photoError?.vi).toMatch(/^Không đọc được ảnh; vui lòng chụp lại/);
		expect(page.photo?.sha256, 'the earlier photo stays').toBe(SHA);
	});

	it('says while typing only what more typing cannot fix; sending says the rest', async () => {
		const { page, calls } = pageWith(json(viewOf()));
		await page.open();
		await page.takePhoto(new Blob([new Uint8Array([1])], { type: 'image/jpeg' }));
		page.setKwh('4');
		expect(page.kwhError, '"4" may be on its way to 4355').toBeNull();
		page.setKwh('4100');
		expect(page.kwhError?.vi).toMatch(/^Chỉ số 4\.100 kWh nhỏ hơn chỉ số lần trước \(4\.200 kWh, ngày 24\/10\/2026\)/);
		page.setKwh('1234567');
		expect(page.kwhError?.vi).toMatch(/nhiều chữ số hơn mặt số công tơ \(6 chữ số\)/);
		page.setKwh('42');
		expect(page.kwhError).toBeNull();
		await page.send();
		expect(page.kwhError?.en).toMatch(/^The reading 42 kWh is below the last reading/);
		expect(calls).toHaveLength(1);
		page.setKwh('420');
		expect(page.kwhError, 'typing again goes back to the typing rules').toBeNull();
	});

	it('sends nothing without a photo or with a reading the rules refuse', async () => {
		const { page, calls } = pageWith(json(viewOf()));
		await page.open();
		page.setKwh('4100');
		await page.send();
		expect(page.photoError?.vi).toBe('Vui lòng chụp ảnh mặt công tơ');
		expect(page.kwhError?.en).toMatch(/below the last reading/);
		expect(page.sendError?.vi).toBe('Vui lòng kiểm tra các mục được đánh dấu.');
		expect(calls).toHaveLength(1);
	});

	it('uploads the photo as raw bytes, then sends the reading; a difference names the complaint', async () => {
		const { page, calls } = pageWith(json(viewOf()), json({ sha256: SHA, size: 7, mime: 'image/jpeg' }, 201), json({ ok: true, complaint: { code: 'YC-2026-00042' } }, 201));
		await filledIn(page, '4 355,5');
		await page.send();
		expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
			`GET /api/self-reading/${TOKEN}`,
			`PUT /api/self-reading/${TOKEN}/photo/${SHA}`,
			`POST /api/self-reading/${TOKEN}`
		]);
		expect(calls[1]!.body).toBe(photoBytes);
		expect(calls[1]!.contentType).toBe('image/jpeg');
		expect(calls[2]!.body).toEqual({ kwh: 4355.5, photoSha256: SHA });
		expect(page.sent).toEqual({ ok: true, complaint: { code: 'YC-2026-00042' }, kwh: 4355.5 });
		expect(page.canSend).toBe(false);
		expect(page.phase).toBe('idle');
	});

	it('a matching reading is sent with no complaint', async () => {
		const { page } = pageWith(json(viewOf()), json({ sha256: SHA, size: 7, mime: 'image/jpeg' }, 200), json({ ok: true, complaint: null }, 201));
		await filledIn(page);
		await page.send();
		expect(page.sent).toEqual({ ok: true, complaint: null, kwh: 4355 });
	});

	it('keeps everything typed when the network drops, and retries without uploading the photo twice', async () => {
		const { page, calls, pending } = pageWith(
			json(viewOf()),
			offline(),
			json({ sha256: SHA, size: 7, mime: 'image/jpeg' }, 201),
			offline(),
			json({ ok: true, complaint: null }, 201)
		);
		await filledIn(page);
		await page.send();
		expect(page.sendError?.vi).toMatch(/Không kết nối được máy chủ.*vẫn được giữ/);
		expect(page.canRetry).toBe(true);
		expect(page.kwhInput).toBe('4355');
		expect(page.photo?.sha256).toBe(SHA);

		await page.send(); // photo goes, the reading does not
		expect(page.canRetry).toBe(true);
		await page.send(); // only the reading now
		expect(pending()).toBe(0);
		expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2);
		expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2);
		expect(page.sent?.kwh).toBe(4355);
		expect(page.sendError).toBeNull();
		expect(page.canRetry).toBe(false);
	});

	it('a new photo after an upload is uploaded again', async () => {
		const { page, calls, setNextSha } = pageWith(
			json(viewOf()),
			json({ sha256: SHA, size: 7, mime: 'image/jpeg' }, 201),
			offline(),
			json({ sha256: OTHER_SHA, size: 7, mime: 'image/jpeg' }, 201),
			json({ ok: true, complaint: null }, 201)
		);
		await filledIn(page);
		await page.send();
		setNextSha(OTHER_SHA);
		await page.takePhoto(new Blob([new Uint8Array([2])], { type: 'image/jpeg' }));
		await page.send();
		expect(calls.filter((c) => c.method === 'PUT').map((c) => c.url.split('/').at(-1))).toEqual([SHA, OTHER_SHA]);
		expect(calls.at(-1)!.body).toEqual({ kwh: 4355, photoSha256: OTHER_SHA });
	});

	it('a 409 says the reading was already sent; a 404 says the link is no longer valid', async () => {
		const twice = pageWith(json(viewOf()), json({ sha256: SHA }, 200), refusal(409, 'already_sent', 'Quý khách đã gửi chỉ số cho ngày ghi này'));
		await filledIn(twice.page);
		await twice.page.send();
		expect(twice.page.alreadySent).toBe(true);
		expect(twice.page.canSend).toBe(false);
		expect(twice.page.sendError).toBeNull();

		const expired = pageWith(json(viewOf()), refusal(404, 'link_invalid', 'Đường dẫn không hợp lệ hoặc đã hết hạn'));
		await filledIn(expired.page);
		await expired.page.send();
		expect(expired.page.view).toBeNull();
		expect(expired.page.invalidLink).toBe(true);
	});

	it("shows the server's refusal of the reading (422) at the reading, and clears it when the reading is typed again", async () => {
		const message = 'Chỉ số 4.300 nhỏ hơn chỉ số lần trước (4.310 kWh); hãy đọc lại';
		// the phone knew only an older reading; the server knows a later one
		const { page } = pageWith(json(viewOf()), json({ sha256: SHA }, 201), refusal(422, 'below_previous', message));
		await filledIn(page, '4300');
		await page.send();
		expect(page.kwhError).toEqual({ vi: message, en: 'The reading is below the meter’s previous reading; please read the meter again' });
		expect(page.sendError?.vi).toBe('Vui lòng kiểm tra các mục được đánh dấu.');
		expect(page.canRetry).toBe(false);
		expect(page.canSend).toBe(true);
		page.setKwh('4311');
		expect(page.kwhError).toBeNull();
	});

	it('a refused photo is said at the photo; a server error can be retried', async () => {
		const badPhoto = pageWith(json(viewOf()), refusal(415, 'unsupported_type', 'Chỉ nhận ảnh JPEG hoặc WebP'));
		await filledIn(badPhoto.page);
		await badPhoto.page.send();
		expect(badPhoto.page.photoError).toEqual({ vi: 'Chỉ nhận ảnh JPEG hoặc WebP', en: 'Only JPEG or WebP photos are accepted; please take it again.' });
		expect(badPhoto.page.canRetry).toBe(false);

		const broken = pageWith(json(viewOf()), json({ sha256: SHA }, 201), refusal(500, 'internal', 'Lỗi máy chủ, vui lòng thử lại sau'));
		await filledIn(broken.page);
		await broken.page.send();
		expect(broken.page.sendError?.vi).toMatch(/sự cố \(500\)/);
		expect(broken.page.canRetry).toBe(true);
	});

	it('an answer that is not the API (a proxy page) is not taken for success', async () => {
		const { page } = pageWith(json(viewOf()), json({ sha256: SHA }, 201), () => new Response('<html>', { status: 200 }));
		await filledIn(page);
		await page.send();
		expect(page.sent).toBeNull();
		expect(page.sendError?.en).toMatch(/unexpected answer \(200\)/);
		expect(page.canRetry).toBe(true);
	});
	it('asks for a meter check: a new request, or the one already open; a refusal is said, a network drop can be retried', async () => {
		const fresh = pageWith(json(viewOf()), offline(), json({ code: 'YC-2026-01010', created: true }, 201));
		await fresh.page.open();
		await fresh.page.askMeterCheck();
		expect(fresh.page.meterCheckError?.vi).toMatch(/Không kết nối được máy chủ/);
		expect(fresh.page.meterCheckCanRetry).toBe(true);
		await fresh.page.askMeterCheck();
		expect(fresh.calls.at(-1)).toMatchObject({ method: 'POST', url: `/api/self-reading/${TOKEN}/meter-check` });
		expect(fresh.page.meterCheck).toEqual({ code: 'YC-2026-01010', created: true });
		expect(fresh.page.meterCheckError).toBeNull();
		await fresh.page.askMeterCheck(); // asked already: nothing more is sent
		expect(fresh.pending()).toBe(0);
		expect(fresh.calls).toHaveLength(3);

		const open = pageWith(json(viewOf({ submitted: true })), json({ code: 'YC-2026-01000', created: false }));
		await open.page.open();
		await open.page.askMeterCheck();
		expect(open.page.meterCheck).toEqual({ code: 'YC-2026-01000', created: false });

		const removed = pageWith(json(viewOf()), refusal(409, 'meter_removed', 'Công tơ này đã thôi sử dụng (đã được thay hoặc hợp đồng mua bán điện đã chấm dứt); vui lòng liên hệ Điện lực'));
		await removed.page.open();
		await removed.page.askMeterCheck();
		expect(removed.page.meterCheckError).toEqual({
			vi: 'Công tơ này đã thôi sử dụng (đã được thay hoặc hợp đồng mua bán điện đã chấm dứt); vui lòng liên hệ Điện lực',
			en: 'This meter is out of service (replaced, or its electricity purchase contract ended); please contact the power company'
		});
		expect(removed.page.meterCheckCanRetry).toBe(false);
		expect(removed.page.alreadySent, 'a refused check says nothing about the reading').toBe(false);

		const expired = pageWith(json(viewOf()), refusal(404, 'link_invalid', 'Đường dẫn không hợp lệ hoặc đã hết hạn'));
		await expired.page.open();
		await expired.page.askMeterCheck();
		expect(expired.page.invalidLink).toBe(true);
	});
});
