// The gateway protocol's signature, recomputed by hand: fields sorted by name, values URL-encoded with '+' for spaces,
// HMAC-SHA512 in hex; a changed amount or a changed hash no longer verifies.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, paramsOf, paymentUrl, signatureIsValid, signParams, vnpDate } from '../../server/payments/vnpay';

const SECRET = 'bi-mat-thu-nghiem';

describe('VNPAY-style signing', () => {
	it('signs the sorted, encoded fields with HMAC-SHA512', () => {
		const params = { vnp_TxnRef: 'YC-2026-00001-A1', vnp_Amount: '125000000', vnp_OrderInfo: 'Thanh toan yeu cau YC-2026-00001', vnp_Command: 'pay' };
		const byHand = 'vnp_Amount=125000000&vnp_Command=pay&vnp_OrderInfo=Thanh+toan+yeu+cau+YC-2026-00001&vnp_TxnRef=YC-2026-00001-A1';
		expect(canonicalQuery(params)).toBe(byHand);
		expect(signParams(params, SECRET).vnp_SecureHash).toBe(createHmac('sha512', SECRET).update(byHand).digest('hex'));
	});

	it('the redirect carries the amount ×100 and verifies; a tampered amount or hash does not', () => {
		const url = paymentUrl({
			gatewayUrl: 'https://cong.test/paymentv2/vpcpay.html',
			tmnCode: 'TMN01',
			hashSecret: SECRET,
			amount: 1_250_000,
			txnRef: 'YC-2026-00001-A1',
			orderInfo: 'Thanh toan yeu cau YC-2026-00001',
			returnUrl: 'https://hientruong.test/portal/abc/pay',
			ipAddr: '127.0.0.1',
			at: new Date('2026-11-23T02:00:00Z'),
			expiresInMs: 15 * 60_000,
			locale: 'vn'
		});
		const params = paramsOf(url);
		expect(params).toMatchObject({ vnp_Amount: '125000000', vnp_CurrCode: 'VND', vnp_CreateDate: '20261123090000', vnp_ExpireDate: '20261123091500', vnp_ReturnUrl: 'https://hientruong.test/portal/abc/pay' });
		expect(signatureIsValid(params, SECRET)).toBe(true);
		expect(signatureIsValid({ ...params, vnp_Amount: '100000' }, SECRET)).toBe(false);
		expect(signatureIsValid({ ...params, vnp_SecureHash: params.vnp_SecureHash!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }, SECRET)).toBe(false);
		expect(signatureIsValid(params, 'another-secret')).toBe(false);
	});

	it('writes dates in Vietnam time', () => {
		expect(vnpDate(new Date('2026-12-31T17:30:05Z'))).toBe('20270101003005');
	});
});
