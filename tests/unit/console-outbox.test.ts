import { describe, expect, it } from 'vitest';
import { ConsoleApi } from '../../src/lib/console/api';
import { channelText, deliveryNotes, kindText, matchesOutboxQuery, newestFirst, outboxTime, requestText, statusText, type OutboxMessage } from '../../src/lib/console/outbox';

function message(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
	return {
		id: 'n-1',
		requestId: 'r-7f3a',
		requestCode: 'YC-2026-00042',
		customerName: 'Đặng Thu Trang',
		kind: 'survey_scheduled',
		channel: 'sms',
		recipient: '0912 345 678',
		subject: null,
		body: 'Điện lực hẹn khảo sát lúc 08:30 ngày 25/11/2026.',
		status: 'sent',
		attempts: 1,
		createdAt: '2026-11-24T01:30:00.000Z',
		sentAt: '2026-11-24T01:30:05.000Z',
		...overrides
	};
}

function apiAnswering(status: number, body: unknown) {
	const asked: string[] = [];
	const fetch = (async (input: RequestInfo | URL) => {
		asked.push(String(input));
		return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
	}) as typeof globalThis.fetch;
	return { api: new ConsoleApi({ fetch, token: () => 'tok' }), asked };
}

describe('demo outbox wording', () => {
	it('writes times as dd/mm/yyyy HH:mm in Hà Nội, across the UTC day boundary', () => {
		expect(outboxTime('2026-11-24T01:30:00.000Z')).toBe('24/11/2026 08:30');
		expect(outboxTime('2026-12-31T17:05:00.000Z')).toBe('01/01/2027 00:05');
		expect(outboxTime('not a time')).toBe('—');
	});

	it('names the channel and the status in words, with the tries of a failing message', () => {
		expect(channelText('sms', 'vi')).toBe('SMS');
		expect(channelText('email', 'en')).toBe('Email');
		expect(statusText(message(), 'vi')).toBe('đã gửi lúc 24/11/2026 08:30');
		expect(statusText(message({ status: 'queued', attempts: 0, sentAt: null }), 'vi')).toBe('chờ gửi');
		expect(statusText(message({ status: 'queued', attempts: 2, sentAt: null }), 'vi')).toBe('chờ gửi lại (đã thử 2 lần)');
		expect(statusText(message({ status: 'failed', attempts: 5, sentAt: null }), 'vi')).toBe('lỗi (đã thử 5 lần)');
		expect(statusText(message({ status: 'failed', attempts: 5, sentAt: null }), 'en')).toBe('failed (5 tries)');
	});

	it("shows the request by its code and the customer's name, the internal id only when the server sent no code", () => {
		expect(requestText(message(), 'vi')).toBe('YC-2026-00042 — Đặng Thu Trang');
		expect(requestText(message(), 'vi')).not.toContain('r-7f3a');
		expect(requestText(message({ customerName: null }), 'vi')).toBe('YC-2026-00042');
		expect(requestText(message({ requestCode: undefined, customerName: undefined }), 'vi')).toBe('Yêu cầu số hiệu r-7f3a');
		expect(requestText(message({ requestId: null, requestCode: null, customerName: null }), 'vi')).toBe('Không gắn với yêu cầu');
		expect(requestText(message({ requestId: null, requestCode: null, customerName: 'Lê Văn Nam' }), 'en')).toBe('Customer Lê Văn Nam (not about a request)');
	});
});

