import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../server/db/notifications';
import { backoffMs, dispatchDue, MAX_ATTEMPTS, type Adapters } from '../../server/notify/dispatcher';
import { paymentNotice, queueNotice } from '../../server/notify/outbox';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('customer notices on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	async function queuePayment(to: { phone: string | null; email: string | null }) {
		const request = await t.makeRequest({ code: 'YC-2026-00777' });
		await queueNotice(t.db, t.runtime, to, paymentNotice(request.id, request.code, 'Trần Thị Mai', 1_234_500));
		return request;
	}

	it('queues an SMS and an email with the amount, and the dispatcher sends both', async () => {
		const request = await queuePayment({ phone: '0912000111', email: 'mai@example.vn' });
		const sent: string[] = [];
		const adapters: Adapters = {
			sms: { send: async (m) => void sent.push(`sms:${m.recipient}:${m.body}`) },
			email: { send: async (m) => void sent.push(`email:${m.recipient}:${m.subject}`) },
			zalo: { send: async (m) => void sent.push(`zalo:${m.recipient}`) }
		};
		expect(await dispatchDue(t.db, adapters, t.now())).toEqual({ sent: 2, failed: 0 });
		expect(sent.find((s) => s.startsWith('sms:0912000111'))).toContain('1.234.500');
		expect(sent.find((s) => s.startsWith('email:mai@example.vn'))).toContain('YC-2026-00777');
		const rows = await listNotifications(t.db, { requestId: request.id, limit: 10 });
		expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
		// nothing is sent twice
		expect(await dispatchDue(t.db, adapters, t.now())).toEqual({ sent: 0, failed: 0 });
	});

	it('queues only the email when the customer has no phone', async () => {
		const request = await queuePayment({ phone: null, email: 'mai@example.vn' });
		const rows = await listNotifications(t.db, { requestId: request.id, limit: 10 });
		expect(rows.map((r) => r.channel)).toEqual(['email']);
	});

	it('retries a failed send after a backoff and gives up after the last attempt', async () => {
		const request = await queuePayment({ phone: '0912000111', email: null });
		const failing: Adapters = {
			sms: { send: async () => Promise.reject(new Error('nhà mạng không phản hồi')) },
			email: { send: async () => {} },
			zalo: { send: async () => {} }
		};
		let at = t.now();
		expect(await dispatchDue(t.db, failing, at)).toEqual({ sent: 0, failed: 1 });
		// not due again before its backoff
		expect(await dispatchDue(t.db, failing, new Date(at.getTime() + backoffMs(1) - 1))).toEqual({ sent: 0, failed: 0 });
		for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
			at = new Date(at.getTime() + backoffMs(attempt - 1));
			expect((await dispatchDue(t.db, failing, at)).failed).toBe(1);
		}
		const [row] = await listNotifications(t.db, { requestId: request.id, limit: 1 });
		expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'nhà mạng không phản hồi' });
	});
});
