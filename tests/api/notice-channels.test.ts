// Each channel adapter against a local fake provider speaking that provider's documented shapes: an SMS sent through
// eSMS, a temporary failure retried after its backoff, a refusal recorded for good, the delivery report updating the
// status, Zalo ZNS with its OAuth token refreshed before it expires and falling back to SMS, and a code never sent
// twice. Then the customer's preferences and the console's "Tin đã gửi".
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../server/db/notifications';
import { noticeProviderTokens } from '../../server/db/schema';
import { buildAdapters, loadNotifyConfig } from '../../server/notify/config';
import { backoffMs, dispatchDue, type Adapters } from '../../server/notify/dispatcher';
import { paymentNotice, queueNotice } from '../../server/notify/outbox';
import { DRIVERS } from '../support/db';
import { fakeEsms, fakeZalo } from '../support/fake-notice-providers';
import { createTestContext, type TestContext } from '../support/factories';

const ZALO_APP = { appId: '1234567890', appSecret: 'bi-mat-ung-dung', oaSecretKey: 'bi-mat-oa', firstRefreshToken: 'refresh-dau-tien' };
const CALLBACK_TOKEN = 'ma-bao-cao-esms-0123456789';

describe.each(DRIVERS)('customer notices through the providers on %s', (driver) => {
	let t: TestContext;
	let esms: Awaited<ReturnType<typeof fakeEsms>>;
	let zalo: Awaited<ReturnType<typeof fakeZalo>>;
	let adapters: Adapters;
	let zaloEnv: Record<string, string>;

	beforeEach(async () => {
		t = await createTestContext(driver);
		esms = await fakeEsms();
		zalo = await fakeZalo({ ...ZALO_APP, expiresInSeconds: 3600 });
		const env = (zaloEnv = {
			NOTIFY_SMS: 'esms',
			ESMS_API_URL: esms.url,
			ESMS_API_KEY: 'khoa-api',
			ESMS_SECRET_KEY: 'khoa-bi-mat',
			ESMS_BRANDNAME: 'EVNHANOI',
			ESMS_CALLBACK_TOKEN: CALLBACK_TOKEN,
			NOTIFY_ZALO: 'zns',
			ZALO_APP_ID: ZALO_APP.appId,
			ZALO_APP_SECRET: ZALO_APP.appSecret,
			ZALO_OA_SECRET_KEY: ZALO_APP.oaSecretKey,
			ZALO_REFRESH_TOKEN: ZALO_APP.firstRefreshToken,
			ZALO_OAUTH_URL: zalo.oauthUrl,
			ZALO_ZNS_URL: zalo.znsUrl,
			ZALO_ZNS_TEMPLATES: JSON.stringify({ visit_rescheduled: '248113' }),
			NOTIFY_TIMEOUT_MS: '2000'
		});
		adapters = buildAdapters(loadNotifyConfig(env, 'https://hientruong.evn.vn'), { db: t.db, clock: () => t.now() });
	});
	afterEach(async () => {
		await esms.close();
		await zalo.close();
		await t.close();
	});

	const dispatch = (at = t.now()) => dispatchDue(t.db, adapters, at, { newId: t.runtime.newId });

	async function queuePayment(customer: { phone?: string; email?: string | null } = {}) {
		const owner = await t.makeCustomer({ fullName: 'Trần Thị Mai', phone: customer.phone ?? '0912000111', email: customer.email === undefined ? null : customer.email });
		const request = await t.makeRequest({ code: 'YC-2026-00777', customerId: owner.id });
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: owner.email }, paymentNotice(request.id, request.code, owner.fullName, 1_234_500));
		return { request, owner };
	}

	const rows = async (requestId: string) => listNotifications(t.db, { requestId, limit: 20 });

	/** A service notice (not a code, not legally required): it goes by the channel the customer chose. */
	const visitNotice = (request: { id: string; code: string }, customerName: string, time: string) => ({
		requestId: request.id,
		kind: 'visit_rescheduled',
		sms: `EVN: Yeu cau ${request.code}: lich hen cua to Dien luc doi sang ${time} ngay 25/11/2026.`,
		email: { subject: `Đổi lịch hẹn — yêu cầu ${request.code}`, body: `Lịch hẹn mới: ${time} ngày 25/11/2026` },
		params: { customer_name: customerName, request_code: request.code, time, date: '25/11/2026' }
	});

	it('sends the SMS through eSMS as its API asks and records the SMSID', async () => {
		const { request } = await queuePayment();
		expect(await dispatch()).toEqual({ sent: 1, failed: 0 });
		const [sms] = await rows(request.id);
		expect(esms.requests).toHaveLength(1);
		expect(esms.requests[0]).toMatchObject({
			ApiKey: 'khoa-api',
			SecretKey: 'khoa-bi-mat',
			Brandname: 'EVNHANOI',
			SmsType: '2',
			IsUnicode: '0',
			Phone: '0912000111',
			RequestId: sms!.id,
			CallbackUrl: `https://hientruong.evn.vn/api/notices/callbacks/esms?token=${CALLBACK_TOKEN}`
		});
		expect(esms.requests[0]!.Content).toBe('EVN: Yeu cau YC-2026-00777: so tien dich vu day sau cong to can thanh toan la 1.234.500 dong. Chi tiet tai cong CSKH.');
		expect(sms).toMatchObject({ channel: 'sms', status: 'sent', providerId: esms.delivered[0]!.smsId, segments: 1, attempts: 1 });
	});

	it('retries a temporary failure after its backoff, and sends it then', async () => {
		const { request } = await queuePayment();
		esms.script.push({ codeResult: '103', errorMessage: 'Tai khoan khong du tien' });
		expect(await dispatch()).toEqual({ sent: 0, failed: 1 });
		let [sms] = await rows(request.id);
		expect(sms).toMatchObject({ status: 'queued', attempts: 1, lastError: 'eSMS: tài khoản không đủ tiền (Tai khoan khong du tien)' });
		// not before its backoff
		expect(await dispatch(new Date(t.now().getTime() + backoffMs(1) - 1))).toEqual({ sent: 0, failed: 0 });
		expect(await dispatch(new Date(t.now().getTime() + backoffMs(1)))).toEqual({ sent: 1, failed: 0 });
		[sms] = await rows(request.id);
		expect(sms).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
		expect(esms.delivered).toHaveLength(1);
	});

	it('records a refusal for good at once, with the provider’s answer, and never tries again', async () => {
		const { request } = await queuePayment();
		esms.script.push({ codeResult: '146', errorMessage: 'Noi dung khong dung mau' });
		await dispatch();
		const [sms] = await rows(request.id);
		expect(sms).toMatchObject({ status: 'failed', attempts: 1, lastError: 'eSMS: nội dung không khớp mẫu tin đã đăng ký (Noi dung khong dung mau)' });
		expect(sms!.providerAnswer).toContain('146');
		expect(sms!.failedAt).not.toBeNull();
		expect(await dispatch(new Date(t.now().getTime() + 24 * 3_600_000))).toEqual({ sent: 0, failed: 0 });
		expect(esms.requests).toHaveLength(1);
	});

	it('takes eSMS’s delivery report with our token only, and marks the SMS delivered', async () => {
		const { request } = await queuePayment();
		await dispatch();
		const smsId = esms.delivered[0]!.smsId;
		const report = { SMSID: smsId, RequestId: (await rows(request.id))[0]!.id, SendStatus: '5', SendSuccess: 1, SendFailed: 0, TotalReceiver: 1 };
		const forged = await t.call('POST', '/api/notices/callbacks/esms?token=doan-mo', { body: report });
		expect(forged.status).toBe(401);
		expect((await rows(request.id))[0]!.status).toBe('sent');
		const unknown = await t.call('POST', `/api/notices/callbacks/esms?token=${CALLBACK_TOKEN}`, { body: { ...report, SMSID: 'esms-khong-co' } });
		expect(unknown.body).toEqual({ ok: true, known: false });
		const real = await t.call('POST', `/api/notices/callbacks/esms?token=${CALLBACK_TOKEN}`, { body: report });
		expect(real.status).toBe(200);
		expect(real.body).toEqual({ ok: true, known: true });
		const [sms] = await rows(request.id);
		expect(sms).toMatchObject({ status: 'delivered' });
		expect(sms!.deliveredAt).not.toBeNull();
	});

	it('a report that the operator could not deliver marks the SMS failed', async () => {
		const { request } = await queuePayment();
		await dispatch();
		const res = await t.call('POST', `/api/notices/callbacks/esms?token=${CALLBACK_TOKEN}`, {
			body: { SMSID: esms.delivered[0]!.smsId, SendStatus: '5', SendSuccess: 0, SendFailed: 1 }
		});
		expect(res.status).toBe(200);
		expect((await rows(request.id))[0]).toMatchObject({ status: 'failed', lastError: 'eSMS báo nhà mạng không chuyển được tin' });
	});

	async function preferZalo(customerId: string) {
		const supervisor = await t.makeUser({ role: 'supervisor', crewId: null });
		const res = await t.call('PUT', `/api/notices/preferences/${customerId}`, { token: await t.tokenFor(supervisor), body: { channel: 'zalo', reminders: true, language: 'vi' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ channel: 'zalo', zaloAvailable: true });
	}

	it('sends by Zalo ZNS the customer chose, with a token refreshed from the rotating refresh token', async () => {
		const owner = await t.makeCustomer({ fullName: 'Trần Thị Mai', phone: '0912000111', email: null });
		const request = await t.makeRequest({ code: 'YC-2026-00778', customerId: owner.id });
		await preferZalo(owner.id);
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '08:30'));
		expect(await dispatch()).toEqual({ sent: 1, failed: 0 });
		expect(zalo.refreshes).toEqual([{ refreshToken: ZALO_APP.firstRefreshToken, secretKey: ZALO_APP.appSecret }]);
		expect(zalo.sends[0]).toMatchObject({
			accessToken: 'access-1',
			body: { phone: '84912000111', template_id: '248113', template_data: { customer_name: 'Trần Thị Mai', request_code: 'YC-2026-00778', time: '08:30', date: '25/11/2026' } }
		});
		const [message] = await rows(request.id);
		expect(message).toMatchObject({ channel: 'zalo', status: 'sent', providerId: 'zns-1' });
		expect(esms.requests).toHaveLength(0);

		// the next notice, 50 minutes later (within 10 minutes of the hour's expiry), refreshes first with the new refresh token
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '09:00'));
		t.setNow(new Date(t.now().getTime() + 50 * 60_000));
		await dispatch();
		expect(zalo.refreshes.map((r) => r.refreshToken)).toEqual([ZALO_APP.firstRefreshToken, 'refresh-1']);
		expect(zalo.sends[1]!.accessToken).toBe('access-2');
	});

	it('a token Zalo revoked is refreshed and the message sent at once', async () => {
		const owner = await t.makeCustomer({ phone: '0912000222', email: null });
		const request = await t.makeRequest({ customerId: owner.id });
		await preferZalo(owner.id);
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '07:00'));
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '07:30'));
		await dispatch();
		zalo.revokeAccessTokens();
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '08:00'));
		expect(await dispatch()).toEqual({ sent: 1, failed: 0 });
		expect(zalo.refreshes).toHaveLength(2);
	});

	it('a refresh token rotated during a dispatch that rolls back is kept: committed before the new access token is used', async () => {
		const owner = await t.makeCustomer({ phone: '0912000244', email: null });
		const request = await t.makeRequest({ customerId: owner.id });
		await preferZalo(owner.id);
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '07:15'));
		// the dispatcher's round that sends with the renewed token fails after the send (a crash, a lost connection):
		// everything that round wrote rolls back
		let rounds = 0;
		const failing = new Proxy(t.db, {
			get: (target, key) =>
				key === 'transaction'
					? (work: (tx: typeof t.db) => Promise<unknown>) =>
							target.transaction(async (tx) => {
								const result = await work(tx);
								if (++rounds === 2) throw new Error('the dispatch rolled back');
								return result;
							})
					: Reflect.get(target, key)
		});
		await expect(dispatchDue(failing, adapters, t.now(), { newId: t.runtime.newId })).rejects.toThrow('the dispatch rolled back');
		expect(zalo.refreshes.map((r) => r.refreshToken)).toEqual([ZALO_APP.firstRefreshToken]);
		expect(zalo.sends.map((s) => s.accessToken)).toEqual(['access-1']);
		expect((await rows(request.id))[0]).toMatchObject({ status: 'queued', attempts: 0 });
		// Zalo has spent the first refresh token; the rotated pair survived the rollback
		const [stored] = await t.db.select().from(noticeProviderTokens);
		expect(stored).toMatchObject({ provider: 'zalo', accessToken: 'access-1', refreshToken: 'refresh-1' });
		// a process started afresh takes the stored pair (no refresh with the spent token) and sends the queued notice
		const restarted = buildAdapters(loadNotifyConfig(zaloEnv, 'https://hientruong.evn.vn'), { db: t.db, clock: () => t.now() });
		expect(await dispatchDue(t.db, restarted, t.now(), { newId: t.runtime.newId })).toEqual({ sent: 1, failed: 0 });
		expect(zalo.refreshes).toHaveLength(1);
		expect(zalo.sends.at(-1)!.accessToken).toBe('access-1');
		// and when that token nears its expiry, the rotated refresh token renews it
		t.setNow(new Date(t.now().getTime() + 55 * 60_000));
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '07:45'));
		expect(await dispatchDue(t.db, restarted, t.now(), { newId: t.runtime.newId })).toEqual({ sent: 1, failed: 0 });
		expect(zalo.refreshes.map((r) => r.refreshToken)).toEqual([ZALO_APP.firstRefreshToken, 'refresh-1']);
	});

	it('a customer whose language is English gets the SMS and the email in English; Vietnamese by default', async () => {
		const english = await t.makeCustomer({ fullName: 'John Smith', phone: '0912000255', email: 'john@example.com' });
		const request = await t.makeRequest({ code: 'YC-2026-00779', customerId: english.id });
		const supervisor = await t.makeUser({ role: 'supervisor', crewId: null });
		const res = await t.call('PUT', `/api/notices/preferences/${english.id}`, { token: await t.tokenFor(supervisor), body: { channel: 'sms', reminders: true, language: 'en' } });
		expect(res.status).toBe(200);
		await queueNotice(t.db, t.runtime, { phone: english.phone, email: english.email }, paymentNotice(request.id, request.code, english.fullName, 1_234_500));
		const sent = await rows(request.id);
		expect(sent.find((r) => r.channel === 'sms')!.body).toBe('EVN: Request YC-2026-00779: the amount to pay for the wiring after the meter is 1.234.500 dong. Details on the customer portal.');
		expect(sent.find((r) => r.channel === 'email')!.subject).toContain('YC-2026-00779');
		expect(sent.find((r) => r.channel === 'email')!.body).toMatch(/John Smith/);
		expect(sent.find((r) => r.channel === 'email')!.body).not.toMatch(/Kính gửi/);
		const { request: other } = await queuePayment({ phone: '0912000266' });
		expect((await rows(other.id)).find((r) => r.channel === 'sms')!.body).toMatch(/^EVN: Yeu cau YC-2026-00777: so tien/);
	});

	it('falls back to SMS when the number has no Zalo account, and the SMS goes through eSMS', async () => {
		const owner = await t.makeCustomer({ phone: '0912000333', email: null });
		const request = await t.makeRequest({ code: 'YC-2026-00779', customerId: owner.id });
		await preferZalo(owner.id);
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '10:15'));
		zalo.script.push({ error: -118, message: 'Zalo account not existed' });
		expect(await dispatch()).toEqual({ sent: 0, failed: 1 });
		const afterZalo = await rows(request.id);
		const zaloRow = afterZalo.find((r) => r.channel === 'zalo')!;
		expect(zaloRow).toMatchObject({ status: 'failed', lastError: 'Zalo: số điện thoại chưa có tài khoản Zalo hoặc tài khoản đã ngưng' });
		const fallback = afterZalo.find((r) => r.channel === 'sms')!;
		expect(fallback).toMatchObject({ status: 'queued', fallbackOf: zaloRow.id, recipient: '0912000333' });
		expect(await dispatch()).toEqual({ sent: 1, failed: 0 });
		expect(esms.delivered.map((d) => d.content)).toEqual(['EVN: Yeu cau YC-2026-00779: lich hen cua to Dien luc doi sang 10:15 ngay 25/11/2026.']);
	});

	function zaloSignature(body: string, timestamp: string) {
		return `mac=${createHash('sha256').update(ZALO_APP.appId + body + timestamp + ZALO_APP.oaSecretKey).digest('hex')}`;
	}

	it('takes Zalo’s signed delivery event only, and marks the ZNS message delivered', async () => {
		const owner = await t.makeCustomer({ phone: '0912000444', email: null });
		const request = await t.makeRequest({ customerId: owner.id });
		await preferZalo(owner.id);
		await queueNotice(t.db, t.runtime, { phone: owner.phone, email: null }, visitNotice(request, owner.fullName, '07:00'));
		await dispatch();
		const body = JSON.stringify({
			app_id: ZALO_APP.appId,
			event_name: 'user_received_message',
			timestamp: '1796421100000',
			message: { msg_id: 'zns-1', delivery_time: '1796421099000', tracking_id: (await rows(request.id))[0]!.id }
		});
		const post = (signature: string) => t.app.request('/api/notices/callbacks/zalo', { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': signature }, body });
		expect((await post(zaloSignature(body, '1'))).status).toBe(401);
		expect((await rows(request.id))[0]!.status).toBe('sent');
		const res = await post(zaloSignature(body, '1796421100000'));
		expect(res.status).toBe(200);
		expect((await rows(request.id))[0]).toMatchObject({ channel: 'zalo', status: 'delivered' });
	});

	it('a signing code goes by SMS (and email) even to a customer who chose Zalo, and is never sent twice', async () => {
		const owner = await t.makeCustomer({ phone: '0912000555', email: 'mai@example.vn' });
		const request = await t.makeRequest({ code: 'YC-2026-00780', customerId: owner.id });
		await preferZalo(owner.id);
		const codeNotice = {
			requestId: request.id,
			kind: 'contract_code',
			sms: 'EVN: Ma ky hop dong YC-2026-00780 (phien ban 1): 482915. Hieu luc den 17:00 ngay 25/11/2026.',
			email: { subject: 'Mã ký hợp đồng YC-2026-00780', body: 'Mã ký: 482915' }
		};
		// the same code queued again (a repeated action) is not a second message
		expect((await queueNotice(t.db, t.runtime, owner, codeNotice)).channels).toEqual(['sms', 'email']);
		expect((await queueNotice(t.db, t.runtime, owner, codeNotice)).channels).toEqual([]);
		expect((await rows(request.id)).map((r) => r.channel).sort()).toEqual(['email', 'sms']);
		// eSMS takes the SMS but the answer is lost: the retry carries the same RequestId, which eSMS refuses as taken
		esms.script.push({ dropAfterAccepting: true });
		expect(await dispatch()).toEqual({ sent: 1, failed: 1 });
		expect(await dispatch(new Date(t.now().getTime() + backoffMs(1)))).toEqual({ sent: 1, failed: 0 });
		expect(esms.requests).toHaveLength(2);
		expect(esms.delivered.filter((d) => d.phone === '0912000555')).toHaveLength(1);
		expect(zalo.sends).toHaveLength(0);
		const sms = (await rows(request.id)).find((r) => r.channel === 'sms')!;
		expect(sms).toMatchObject({ status: 'sent', category: 'code' });
		expect(sms.providerAnswer).toContain('124');
	});
});

