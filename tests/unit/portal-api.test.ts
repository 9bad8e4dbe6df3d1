import { describe, expect, it } from 'vitest';
import { createPortalApi, sha256Hex, waitSecondsIn } from '$lib/portal/api';
import { json, offline, refusal, scriptedFetch, TOKEN, viewOf } from './portal-fixtures';

describe('portal API client', () => {
	it('reads the page of a link', async () => {
		const { fetch, calls } = scriptedFetch(json(viewOf()));
		const result = await createPortalApi({ fetch, token: TOKEN }).view();
		expect(result).toEqual({ ok: true, data: viewOf() });
		expect(calls).toEqual([{ url: `/api/portal/${TOKEN}`, method: 'GET', body: undefined }]);
	});

	it('an unknown link is a refusal with the server code and Vietnamese message', async () => {
		const message = 'Đường dẫn không hợp lệ hoặc đã hết hạn; vui lòng liên hệ Điện lực để nhận đường dẫn mới';
		const { fetch } = scriptedFetch(refusal(404, 'link_invalid', message));
		expect(await createPortalApi({ fetch, token: TOKEN }).view()).toEqual({
			ok: false,
			failure: { kind: 'refused', status: 404, code: 'link_invalid', message, fields: {}, retryAfterSeconds: null }
		});
	});

	it('no network, a gateway page and a foreign body are told apart', async () => {
		const api = (handler: Parameters<typeof scriptedFetch>[0]) => createPortalApi({ fetch: scriptedFetch(handler).fetch, token: TOKEN });
		expect(await api(offline()).view()).toEqual({ ok: false, failure: { kind: 'network' } });
		expect(await api(() => new Response('<html>Bad gateway</html>', { status: 502 })).view()).toEqual({ ok: false, failure: { kind: 'network' } });
		expect(await api(json({ hello: 'world' })).view()).toEqual({ ok: false, failure: { kind: 'invalid_response', status: 200 } });
		expect(await api(() => new Response('oops', { status: 500 })).view()).toEqual({ ok: false, failure: { kind: 'invalid_response', status: 500 } });
	});

	it('sends a code; a 429 says how long to wait', async () => {
		const { fetch, calls } = scriptedFetch(
			json({ sentTo: { sms: true, email: false }, validMinutes: 10 }),
			refusal(429, 'too_soon', 'Mã vừa được gửi; vui lòng chờ 42 giây trước khi gửi lại')
		);
		const portal = createPortalApi({ fetch, token: TOKEN });
		expect(await portal.sendCode()).toEqual({ ok: true, data: { sentTo: { sms: true, email: false }, validMinutes: 10 } });
		const again = await portal.sendCode();
		expect(again).toMatchObject({ ok: false, failure: { kind: 'refused', status: 429, code: 'too_soon', retryAfterSeconds: 42 } });
		expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST /api/portal/${TOKEN}/code`, `POST /api/portal/${TOKEN}/code`]);
	});

	it('posts the signature and the correction as JSON; field messages come back by field', async () => {
		const { fetch, calls } = scriptedFetch(
			json({ ok: true }),
			refusal(400, 'invalid_input', 'Dữ liệu không hợp lệ: comment: Nêu nội dung cần chỉnh sửa (ít nhất 10 ký tự)', { comment: 'Nêu nội dung cần chỉnh sửa (ít nhất 10 ký tự)' }),
			json({ ok: true, contractVersion: 1, askedAt: '2026-11-23T04:00:00.000Z' })
		);
		const portal = createPortalApi({ fetch, token: TOKEN });
		const body = { contractSha256: 'a'.repeat(64), code: '123455', signature: { imagePng: 'data:image/png;base64,AA==', strokes: [[{ x: 1, y: 2, time: 3 }]], signerName: 'Mai' } };
		expect(await portal.sign(body)).toEqual({ ok: true, data: { ok: true } });
		expect(calls[0]).toEqual({ url: `/api/portal/${TOKEN}/sign`, method: 'POST', body });
		expect(await portal.requestCorrection('ok')).toMatchObject({ ok: false, failure: { status: 400, fields: { comment: 'Nêu nội dung cần chỉnh sửa (ít nhất 10 ký tự)' } } });
		expect(await portal.requestCorrection('Dời aptomat sang trái')).toEqual({ ok: true, data: { ok: true, contractVersion: 1, askedAt: '2026-11-23T04:00:00.000Z' } });
		expect(calls[2]!.body).toEqual({ comment: 'Dời aptomat sang trái' });
	});

	it('reads the wait out of the server message', () => {
		expect(waitSecondsIn('vui lòng chờ 7 giây trước khi gửi lại')).toBe(7);
		expect(waitSecondsIn('Đã gửi quá nhiều mã trong một giờ')).toBeNull();
	});

	it('hashes the shown text as the server does (UTF-8 SHA-256)', async () => {
		const { createHash } = await import('node:crypto');
		expect(await sha256Hex('Hợp đồng dịch vụ\nphiên bản 2')).toBe(createHash('sha256').update('Hợp đồng dịch vụ\nphiên bản 2', 'utf8').digest('hex'));
	});
});
