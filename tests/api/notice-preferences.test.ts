// A signed-in customer chooses, from their own account, Zalo or SMS for notices that are not essential and whether
// to get reminders; the choice is theirs alone (another customer's records never change) and codes still go by SMS.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readNoticePreferences } from '../../server/db/notifications';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

const PHONE = '0987654321';
const OTHER_PHONE = '0977111222';

describe.each(DRIVERS)("a customer's own notice preferences on %s", (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	function device() {
		let cookie = '';
		const call = async (method: string, path: string, body?: unknown) => {
			const headers: Record<string, string> = {};
			if (cookie) headers.cookie = cookie;
			if (body !== undefined) headers['content-type'] = 'application/json';
			const res = await t.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, { incoming: { socket: { remoteAddress: '203.0.113.9' } } } as never);
			const set = res.headers.get('set-cookie');
			if (set) cookie = set.split(';')[0]!;
			const text = await res.text();
			let parsed: any = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				// not JSON
			}
			return { status: res.status, body: parsed };
		};
		return { call };
	}

	async function signedIn(phone: string) {
		const d = device();
		expect((await d.call('POST', '/api/customer/login/code', { contact: phone })).status).toBe(200);
		const { body } = await t.outbox();
		const sent = (body.messages as Array<{ kind: string; recipient: string; body: string }>).find((m) => m.kind === 'customer_login_code' && m.recipient === phone)!;
		const code = /\b(\d{6})\b/.exec(sent.body)![1]!;
		expect((await d.call('POST', '/api/customer/login', { contact: phone, code })).status).toBe(200);
		return d;
	}

	it('reads and saves only the signed-in customer’s own preferences', async () => {
		const mine = await t.makeCustomer({ fullName: 'Lê Thị Hoa', phone: PHONE, email: null });
		const theirs = await t.makeCustomer({ fullName: 'Phạm Văn Nam', phone: OTHER_PHONE, email: null });
		await t.makeRequest({ customerId: mine.id });
		await t.makeRequest({ customerId: theirs.id });
		const d = await signedIn(PHONE);
		expect((await d.call('GET', '/api/customer/preferences')).body).toMatchObject({ channel: 'sms', reminders: true, language: 'vi', updatedAt: null });
		const saved = await d.call('PUT', '/api/customer/preferences', { channel: 'zalo', reminders: false, language: 'en' });
		expect(saved.status).toBe(200);
		expect(saved.body).toMatchObject({ channel: 'zalo', reminders: false, language: 'en' });
		expect(await readNoticePreferences(t.db, mine.id)).toMatchObject({ channel: 'zalo', reminders: false, language: 'en' });
		expect(await readNoticePreferences(t.db, theirs.id)).toBeUndefined();
		// the other customer reads their own defaults, not the first one's choice
		const other = await signedIn(OTHER_PHONE);
		expect((await other.call('GET', '/api/customer/preferences')).body).toMatchObject({ channel: 'sms', reminders: true, language: 'vi' });
	});

	it('refuses a choice that is neither Zalo nor SMS, and a caller without the session', async () => {
		const mine = await t.makeCustomer({ phone: PHONE, email: null });
		await t.makeRequest({ customerId: mine.id });
		expect((await device().call('PUT', '/api/customer/preferences', { channel: 'sms', reminders: true, language: 'vi' })).status).toBe(401);
		const d = await signedIn(PHONE);
		const bad = await d.call('PUT', '/api/customer/preferences', { channel: 'fax', reminders: true, language: 'vi' });
		expect(bad.status).toBe(400);
		expect(await readNoticePreferences(t.db, mine.id)).toBeUndefined();
	});
});
