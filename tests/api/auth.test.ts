import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/factories';

describe.each(DRIVERS)('auth on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	it('logs a crew member in and returns a token and who they are', async () => {
		const crew = await t.makeCrew({ name: 'Tổ 7 — Ba Đình' });
		await t.makeUser({ username: 'thocong', fullName: 'Trần Văn An', crewId: crew.id });
		const res = await t.call('POST', '/api/auth/login', { body: { username: 'thocong', password: TEST_PASSWORD } });
		expect(res.status).toBe(200);
		expect(res.body.token).toMatch(/^[\w-]{40,}$/);
		expect(res.body.user).toMatchObject({ username: 'thocong', fullName: 'Trần Văn An', role: 'crew', crewId: crew.id, crewName: 'Tổ 7 — Ba Đình' });
		const me = await t.call('GET', '/api/auth/me', { token: res.body.token });
		expect(me.body.user.username).toBe('thocong');
	});

	it('refuses a wrong password and an unknown user with the same Vietnamese message', async () => {
		await t.makeUser({ username: 'thocong' });
		const wrong = await t.call('POST', '/api/auth/login', { body: { username: 'thocong', password: 'sai' } });
		const unknown = await t.call('POST', '/api/auth/login', { body: { username: 'khongco', password: 'sai' } });
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(wrong.body.error.message).toBe('Sai tên đăng nhập hoặc mật khẩu');
		expect(unknown.body.error).toEqual(wrong.body.error);
	});

	it('answers bad input with 400 and a message per field, never a 500', async () => {
		const missing = await t.call('POST', '/api/auth/login', { body: { username: '' } });
		expect(missing.status).toBe(400);
		expect(missing.body.error.fields).toEqual({ username: 'Nhập tên đăng nhập', password: 'Nhập mật khẩu' });
		const malformed = await t.call('POST', '/api/auth/login', { rawBody: '{"username": ' });
		expect(malformed.status).toBe(400);
		expect(malformed.body.error.code).toBe('bad_request');
	});

	it('rejects a missing, unknown or expired token with 401', async () => {
		await t.makeUser({ username: 'thocong' });
		const token = await t.login('thocong');
		expect((await t.call('GET', '/api/sync/pull')).status).toBe(401);
		expect((await t.call('GET', '/api/sync/pull', { token: 'khong-phai-token' })).status).toBe(401);
		t.setNow(new Date(t.now().getTime() + 25 * 3_600_000));
		const expired = await t.call('GET', '/api/sync/pull', { token });
		expect(expired.status).toBe(401);
		expect(expired.body.error.message).toContain('hết hạn');
	});

	it('ends the session on logout', async () => {
		await t.makeUser({ username: 'thocong' });
		const token = await t.login('thocong');
		expect((await t.call('POST', '/api/auth/logout', { token })).status).toBe(200);
		expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(401);
	});
});
