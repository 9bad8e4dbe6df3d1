import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RateLimitPolicy } from '../../server/limits';
import { deleteExpiredRateLimits, rateLimits } from '../../server/db/rate-limits';
import { DRIVERS } from '../support/db';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/factories';
import { awaitingRemoteSignature, crewWithSurveyJob, fakeJpeg } from '../support/field';

const LOCKED_OUT = 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 5 phút';

describe.each(DRIVERS)('rate limits on %s', (driver) => {
	let t: TestContext;
	const start = (opts: { rateLimits?: Partial<RateLimitPolicy>; blobMaxBytes?: number; persistent?: boolean } = {}) =>
		createTestContext(driver, opts).then((ctx) => (t = ctx));
	afterEach(async () => {
		vi.useRealTimers();
		await t.close();
	});

	async function supervisorToken(unitId?: string) {
		const user = await t.makeUser({ role: 'supervisor', unitId: unitId ?? null, crewId: null });
		return t.login(user.username);
	}

	const login = (username: string, password: string, headers: Record<string, string> = {}) =>
		t.app.request('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify({ username, password })
		});

	describe('login', () => {
		it('refuses the right password after ten wrong ones, with Retry-After and a Vietnamese message', async () => {
			await start();
			await t.makeUser({ username: 'giamsat', role: 'supervisor' });
			for (let i = 0; i < 10; i++) expect((await login('giamsat', `sai-${i}`)).status).toBe(401);
			const locked = await login('giamsat', TEST_PASSWORD);
			expect(locked.status).toBe(429);
			const retryAfter = Number(locked.headers.get('retry-after'));
			expect(retryAfter).toBeGreaterThan(240);
			expect(retryAfter).toBeLessThanOrEqual(300);
			expect((await locked.json()).error).toEqual({ code: 'too_many_attempts', message: LOCKED_OUT, text: { vi: LOCKED_OUT, en: 'Too many failed sign-ins; please try again in 5 min' } });
		});

		it('lets at most ten of a hundred simultaneous guesses be checked, and the right password after them is refused', async () => {
			await start();
			await t.makeUser({ username: 'doi1.an' });
			const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login('doi1.an', `doan-${i}`)));
			const statuses = answers.map((res) => res.status);
			expect(statuses.filter((s) => s === 401)).toHaveLength(10);
			expect(statuses.filter((s) => s === 429)).toHaveLength(90);
			expect((await login('doi1.an', TEST_PASSWORD)).status).toBe(429);
		});

		it('counts one account however its name is typed, and leaves other accounts alone', async () => {
			await start();
			await t.makeUser({ username: 'doi1.an' });
			await t.makeUser({ username: 'doi2.cuong' });
			for (let i = 0; i < 10; i++) expect((await login(i % 2 ? ' DOI1.AN ' : 'doi1.an', 'sai')).status).toBe(401);
			expect((await login('Doi1.An', TEST_PASSWORD)).status).toBe(429);
			expect((await login('doi2.cuong', TEST_PASSWORD)).status).toBe(200);
		});

		it('lets the account in again when the lockout is over, and a success clears its failures', async () => {
			await start();
			await t.makeUser({ username: 'doi1.an' });
			vi.useFakeTimers({ toFake: ['Date'] });
			vi.setSystemTime(new Date('2026-11-23T02:00:00Z'));
			for (let i = 0; i < 11; i++) await login('doi1.an', 'sai');
			vi.setSystemTime(new Date('2026-11-23T02:04:00Z'));
			expect((await login('doi1.an', TEST_PASSWORD)).status).toBe(429);
			vi.setSystemTime(new Date('2026-11-23T02:05:01Z'));
			expect((await login('doi1.an', TEST_PASSWORD)).status).toBe(200);
			// the success wiped the streak: ten more mistakes are each checked before the lock applies again
			for (let i = 0; i < 10; i++) expect((await login('doi1.an', 'sai')).status).toBe(401);
			expect((await login('doi1.an', TEST_PASSWORD)).status).toBe(429);
		});

		it('throttles one client address across accounts, and believes X-Forwarded-For only behind a trusted proxy', async () => {
			await start({ rateLimits: { loginFailuresPerAddress: 3, trustedProxies: 1 } });
			for (const name of ['a1', 'a2', 'a3', 'a4']) await t.makeUser({ username: name });
			const from = (address: string) => ({ 'x-forwarded-for': `10.9.9.9, ${address}` });
			for (const name of ['a1', 'a2', 'a3']) expect((await login(name, 'sai', from('203.0.113.7'))).status).toBe(401);
			const blocked = await login('a4', TEST_PASSWORD, from('203.0.113.7'));
			expect(blocked.status).toBe(429);
			expect((await blocked.json()).error.message).toBe(LOCKED_OUT);
			// the proxy saw another client: the spoofable first entry is not what counts
			expect((await login('a4', TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' })).status).toBe(200);
		});

		it('ignores X-Forwarded-For when no proxy is trusted, so a client cannot pick a fresh address per guess', async () => {
			await start({ rateLimits: { loginFailuresPerAddress: 3 } });
			for (const name of ['a1', 'a2', 'a3', 'a4']) await t.makeUser({ username: name });
			for (const [i, name] of ['a1', 'a2', 'a3'].entries()) {
				expect((await login(name, 'sai', { 'x-forwarded-for': `192.0.2.${i}` })).status).toBe(401);
			}
			expect((await login('a4', TEST_PASSWORD, { 'x-forwarded-for': '192.0.2.99' })).status).toBe(429);
		});

		it('does not count successful logins against an address (a whole office behind one address logs in)', async () => {
			await start({ rateLimits: { loginFailuresPerAddress: 2 } });
			await t.makeUser({ username: 'doi1.an' });
			for (let i = 0; i < 6; i++) expect((await login('doi1.an', TEST_PASSWORD)).status).toBe(200);
			expect((await login('doi1.an', 'sai')).status).toBe(401);
		});

		it('sweeps only counters whose window is over: a running lockout survives the server’s sweep', async () => {
			await start();
			await t.makeUser({ username: 'doi1.an' });
			vi.useFakeTimers({ toFake: ['Date'] });
			vi.setSystemTime(new Date('2026-11-23T02:00:00Z'));
			for (let i = 0; i < 11; i++) await login('doi1.an', 'sai');
			expect(await deleteExpiredRateLimits(t.db, new Date())).toBe(0);
			expect((await login('doi1.an', TEST_PASSWORD)).status).toBe(429);
			vi.setSystemTime(new Date('2026-11-23T02:06:00Z'));
			expect(await deleteExpiredRateLimits(t.db, new Date())).toBeGreaterThan(0);
			expect(await t.db.select().from(rateLimits)).toEqual([]);
			expect((await login('doi1.an', TEST_PASSWORD)).status).toBe(200);
		});

		it('keeps the count in the database, so a restarted (or second) server process sees the same lockout', async () => {
			await start({ persistent: true });
			await t.makeUser({ username: 'giamsat', role: 'supervisor' });
			for (let i = 0; i < 10; i++) await login('giamsat', 'sai');
			await t.restart();
			expect((await login('giamsat', TEST_PASSWORD)).status).toBe(429);
		});
	});

	describe('self-reading uploads', () => {
		async function readingLink() {
			const unitId = (await t.makeUnit()).id;
			const supervisor = await supervisorToken(unitId);
			const meter = await t.makeMeter({ unitId });
			const sent = await t.call('POST', `/api/meters/${meter.serial}/reading-links`, { token: supervisor, body: { readingDate: '2026-11-23' } });
			expect(sent.status).toBe(201);
			const sms = (await t.outbox()).body.messages.find(
				(m: { kind: string; channel: string; body: string }) => m.kind === 'self_reading_link' && m.channel === 'sms' && m.body.includes(meter.serial)
			);
			return /\/self-reading\/([A-Za-z0-9_-]+)/.exec(sms.body)![1]!;
		}

		const upload = (token: string, bytes: Uint8Array, headers: Record<string, string> = {}) =>
			t.app.request(`/api/self-reading/${token}/photo/${createHash('sha256').update(bytes).digest('hex')}`, {
				method: 'PUT',
				headers: { 'content-type': 'image/jpeg', ...headers },
				body: bytes as BodyInit
			});

		it('refuses uploads past the number allowed per link and hour, closing the connection of the unread body', async () => {
			await start({ rateLimits: { selfReadingUploadsPerHour: 3 } });
			const token = await readingLink();
			for (let i = 0; i < 3; i++) expect((await upload(token, fakeJpeg(`cong-to-${i}`).bytes)).status).toBe(201);
			const refused = await upload(token, fakeJpeg('cong-to-3').bytes);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
			expect(refused.headers.get('connection')).toBe('close');
			expect((await refused.json()).error.message).toBe('Đã gửi quá nhiều ảnh qua đường dẫn này; vui lòng thử lại sau 60 phút');
			// another customer's link has its own budget
			expect((await upload(await readingLink(), fakeJpeg('khac').bytes)).status).toBe(201);
		});

		it('refuses uploads past the bytes allowed per link and hour, counting a body of unknown length as the largest photo', async () => {
			await start({ rateLimits: { selfReadingUploadMbPerHour: 1 }, blobMaxBytes: 300 * 1024 });
			const token = await readingLink();
			for (let i = 0; i < 3; i++) expect((await upload(token, fakeJpeg(`lon-${i}`).bytes)).status).toBe(201);
			const refused = await upload(token, fakeJpeg('lon-3').bytes);
			expect(refused.status).toBe(429);
			expect((await refused.json()).error.message).toContain('Dung lượng ảnh gửi qua đường dẫn này đã vượt giới hạn');
		});

		it('does not charge an upload the server refused (a photo that fails its check)', async () => {
			await start({ rateLimits: { selfReadingUploadsPerHour: 2 } });
			const token = await readingLink();
			const corrupt = fakeJpeg('hong');
			for (let i = 0; i < 3; i++) {
				const res = await t.app.request(`/api/self-reading/${token}/photo/${'0'.repeat(64)}`, { method: 'PUT', body: corrupt.bytes as BodyInit });
				expect(res.status).toBe(400);
			}
			for (let i = 0; i < 2; i++) expect((await upload(token, fakeJpeg(`tot-${i}`).bytes)).status).toBe(201);
		});
	});

	describe('code and link sends', () => {
		it('limits texting a meter’s reading-day link, and an anonymous caller cannot use up the supervisor’s budget', async () => {
			await start({ rateLimits: { codeSendsPerHour: 2 } });
			const unitId = (await t.makeUnit()).id;
			const supervisor = await supervisorToken(unitId);
			const meter = await t.makeMeter({ unitId });
			const send = (token?: string) => t.call('POST', `/api/meters/${meter.serial}/reading-links`, { token, body: { readingDate: '2026-11-23' } });
			for (let i = 0; i < 5; i++) expect((await send()).status).toBe(401);
			expect((await send(supervisor)).status).toBe(201);
			expect((await send(supervisor)).status).toBe(201);
			const refused = await send(supervisor);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(refused.body.error.message).toBe('Đã yêu cầu gửi mã hoặc đường dẫn quá nhiều lần; vui lòng thử lại sau 60 phút');
		});
	});

	describe('portal corrections', () => {
		/** A request with its contract drafted, sent to the customer's portal: the link's token. */
		async function portalLink() {
			const crew = await crewWithSurveyJob(t);
			const sent = await awaitingRemoteSignature(t, { crewId: crew.crew.id, submittedBy: crew.user.id, unitId: crew.crew.unitId });
			const supervisor = await t.tokenFor(await t.makeUser({ role: 'supervisor', unitId: crew.crew.unitId }));
			// the utility answers each correction (one is open at a time), so the next one can be asked
			const answer = () => t.call('POST', `/api/requests/${sent.request.id}/correction/answer`, { token: supervisor, body: { reason: 'Hợp đồng đúng theo dự toán đã thanh toán.' } });
			return { portal: sent.portalToken, answer };
		}

		it('limits correction requests per link and hour; a refused (invalid) one does not count', async () => {
			await start({ rateLimits: { portalCorrectionsPerHour: 2 } });
			const { portal, answer } = await portalLink();
			const correct = (comment: string) => t.call('POST', `/api/portal/${portal}/correction`, { body: { comment } });
			expect((await correct('')).status).toBe(400);
			expect((await correct('Xin chuyển aptomat sang tường bên trái cửa')).status).toBe(200);
			expect((await answer()).status).toBe(200);
			expect((await correct('Xin ghi rõ số nhà 12A')).status).toBe(200);
			expect((await answer()).status).toBe(200);
			const refused = await correct('Xin sửa thêm tên chủ hộ');
			expect(refused.status).toBe(429);
			expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
			expect(refused.body.error.message).toBe('Đã gửi quá nhiều yêu cầu sửa hợp đồng qua đường dẫn này; vui lòng thử lại sau 60 phút');
		});
	});
});
