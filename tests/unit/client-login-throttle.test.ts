import { describe, expect, it } from 'vitest';
import { requestLogin } from '$lib/client/auth';
import { i18n } from '$lib/i18n.svelte';
import { loginFailureText } from '$lib/client/labels';
import { fakeFetch } from './client-fixtures';

const LOCKED_OUT = 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 5 phút';

function lockedOut(retryAfter: string) {
	return fakeFetch(
		() =>
			new Response(JSON.stringify({ error: { code: 'too_many_attempts', message: LOCKED_OUT } }), {
				status: 429,
				headers: { 'content-type': 'application/json', 'retry-after': retryAfter }
			})
	);
}

describe('a login refused for too many failures', () => {
	it('is told apart from a wrong password, with how long to wait', async () => {
		const outcome = await requestLogin({ fetch: lockedOut('287').fetch, username: 'doi1.an', password: 'dung-roi' });
		expect(outcome).toEqual({ ok: false, kind: 'throttled', status: 429, serverMessage: LOCKED_OUT, retryAfterSeconds: 287 });
	});

	it('reads as the server’s Vietnamese message, and in English with the minutes to wait', async () => {
		const outcome = await requestLogin({ fetch: lockedOut('287').fetch, username: 'doi1.an', password: 'dung-roi' });
		if (outcome.ok) throw new Error('expected a refusal');
		expect(loginFailureText(outcome)).toEqual({ form: LOCKED_OUT, fields: {} });
		i18n.lang = 'en';
		try {
			expect(loginFailureText(outcome).form).toBe('Too many failed logins. Please try again in 5 min.');
		} finally {
			i18n.lang = 'vi';
		}
	});

	it('still names a wait when the server sent no usable Retry-After', async () => {
		const outcome = await requestLogin({ fetch: lockedOut('soon').fetch, username: 'doi1.an', password: 'x' });
		if (outcome.ok) throw new Error('expected a refusal');
		expect(outcome.retryAfterSeconds).toBeUndefined();
		expect(loginFailureText({ ...outcome, serverMessage: undefined }).form).toBe('Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 1 phút.');
	});
});
