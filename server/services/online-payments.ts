// Paying online (issue 13, item 4): what the customer owes now, a VietQR transfer for exactly that, and the VNPAY-style
// gateway (redirect signed with HMAC-SHA512, the customer's return, the IPN confirmation verified by its signature,
// idempotent on the order number, amount checked against what is owed). Every refused IPN is kept (payment_refusals).
import QRCode from 'qrcode';
import { decodeVietQr, vietQrPayload } from '../../src/lib/domain/vietqr';
import type { AppDeps } from '../context';
import type { Db } from '../db/database';
import { contractSources, findPaymentByTxn, insertPaymentRefusal } from '../db/contracts';
import { paymentsOfRequest } from '../db/payment-documents';
import type { OnlinePaymentConfig } from '../payments/config';
import { IPN_ANSWERS, paramsOf, paymentUrl, signatureIsValid, type IpnAnswer, type VnpParams } from '../payments/vnpay';
import { documentToken } from './document-links';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { amountDueNow, recordPayment } from './payments';
import { keepReceiptAfterPayment } from './receipts';
import { signingContext } from './signing-context';
import { linkedRequestId } from './signing';
import { findRequestByCode } from '../db/contracts';
import { m } from '../../src/lib/paraglide/messages.js';

export const GATEWAY_PROVIDER = 'vnpay';
const GATEWAY_PAGE_MS = 15 * 60_000;

const configOf = (deps: AppDeps): OnlinePaymentConfig => deps.onlinePayment ?? {};

/** Everything the payment page shows for the request a portal link is for. */
export async function paymentViewByToken(deps: AppDeps, token: string) {
	const db = deps.database.db;
	const requestId = await linkedRequestId(db, token, deps.clock());
	return paymentView(db, deps, requestId);
}

export async function paymentView(db: Db, deps: AppDeps, requestId: string) {
	const sources = (await contractSources(db, requestId))!;
	const owed = await db.transaction((tx) => amountDueNow(tx, requestId));
	const config = configOf(deps);
	const payments = await paymentsOfRequest(db, requestId);
	let vietQr = null;
	if (owed > 0 && config.vietQr) {
		const payload = vietQrPayload({ bankBin: config.vietQr.bankBin, accountNumber: config.vietQr.accountNumber, amount: owed, purpose: sources.request.code });
		const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
		vietQr = {
			payload,
			image: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
			bankName: config.vietQr.bankName,
			accountNumber: config.vietQr.accountNumber,
			accountName: config.vietQr.accountName,
			purpose: decodeVietQr(payload)!.purpose!
		};
	}
	return {
		request: { code: sources.request.code, state: sources.request.state, customerName: sources.customer.fullName },
		owed,
		vietQr,
		gateway: owed > 0 && config.gateway ? { name: config.gateway.name } : null,
		payments: await Promise.all(
			payments.map(async (p) => ({
				amount: Number(p.amount),
				method: p.method,
				receiptNo: p.providerTxnId,
				receivedAt: p.receivedAt.toISOString(),
				receiptUrl: `/api/documents/${await documentToken(db, deps.clock(), 'receipt', p.id)}`
			}))
		)
	};
}

/** The order number of one attempt: the request code, then a suffix unique to the attempt. */
function orderNumber(code: string, now: Date): string {
	return `${code}-${now.getTime().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296).toString(36).toUpperCase().padStart(2, '0')}`;
}

/** The request code an order number was made from (its part before the last '-'). */
const requestCodeOf = (txnRef: string) => txnRef.slice(0, Math.max(0, txnRef.lastIndexOf('-')));

/** Where the customer's browser goes to pay what is owed now by card or e-wallet. */
export async function startGatewayPayment(deps: AppDeps, token: string, input: { ip: string; locale: 'vi' | 'en' }) {
	const db = deps.database.db;
	const now = deps.clock();
	const requestId = await linkedRequestId(db, token, now);
	const sources = (await contractSources(db, requestId))!;
	const owed = await db.transaction((tx) => amountDueNow(tx, requestId));
	if (owed <= 0) throw new DomainError('nothing_owed', both(m.server_payment_nothingOwed, { request: sources.request.code }));
	const gateway = configOf(deps).gateway;
	if (!gateway) throw new DomainError('not_configured', both(m.server_payment_noGateway));
	const redirectUrl = paymentUrl({
		gatewayUrl: gateway.url,
		tmnCode: gateway.tmnCode,
		hashSecret: gateway.hashSecret,
		amount: owed,
		txnRef: orderNumber(sources.request.code, now),
		orderInfo: m.server_payment_orderInfo({ request: sources.request.code }, { locale: 'vi' }),
		returnUrl: `${deps.publicUrl.replace(/\/$/, '')}/portal/${token}/pay`,
		ipAddr: input.ip,
		at: now,
		expiresInMs: GATEWAY_PAGE_MS,
		locale: input.locale === 'en' ? 'en' : 'vn'
	});
	return { redirectUrl };
}

