// The payment provider's signed notice: checked, recorded once per transaction, every refusal kept for the record.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { webhookBody } from '../../src/lib/api/common';
import type { AppDeps } from '../context';
import { insertPaymentRefusal } from '../db/contracts';
import { ApiFailure } from '../http';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import { recordPayment, requestIdByCode } from './payments';
import { keepReceiptAfterPayment } from './receipts';
import { signingContext } from './signing-context';

/** `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>` with the shared secret. */
export function signatureIsValid(secret: string, body: string, header: string | undefined): boolean {
	const hex = header?.replace(/^sha256=/i, '').trim() ?? '';
	if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
	const expected = createHmac('sha256', secret).update(body, 'utf8').digest();
	return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/** Every refusal is kept (payment_refusals) before it is answered. */
async function refuse(deps: AppDeps, failure: DomainError | ApiFailure, body: string): Promise<never> {
	console.warn(`[payments] webhook refused: ${failure.code}: ${failure.message}`);
	await insertPaymentRefusal(deps.database.db, { id: deps.newId(), receivedAt: deps.clock(), code: failure.code, detail: failure.message, body: body.slice(0, 4000) });
	throw failure;
}

/** The raw body as received (the signature covers its bytes) and its X-Signature header. */
export async function receivePaymentNotice(deps: AppDeps, raw: string, signature: string | undefined) {
	if (!deps.paymentWebhookSecret) throw new DomainError('not_configured', both(m.server_refusal_webhookNoSecret));
	if (!signatureIsValid(deps.paymentWebhookSecret, raw, signature)) {
		return refuse(deps, new DomainError('bad_signature', both(m.server_refusal_webhookBadSignature)), raw);
	}
	let parsed;
	try {
		parsed = webhookBody.safeParse(JSON.parse(raw));
	} catch {
		return refuse(deps, new DomainError('invalid_input', both(m.server_refusal_webhookNotJson)), raw);
	}
	if (!parsed.success) return refuse(deps, new DomainError('invalid_input', both(m.server_refusal_webhookBadFields, { fields: parsed.error.issues.map((i) => i.path.join('.')).join(', ') })), raw);
	const notice = parsed.data;
	try {
		const outcome = await deps.database.db.transaction(async (tx) => {
			return recordPayment(tx, signingContext(deps), {
				requestId: await requestIdByCode(tx, notice.requestCode),
				amount: notice.amount,
				method: 'online',
				provider: notice.provider,
				providerTxnId: notice.transactionId,
				actor: { userId: null, role: 'system' }
			});
		});
		if (!outcome.duplicate) await keepReceiptAfterPayment(deps, outcome.paymentId);
		return outcome;
	} catch (err) {
		// services still answering with an HTTP status (ApiFailure) are refusals too, until they all throw DomainError
		if (err instanceof DomainError || err instanceof ApiFailure) return refuse(deps, err, raw);
		throw err;
	}
}