describe.each(DRIVERS)('notice preferences and the sent list on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver, { demoMode: false });
		// nothing configured: the demo default (log adapters, no Zalo)
		buildAdapters(loadNotifyConfig({}, 'http://localhost:3000'), { db: t.db, clock: () => t.now() });
	});
	afterEach(() => t.close());

	it('a customer who opted out of reminders gets no reading-day link, but still every code and legal notice', async () => {
		const owner = await t.makeCustomer({ phone: '0912000666', email: 'khach@example.vn' });
		const request = await t.makeRequest({ customerId: owner.id });
		const supervisor = await t.makeUser({ role: 'supervisor', crewId: null });
		const token = await t.tokenFor(supervisor);
		const saved = await t.call('PUT', `/api/notices/preferences/${owner.id}`, { token, body: { channel: 'sms', reminders: false, language: 'en' } });
		expect(saved.status).toBe(200);
		expect((await t.call('GET', `/api/notices/preferences/${owner.id}`, { token })).body).toMatchObject({ channel: 'sms', reminders: false, language: 'en', zaloAvailable: false });
		const reminder = await queueNotice(t.db, t.runtime, owner, { requestId: null, kind: 'self_reading_link', sms: 'EVN: Hom nay la ngay ghi chi so', email: { subject: 'Ngày ghi chỉ số', body: '…' } });
		expect(reminder).toEqual({ channels: [], sent: false });
		const code = await queueNotice(t.db, t.runtime, owner, { requestId: request.id, kind: 'portal_code', sms: 'EVN: Ma ky 123456', email: { subject: 'Mã ký', body: 'Mã: 123456' } });
		expect(code.channels).toEqual(['sms', 'email']);
		// the legal notice's email in the language the customer chose
		await queueNotice(t.db, t.runtime, owner, paymentNotice(request.id, request.code, owner.fullName, 1_234_500));
		const email = (await listNotifications(t.db, { requestId: request.id, limit: 10 })).find((n) => n.kind === 'payment_due' && n.channel === 'email')!;
		expect(email.subject).toBe(`Amount due for your service — request ${request.code}`);
		expect(email.body).toContain('1.234.500 ₫');
	});

	it('refuses a preference that is neither Zalo nor SMS in words', async () => {
		const owner = await t.makeCustomer();
		await t.makeRequest({ customerId: owner.id });
		const token = await t.tokenFor(await t.makeUser({ role: 'supervisor', crewId: null }));
		const res = await t.call('PUT', `/api/notices/preferences/${owner.id}`, { token, body: { channel: 'fax', reminders: true, language: 'vi' } });
		expect(res.status).toBe(400);
		expect(res.body.error.message).toContain('Kênh nhận thông báo phải là Zalo hoặc SMS');
	});

	it('"Tin đã gửi" shows a unit its own messages with status and failure in words, and never a code outside demo mode', async () => {
		const unitB = await t.makeUnit({ name: 'Điện lực Ba Đình' });
		const owner = await t.makeCustomer({ phone: '0912000777', email: null });
		const request = await t.makeRequest({ customerId: owner.id });
		await queueNotice(t.db, t.runtime, owner, { requestId: request.id, kind: 'portal_code', sms: 'EVN: Ma ky 654321', email: { subject: '', body: '' } });
		await queueNotice(t.db, t.runtime, owner, paymentNotice(request.id, request.code, owner.fullName, 10_000));
		const failing: Adapters = {
			sms: { send: async () => Promise.reject(new Error('eSMS: tài khoản không đủ tiền')) },
			zalo: { send: async () => ({ providerId: null, answer: null }) },
			email: { send: async () => ({ providerId: null, answer: null }) }
		};
		await dispatchDue(t.db, failing, t.now());
		const mine = await t.call('GET', `/api/notices?requestId=${request.id}`, { token: await t.tokenFor(await t.makeUser({ role: 'supervisor', crewId: null })) });
		expect(mine.status).toBe(200);
		expect(mine.body.notices).toHaveLength(2);
		const code = mine.body.notices.find((n: { kind: string }) => n.kind === 'portal_code');
		expect(code).toMatchObject({ channel: 'sms', status: 'queued', attempts: 1, failure: 'eSMS: tài khoản không đủ tiền', body: null, category: 'code' });
		expect(mine.body.notices.find((n: { kind: string }) => n.kind === 'payment_due').body).toContain('10.000 dong');
		const other = await t.call('GET', `/api/notices?requestId=${request.id}`, { token: await t.tokenFor(await t.makeUser({ role: 'supervisor', crewId: null, unitId: unitB.id })) });
		expect(other.body.notices).toEqual([]);
	});
});
