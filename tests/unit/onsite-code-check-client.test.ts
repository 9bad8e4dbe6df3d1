// The signing screen's online code check: the server's verdict in words, or "offline" (queue and check at sync).
import { describe, expect, it } from 'vitest';
import { checkCodeOnline } from '$lib/client/onsite-code-check';
import { fakeFetch, json } from './client-fixtures';

describe('checking the customer’s code online before queueing the signature', () => {
	it('a wrong code comes back with the real attempts left and the words to show', async () => {
		const answer = { result: 'wrong', attemptsLeft: 3, message: { vi: 'YC-1 – Nguyễn Văn Khách: mã ký không đúng, còn 3 lần thử.', en: 'wrong, 3 attempts left' } };
		const { fetch, calls } = fakeFetch(() => json(answer));
		const outcome = await checkCodeOnline({ fetch, token: 't' }, 'req 1', '123456');
		expect(outcome).toEqual({ kind: 'answer', answer });
		expect(calls[0]!.url).toBe('/api/requests/req%201/signing-code/check');
		expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ code: '123456' });
	});

	it('no network or a server that cannot answer: the signature is queued and checked at sync', async () => {
		const down = fakeFetch(() => {
			throw new TypeError('Failed to fetch');
		});
		expect(await checkCodeOnline({ fetch: down.fetch, token: 't' }, 'r', '123456')).toEqual({ kind: 'offline' });
		const broken = fakeFetch(() => json({ error: { code: 'internal', message: 'Lỗi máy chủ' } }, 503));
		expect(await checkCodeOnline({ fetch: broken.fetch, token: 't' }, 'r', '123456')).toEqual({ kind: 'offline' });
	});

	it('a refusal (the contract no longer awaits signing on site) keeps the server’s words', async () => {
		const { fetch } = fakeFetch(() => json({ error: { code: 'not_signable_on_site', message: 'YC-1 – Nguyễn Văn Khách: hợp đồng không còn chờ ký tại hiện trường' } }, 409));
		expect(await checkCodeOnline({ fetch, token: 't' }, 'r', '123456')).toEqual({
			kind: 'refused',
			message: { vi: 'YC-1 – Nguyễn Văn Khách: hợp đồng không còn chờ ký tại hiện trường', en: 'YC-1 – Nguyễn Văn Khách: hợp đồng không còn chờ ký tại hiện trường' }
		});
	});
});
