// Issue 13, item 4: paying online. The payment page's VietQR transfer decodes back to the exact amount and the request
// code; the card / e-wallet gateway (the simulated one, speaking the signed VNPAY-style protocol) confirms by IPN:
// a tampered amount or signature is refused, a repeated confirmation changes nothing, a wrong amount is refused, and
// the receipt is kept with the request.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPortalLink } from '../../server/services/signing';
import { DEFAULT_CODE_POLICY } from '../../server/services/signing-codes';
import { paramsOf, signedQuery, type VnpParams } from '../../server/payments/vnpay';
import { startSimulatedGateway } from '../../server/payments/simulated-gateway';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { decodeVietQr } from '../../src/lib/domain/vietqr';
import { DRIVERS } from '../support/db';
import { pdfText } from '../support/pdf-text';
import { createTestContext, type TestContext } from '../support/factories';
import { estimatedRequest } from '../support/field';

const GATEWAY = { tmnCode: 'HTDEMO01', hashSecret: 'bi-mat-cong-the-thu-nghiem' };
const VIETQR = { bankBin: '970436', bankName: 'Vietcombank', accountNumber: '0011004123456', accountName: 'CONG TY DIEN LUC THU' };

describe.each(DRIVERS)('paying online on %s', (driver) => {
	let t: TestContext;
	let gateway: { url: string; close: () => Promise<void> };
	// the simulated gateway's IPN reaches this test's app (no port of its own)
	let app: () => TestContext['app'];

	beforeAll(async () => {
		gateway = await startSimulatedGateway({
			...GATEWAY,
			ipnUrl: 'https://hientruong.test/api/payments/vnpay/ipn',
			host: '127.0.0.1',
			port: 0,
			fetch: async (input) => {
				const url = new URL(String(input));
				return app().request(url.pathname + url.search);
			}
		});
	});
	afterAll(() => gateway.close());
	beforeEach(async () => {
		t = await createTestContext(driver, { onlinePayment: { vietQr: VIETQR, gateway: { ...GATEWAY, url: gateway.url, name: 'VNPAY (mô phỏng)' } } });
		app = () => t.app;
	});
	afterEach(() => t.close());

	async function awaitingPayment() {
		const crew = await t.makeCrew();
		const user = await t.makeUser({ username: `doi-${crew.id}`, crewId: crew.id });
		const estimated = await estimatedRequest(t, { crewId: crew.id, submittedBy: user.id });
		const url = await t.db.transaction((tx) => createPortalLink(tx, { runtime: t.runtime, holidays: DEFAULT_HOLIDAYS, codePolicy: DEFAULT_CODE_POLICY, publicUrl: 'https://hientruong.test' }, estimated.request.id));
		return { ...estimated, token: url.slice(url.lastIndexOf('/') + 1) };
	}

	const view = async (token: string) => (await t.call('GET', `/api/payments/portal/${token}`)).body;
	const state = async (id: string) => t.database.withConnection(async (q) => (await q('SELECT state FROM requests WHERE id = $1', [id])).rows[0]!.state as string);
	const paymentsOf = async (id: string) => t.database.withConnection(async (q) => (await q('SELECT provider, provider_txn_id, amount FROM payments WHERE request_id = $1', [id])).rows);
	const ipn = async (params: VnpParams, secret = GATEWAY.hashSecret) => (await t.call('GET', `/api/payments/vnpay/ipn?${signedQuery(params, secret)}`)).body;
	const confirmation = (txnRef: string, amount: number, extra: Partial<VnpParams> = {}): VnpParams => ({
		vnp_TmnCode: GATEWAY.tmnCode,
		vnp_Amount: String(amount * 100),
		vnp_BankCode: 'NCB',
		vnp_OrderInfo: 'Thanh toan',
		vnp_PayDate: '20261123090000',
		vnp_ResponseCode: '00',
		vnp_TransactionNo: '14123456',
		vnp_TransactionStatus: '00',
		vnp_TxnRef: txnRef,
		...extra
	});

	it('the page shows the amount owed and a VietQR transfer that decodes back to it, with the request code and a correct CRC', async () => {
		const r = await awaitingPayment();
		const page = await view(r.token);
		expect(page).toMatchObject({ request: { code: r.request.code, state: 'estimated' }, owed: r.owed, gateway: { name: 'VNPAY (mô phỏng)' }, payments: [] });
		expect(decodeVietQr(page.vietQr.payload)).toEqual({ crcValid: true, bankBin: '970436', accountNumber: '0011004123456', service: 'QRIBFTTA', currency: '704', amount: r.owed, purpose: r.request.code, country: 'VN' });
		expect(page.vietQr.image).toMatch(/^data:image\/svg\+xml;base64,/);
		expect(Buffer.from(page.vietQr.image.split(',')[1], 'base64').toString('utf8')).toContain('<svg');
		// a link that does not exist, or is malformed
		expect((await t.call('GET', `/api/payments/portal/${'x'.repeat(32)}`)).status).toBe(404);
		expect((await t.call('GET', '/api/payments/portal/ngan')).status).toBe(400);
	});

	it('pays through the simulated gateway: signed redirect, IPN recorded once, the customer returned; the receipt is kept', async () => {
		const r = await awaitingPayment();
		const started = await t.call('POST', `/api/payments/portal/${r.token}/gateway`);
		expect(started.status).toBe(200);
		const redirect = new URL(started.body.redirectUrl);
		expect(`${redirect.origin}${redirect.pathname}`).toBe(gateway.url);
		const params = paramsOf(redirect.search);
		expect(params).toMatchObject({ vnp_Amount: String(r.owed * 100), vnp_TmnCode: GATEWAY.tmnCode, vnp_ReturnUrl: `https://hientruong.test/portal/${r.token}/pay` });
		expect(params.vnp_TxnRef!.startsWith(`${r.request.code}-`)).toBe(true);

		// the gateway refuses a redirect whose amount was changed after signing
		const tampered = new URL(redirect);
		tampered.searchParams.set('vnp_Amount', '100');
		expect((await fetch(tampered)).status).toBe(400);
		const shown = await fetch(redirect);
		expect(shown.status).toBe(200);
		expect(await shown.text()).toContain(new Intl.NumberFormat('vi-VN').format(r.owed));

		// the customer pays: the gateway confirms to the IPN, then returns the customer with signed parameters
		const paid = await fetch(new URL('/paymentv2/pay', gateway.url), { method: 'POST', body: new URLSearchParams({ ...params, result: 'pay' }), redirect: 'manual' });
		expect(paid.status).toBe(302);
		const back = new URL(paid.headers.get('location')!);
		expect(`${back.origin}${back.pathname}`).toBe(`https://hientruong.test/portal/${r.token}/pay`);
		expect(await state(r.request.id)).toBe('contract_drafted');
		expect(await paymentsOf(r.request.id)).toEqual([{ provider: 'vnpay', provider_txn_id: params.vnp_TxnRef, amount: expect.anything() }]);
		const returned = await t.call('POST', `/api/payments/portal/${r.token}/return`, { body: { query: back.search } });
		expect(returned.body).toEqual({ outcome: 'paid', amount: r.owed });

		// the gateway repeats its confirmation: acknowledged, nothing recorded twice
		const again = await t.call('GET', `/api/payments/vnpay/ipn${back.search}`);
		expect(again.body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
		expect(await paymentsOf(r.request.id)).toHaveLength(1);

		// nothing is owed now: no QR, no gateway; the payment and its receipt are listed
		const page = await view(r.token);
		expect(page).toMatchObject({ owed: 0, vietQr: null, gateway: null, payments: [{ amount: r.owed, method: 'online', receiptNo: params.vnp_TxnRef }] });
		const receipt = await t.app.request(page.payments[0].receiptUrl);
		expect(receipt.status).toBe(200);
		const text = (await pdfText(new Uint8Array(await receipt.arrayBuffer()))).join('\n');
		expect(text).toContain('BIÊN LAI THANH TOÁN');
		expect(text).toContain(`${new Intl.NumberFormat('vi-VN').format(r.owed)} đồng`);
		expect(text).toContain(r.request.code);
		const outbox = (await t.outbox(r.request.id)).body.messages as Array<{ kind: string; channel: string; body: string }>;
		expect(outbox.some((m) => m.kind === 'payment_received' && m.channel === 'sms' && m.body.includes(params.vnp_TxnRef!))).toBe(true);
		expect((await t.call('POST', `/api/payments/portal/${r.token}/gateway`)).status).toBe(409);
	});

	it('refuses a confirmation with a bad signature, a changed amount, a wrong amount or an unknown order, and keeps each refusal', async () => {
		const r = await awaitingPayment();
		const txnRef = `${r.request.code}-THU1`;
		expect(await ipn(confirmation(txnRef, r.owed), 'khoa-gia-mao')).toEqual({ RspCode: '97', Message: 'Invalid signature' });
		// the amount changed after the gateway signed it
		const signed = paramsOf(signedQuery(confirmation(txnRef, r.owed), GATEWAY.hashSecret));
		const changed = new URLSearchParams({ ...signed, vnp_Amount: String((r.owed - 1000) * 100) });
		expect((await t.call('GET', `/api/payments/vnpay/ipn?${changed}`)).body).toEqual({ RspCode: '97', Message: 'Invalid signature' });
		// signed, but not what is owed
		expect(await ipn(confirmation(txnRef, r.owed - 1000))).toEqual({ RspCode: '04', Message: 'Invalid amount' });
		expect(await ipn(confirmation('YC-2099-99999-X1', r.owed))).toEqual({ RspCode: '01', Message: 'Order not found' });
		// a failed payment is acknowledged and records nothing
		expect(await ipn(confirmation(`${r.request.code}-THU2`, r.owed, { vnp_ResponseCode: '24', vnp_TransactionStatus: '02' }))).toEqual({ RspCode: '00', Message: 'Confirm Success' });
		expect(await paymentsOf(r.request.id)).toEqual([]);
		expect(await state(r.request.id)).toBe('estimated');
		const refusals = await t.database.withConnection(async (q) => (await q('SELECT code, detail FROM payment_refusals ORDER BY received_at, code')).rows);
		expect(refusals.map((row) => row.code).sort()).toEqual(['amount_mismatch', 'bad_signature', 'bad_signature', 'not_found']);
		expect(refusals.find((row) => row.code === 'amount_mismatch')!.detail).toContain(new Intl.NumberFormat('vi-VN').format(r.owed));
		// then the right confirmation is recorded
		expect(await ipn(confirmation(txnRef, r.owed))).toEqual({ RspCode: '00', Message: 'Confirm Success' });
		expect(await state(r.request.id)).toBe('contract_drafted');
	});

	it('a customer who cancels on the gateway is told so; nothing is recorded', async () => {
		const r = await awaitingPayment();
		const params = paramsOf((await t.call('POST', `/api/payments/portal/${r.token}/gateway`)).body.redirectUrl);
		const cancelled = await fetch(new URL('/paymentv2/pay', gateway.url), { method: 'POST', body: new URLSearchParams({ ...params, result: 'cancel' }), redirect: 'manual' });
		const back = new URL(cancelled.headers.get('location')!);
		expect((await t.call('POST', `/api/payments/portal/${r.token}/return`, { body: { query: back.search } })).body).toEqual({ outcome: 'failed', amount: r.owed });
		// a return whose parameters were altered is not the gateway's
		const forged = new URLSearchParams(back.search);
		forged.set('vnp_ResponseCode', '00');
		forged.set('vnp_TransactionStatus', '00');
		expect((await t.call('POST', `/api/payments/portal/${r.token}/return`, { body: { query: `?${forged}` } })).body).toEqual({ outcome: 'invalid', amount: null });
		expect(await paymentsOf(r.request.id)).toEqual([]);
	});
});