async function keepRefusal(deps: AppDeps, code: string, detail: string, query: string) {
	console.warn(`[payments] gateway IPN refused: ${code}: ${detail}`);
	await insertPaymentRefusal(deps.database.db, { id: deps.newId(), receivedAt: deps.clock(), code, detail, body: query.slice(0, 4000) });
}

/** The gateway's server-to-server confirmation: verified, recorded once per order number, answered in its format. */
export async function receiveGatewayIpn(deps: AppDeps, query: string): Promise<IpnAnswer> {
	const gateway = configOf(deps).gateway;
	if (!gateway) return IPN_ANSWERS.unknownError;
	const params: VnpParams = paramsOf(query);
	if (!signatureIsValid(params, gateway.hashSecret) || params.vnp_TmnCode !== gateway.tmnCode) {
		await keepRefusal(deps, 'bad_signature', m.server_payment_ipnBadSignature({}, { locale: 'vi' }), query);
		return IPN_ANSWERS.invalidSignature;
	}
	const txnRef = params.vnp_TxnRef ?? '';
	const amountX100 = params.vnp_Amount ?? '';
	if (!/^\d{1,15}00$/.test(amountX100)) {
		await keepRefusal(deps, 'amount_mismatch', m.server_payment_ipnBadAmount({ amount: amountX100 }, { locale: 'vi' }), query);
		return IPN_ANSWERS.invalidAmount;
	}
	const amount = Number(amountX100) / 100;
	const db = deps.database.db;
	const request = await findRequestByCode(db, requestCodeOf(txnRef));
	if (!request) {
		await keepRefusal(deps, 'not_found', m.server_payment_unknownRequest({ request: txnRef }, { locale: 'vi' }), query);
		return IPN_ANSWERS.orderNotFound;
	}
	// a failed or cancelled payment is acknowledged and changes nothing
	if (params.vnp_ResponseCode !== '00' || params.vnp_TransactionStatus !== '00') return IPN_ANSWERS.confirmed;
	try {
		let paymentId: string | null = null;
		const answer = await db.transaction(async (tx) => {
			const existing = await findPaymentByTxn(tx, GATEWAY_PROVIDER, txnRef);
			if (existing) return Number(existing.amount) === amount ? IPN_ANSWERS.alreadyConfirmed : IPN_ANSWERS.invalidAmount;
			const outcome = await recordPayment(tx, signingContext(deps), {
				requestId: request.id,
				amount,
				method: 'online',
				provider: GATEWAY_PROVIDER,
				providerTxnId: txnRef,
				actor: { userId: null, role: 'system' }
			});
			paymentId = outcome.duplicate ? null : outcome.paymentId;
			return IPN_ANSWERS.confirmed;
		});
		if (paymentId) await keepReceiptAfterPayment(deps, paymentId);
		return answer;
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		await keepRefusal(deps, err.code, err.message, query);
		return err.code === 'amount_mismatch' || err.code === 'nothing_owed' ? IPN_ANSWERS.invalidAmount : IPN_ANSWERS.unknownError;
	}
}

/** What the customer's return from the gateway says, checked: the IPN, not the return, records the payment. */
export async function gatewayReturn(deps: AppDeps, token: string, query: string) {
	const gateway = configOf(deps).gateway;
	const db = deps.database.db;
	const requestId = await linkedRequestId(db, token, deps.clock());
	const params = paramsOf(query);
	const amount = /^\d{1,15}00$/.test(params.vnp_Amount ?? '') ? Number(params.vnp_Amount) / 100 : null;
	if (!gateway || !signatureIsValid(params, gateway.hashSecret)) return { outcome: 'invalid' as const, amount: null };
	const request = await findRequestByCode(db, requestCodeOf(params.vnp_TxnRef ?? ''));
	if (!request || request.id !== requestId) return { outcome: 'invalid' as const, amount: null };
	if (params.vnp_ResponseCode !== '00' || params.vnp_TransactionStatus !== '00') return { outcome: 'failed' as const, amount };
	const recorded = await findPaymentByTxn(db, GATEWAY_PROVIDER, params.vnp_TxnRef!);
	return { outcome: recorded ? ('paid' as const) : ('pending' as const), amount };
}

/** A marker that changes when the request's state or payments change (the page's live stream compares it). */
export async function paymentMarker(deps: AppDeps, token: string): Promise<string> {
	const db = deps.database.db;
	const requestId = await linkedRequestId(db, token, deps.clock());
	const sources = (await contractSources(db, requestId))!;
	const payments = await paymentsOfRequest(db, requestId);
	return `${sources.request.state}:${sources.request.version}:${payments.length}`;
}
