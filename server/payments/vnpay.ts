// The card / e-wallet gateway's protocol, in the style of VNPAY's documented one (API 2.1.0): the customer is redirected
// to the gateway with vnp_* parameters sorted by name, URL-encoded (spaces as '+') and signed with HMAC-SHA512 of that
// query string under the merchant's hash secret (vnp_SecureHash); the gateway returns the customer to vnp_ReturnUrl and
// confirms server to server (IPN) with parameters signed the same way. Amounts travel ×100. Pure except for crypto.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { VN_OFFSET_MS } from '../../src/lib/domain/sla';

export const VNPAY_VERSION = '2.1.0';

export type VnpParams = Record<string, string>;

const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

/** The signed string: vnp_* fields except the hash itself, sorted by name, as `k=v&…` with values encoded. */
export function canonicalQuery(params: VnpParams): string {
	return Object.keys(params)
		.filter((key) => key.startsWith('vnp_') && key !== 'vnp_SecureHash' && key !== 'vnp_SecureHashType' && params[key] !== '')
		.sort()
		.map((key) => `${encode(key)}=${encode(params[key]!)}`)
		.join('&');
}

export function secureHashOf(params: VnpParams, secret: string): string {
	return createHmac('sha512', secret).update(canonicalQuery(params), 'utf8').digest('hex');
}

/** The parameters with their vnp_SecureHash. */
export function signParams(params: VnpParams, secret: string): VnpParams {
	return { ...params, vnp_SecureHash: secureHashOf(params, secret) };
}

/** Whether vnp_SecureHash is the HMAC-SHA512 of the other fields under `secret` (constant time). */
export function signatureIsValid(params: VnpParams, secret: string): boolean {
	const given = params.vnp_SecureHash ?? '';
	if (!/^[0-9a-fA-F]{128}$/.test(given)) return false;
	const expected = Buffer.from(secureHashOf(params, secret), 'hex');
	return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/** A query string of signed parameters (the hash last, as VNPAY's examples send it). */
export function signedQuery(params: VnpParams, secret: string): string {
	return `${canonicalQuery(params)}&vnp_SecureHash=${secureHashOf(params, secret)}`;
}

/** yyyyMMddHHmmss in Vietnam's time (GMT+7), as VNPAY dates are written. */
export function vnpDate(at: Date): string {
	const vn = new Date(at.getTime() + VN_OFFSET_MS);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${vn.getUTCFullYear()}${two(vn.getUTCMonth() + 1)}${two(vn.getUTCDate())}${two(vn.getUTCHours())}${two(vn.getUTCMinutes())}${two(vn.getUTCSeconds())}`;
}

export interface PaymentRequest {
	gatewayUrl: string;
	tmnCode: string;
	hashSecret: string;
	/** Whole đồng. */
	amount: number;
	/** The merchant's order number, unique per attempt. */
	txnRef: string;
	orderInfo: string;
	returnUrl: string;
	ipAddr: string;
	at: Date;
	/** How long the customer has on the gateway's page. */
	expiresInMs: number;
	locale: 'vn' | 'en';
}

/** The gateway URL the customer's browser is sent to. */
export function paymentUrl(r: PaymentRequest): string {
	const params: VnpParams = {
		vnp_Version: VNPAY_VERSION,
		vnp_Command: 'pay',
		vnp_TmnCode: r.tmnCode,
		vnp_Amount: String(r.amount * 100),
		vnp_CurrCode: 'VND',
		vnp_TxnRef: r.txnRef,
		vnp_OrderInfo: r.orderInfo,
		vnp_OrderType: 'other',
		vnp_Locale: r.locale,
		vnp_ReturnUrl: r.returnUrl,
		vnp_IpAddr: r.ipAddr,
		vnp_CreateDate: vnpDate(r.at),
		vnp_ExpireDate: vnpDate(new Date(r.at.getTime() + r.expiresInMs))
	};
	return `${r.gatewayUrl}?${signedQuery(params, r.hashSecret)}`;
}

/** The query parameters of a URL or query string, as one record (the last of a repeated name wins). */
export function paramsOf(query: string | URLSearchParams): VnpParams {
	const search = typeof query === 'string' ? new URLSearchParams(query.replace(/^[^?]*\?/, '')) : query;
	const out: VnpParams = {};
	for (const [key, value] of search) out[key] = value;
	return out;
}

/** The IPN's answer codes (VNPAY's): the gateway retries until it reads one of them. */
export const IPN_ANSWERS = {
	confirmed: { RspCode: '00', Message: 'Confirm Success' },
	orderNotFound: { RspCode: '01', Message: 'Order not found' },
	alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
	invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
	invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
	unknownError: { RspCode: '99', Message: 'Unknown error' }
} as const;

export type IpnAnswer = (typeof IPN_ANSWERS)[keyof typeof IPN_ANSWERS];
