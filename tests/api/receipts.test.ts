// Issue 13 item 4/5: a payment's receipt is a file kept with the request. Recorded at the counter, it is rendered and
// stored at once; every later download (the emailed link, the customer's account) gives the same bytes, even after
// the unit is renamed; the customer's account lists the request's payments with their receipts, and only theirs.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { payments } from '../../server/db/schema';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { estimatedRequest } from '../support/field';

const PHONE = '0987650001';

describe.each(DRIVERS)('kept receipts on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	async function customerSignedIn(phone: string) {
		let cookie = '';
		const call = async (method: string, path: string, body?: unknown) => {
			const res = await t.app.request(path, { method, headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined }, { incoming: { socket: { remoteAddress: '203.0.113.9' } } } as never);
			const set = res.headers.get('set-cookie');
			if (set) cookie = set.split(';')[0]!;
			return res;
		};
		expect((await call('POST', '/api/customer/login/code', { contact: phone })).status).toBe(200);
		const messages = (await t.outbox()).body.messages as Array<{ kind: string; recipient: string; body: string }>;
		const code = /\b(\d{6})\b/.exec(messages.find((msg) => msg.kind === 'customer_login_code' && msg.recipient === phone)!.body)![1];
		expect((await call('POST', '/api/customer/login', { contact: phone, code })).status).toBe(200);
		return call;
	}

	async function paidAtTheCounter() {
		const unitId = await t.defaultUnitId();
		const crew = await t.makeCrew({ unitId });
		const user = await t.makeUser({ username: 'doi-bien-lai', crewId: crew.id });
		const supervisor = await t.tokenFor(await t.makeUser({ username: 'giamsat-bien-lai', role: 'supervisor', unitId }));
		const estimated = await estimatedRequest(t, { crewId: crew.id, submittedBy: user.id, unitId });
		const owner = await t.makeCustomer({ phone: PHONE, fullName: 'Lê Thị Biên Lai' });
		await t.db.execute(sql.raw(`UPDATE requests SET customer_id = '${owner.id}' WHERE id = '${estimated.request.id}'`));
		const paid = await t.app.request(`/api/requests/${estimated.request.id}/payments`, {
			method: 'POST',
			headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
			body: JSON.stringify({ amount: estimated.owed, receiptNo: 'BL-2026-0001' })
		});
		expect(paid.status, await paid.clone().text()).toBe(200);
		return { ...estimated, unitId };
	}

	it('keeps the receipt when the payment is recorded and gives the same file at every download, whatever changes later', async () => {
		const { request, owed, unitId } = await paidAtTheCounter();
		const [row] = await t.db.select().from(payments).where(eq(payments.requestId, request.id));
		expect(row!.receiptSha256, 'the receipt was kept at once').toMatch(/^[0-9a-f]{64}$/);

		const call = await customerSignedIn(PHONE);
		const detail = (await (await call('GET', `/api/customer/requests/${request.id}`)).json()) as { payments: Array<{ amount: number; receiptNo: string; method: string; receiptUrl: string }> };
		expect(detail.payments).toEqual([expect.objectContaining({ amount: owed, receiptNo: 'BL-2026-0001', method: 'counter' })]);
		const first = await t.app.request(detail.payments[0]!.receiptUrl);
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toBe('application/pdf');
		expect(first.headers.get('content-disposition')).toContain(`bien-lai-${request.code}-BL-2026-0001.pdf`);
		const bytes = new Uint8Array(await first.arrayBuffer());
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(row!.receiptSha256);

		// the unit is renamed and time passes: the receipt is still the file issued that day
		await t.db.execute(sql.raw(`UPDATE units SET name = 'Điện lực Đổi Tên' WHERE id = '${unitId}'`));
		t.setNow(new Date(t.now().getTime() + 3 * 86_400_000));
		const again = new Uint8Array(await (await t.app.request(detail.payments[0]!.receiptUrl)).arrayBuffer());
		expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
	});

	it('renders and keeps a receipt at its first download when none was kept (payments before this release)', async () => {
		const { request } = await paidAtTheCounter();
		await t.db.update(payments).set({ receiptSha256: null }).where(eq(payments.requestId, request.id));
		const call = await customerSignedIn(PHONE);
		const detail = (await (await call('GET', `/api/customer/requests/${request.id}`)).json()) as { payments: Array<{ receiptUrl: string }> };
		const first = new Uint8Array(await (await t.app.request(detail.payments[0]!.receiptUrl)).arrayBuffer());
		const [row] = await t.db.select().from(payments).where(eq(payments.requestId, request.id));
		expect(createHash('sha256').update(first).digest('hex')).toBe(row!.receiptSha256);
		t.setNow(new Date(t.now().getTime() + 60_000));
		const second = new Uint8Array(await (await t.app.request(detail.payments[0]!.receiptUrl)).arrayBuffer());
		expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
	});

	it("does not show another customer's payments", async () => {
		const { request } = await paidAtTheCounter();
		await t.makeRequest({ customerId: (await t.makeCustomer({ phone: '0977650002' })).id });
		const other = await customerSignedIn('0977650002');
		const res = await other('GET', `/api/customer/requests/${request.id}`);
		expect(res.status).toBe(404);
	});
});