describe('demo outbox list', () => {
	it('puts the newest message first whatever order the server sent', () => {
		const older = message({ id: 'a', createdAt: '2026-11-24T01:00:00.000Z' });
		const newer = message({ id: 'b', createdAt: '2026-11-24T02:00:00.000Z' });
		const sameInstantLater = message({ id: 'c', createdAt: '2026-11-24T02:00:00.000Z' });
		expect(newestFirst([older, newer, sameInstantLater]).map((m) => m.id)).toEqual(['c', 'b', 'a']);
	});

	it('finds messages by request code, by phone however it is written, by email and by name', () => {
		const sms = message();
		const email = message({ id: 'n-2', channel: 'email', recipient: 'trang@example.vn', requestCode: 'YC-2026-00043', customerName: 'Ngô Lan' });
		const search = (q: string) => [sms, email].filter((m) => matchesOutboxQuery(m, q)).map((m) => m.id);
		expect(search('')).toEqual(['n-1', 'n-2']);
		expect(search('  yc-2026-00042 ')).toEqual(['n-1']);
		expect(search('0912345678')).toEqual(['n-1']);
		expect(search('+84 912 345 678')).toEqual(['n-1']);
		expect(search('345 678')).toEqual(['n-1']);
		expect(search('TRANG@')).toEqual(['n-2']);
		expect(search('thu trang')).toEqual(['n-1']);
		expect(search('0988')).toEqual([]);
	});

	it('does not match a request code against the digits of a phone number', () => {
		expect(matchesOutboxQuery(message({ recipient: '0912 026 000', requestCode: 'YC-2025-00001' }), 'YC-2026')).toBe(false);
	});
});

describe('console API: demo outbox and demo mode', () => {
	it('reads the outbox with the bearer token', async () => {
		const { api, asked } = apiAnswering(200, { messages: [message()] });
		expect((await api.outbox()).map((m) => m.requestCode)).toEqual(['YC-2026-00042']);
		expect(asked).toEqual(['/api/dev/outbox']);
	});

	it('gives the status of a refused outbox read, so the page can say it exists only in demo mode', async () => {
		const { api } = apiAnswering(404, { error: { code: 'not_found', message: 'Không có địa chỉ API này' } });
		await expect(api.outbox()).rejects.toMatchObject({ status: 404, name: 'ConsoleApiError' });
	});
});

describe('"Tin đã gửi": delivery in words', () => {
	it('names what a message is about and its channel, never the internal kind', () => {
		expect(kindText('contract_code', 'vi')).toBe('Tin mã ký hợp đồng');
		expect(kindText('self_reading_link', 'en')).toBe('Self-reading reminder');
		expect(kindText('a_kind_from_a_newer_server', 'vi')).toBe('Tin khác');
		expect(channelText('zalo', 'vi')).toBe('Zalo');
	});

	it('says when it reached the phone, why it failed, when it is tried next and that an SMS replaced Zalo', () => {
		expect(statusText(message({ status: 'delivered', deliveredAt: '2026-11-24T01:31:00.000Z' }), 'vi')).toBe('đã đến máy khách hàng lúc 24/11/2026 08:31');
		const retrying = message({ status: 'queued', attempts: 2, sentAt: null, failure: 'eSMS: tài khoản không đủ tiền', nextAttemptAt: '2026-11-24T01:32:00.000Z' });
		expect(deliveryNotes(retrying, 'vi')).toEqual(['Lý do: eSMS: tài khoản không đủ tiền', 'thử lại lúc 24/11/2026 08:32']);
		expect(deliveryNotes(message({ fallback: true, segments: 2 }), 'vi')).toEqual(['Gửi bằng SMS vì Zalo không chuyển được tin', '2 phần tin SMS']);
		// a message that went through keeps no old failure on show
		expect(deliveryNotes(message({ status: 'sent', failure: 'Zalo: lỗi máy chủ Zalo' }), 'vi')).toEqual([]);
	});

	it('reads the unit’s messages from /api/notices, one request’s with its id', async () => {
		const { api, asked } = apiAnswering(200, { notices: [message()] });
		expect((await api.sentNotices()).map((m) => m.requestCode)).toEqual(['YC-2026-00042']);
		await api.sentNotices('r-7f3a');
		expect(asked).toEqual(['/api/notices', '/api/notices?requestId=r-7f3a']);
	});
});
