// Step 6, and the extra after signing: a payment of exactly what the customer owes, idempotent on the provider's
// transaction id. The first (the estimate) moves an estimated request to "paid" and drafts the contract (step 7) in the
// same transaction; a later one (what an addendum for installed material added) completes the request when the
// utility has already countersigned. Every payment queues the "payment received" notice.
import type { Db } from '../db/database';
import { findPaymentByTxn, findRequestByCode, insertPayment } from '../db/contracts';
import { latestEstimate } from '../db/field-commands';
import { lockRequest } from '../db/requests';
import { m } from '../../src/lib/paraglide/messages.js';
import { amountOwed } from './balance';
import { completeIfReady, type CompletionContext } from './completion';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { draftContractVersion } from './contracts';
import { queuePaymentReceived } from './settlement-notices';
import { transitionRequest, type Actor } from './workflow';

export interface PaymentInput {
	requestId: string;
	amount: number;
	method: 'online' | 'counter';
	provider: string;
	providerTxnId: string;
	actor: Actor;
}

export type PaymentOutcome = { duplicate: boolean; paymentId: string; contractVersion: number | null; state: string };

const vnd = new Intl.NumberFormat('vi-VN');

/** What the customer has to pay now on the request, in VND: the estimate before the first payment, then what is owed. */
export async function amountDueNow(tx: Db, requestId: string): Promise<number> {
	const request = await lockRequest(tx, requestId);
	if (!request) throw new DomainError('not_found', both(m.server_refusal_not_found));
	if (request.state === 'estimated') {
		const estimate = await latestEstimate(tx, requestId);
		return estimate ? Number(estimate.customerTotal) : 0;
	}
	if (request.state === 'completed' || request.state === 'cancelled') return 0;
	return amountOwed(tx, requestId);
}

export async function recordPayment(tx: Db, ctx: CompletionContext, input: PaymentInput): Promise<PaymentOutcome> {
	const existing = await findPaymentByTxn(tx, input.provider, input.providerTxnId);
	if (existing) {
		if (existing.requestId !== input.requestId || Number(existing.amount) !== input.amount) {
			throw new DomainError('transaction_reused', both(m.server_refusal_transactionReused));
		}
		const request = await lockRequest(tx, input.requestId);
		return { duplicate: true, paymentId: existing.id, contractVersion: null, state: request!.state };
	}
	const request = await lockRequest(tx, input.requestId);
	if (!request) throw new DomainError('not_found', both(m.server_refusal_not_found));
	const now = ctx.runtime.clock();
	const paymentId = ctx.runtime.newId();
	const payment = {
		id: paymentId,
		requestId: input.requestId,
		method: input.method,
		provider: input.provider,
		providerTxnId: input.providerTxnId,
		amount: input.amount,
		receivedAt: now,
		recordedBy: input.actor.userId
	};
	let contractVersion: number | null = null;
	let state = request.state;
	if (request.state === 'estimated') {
		const estimate = await latestEstimate(tx, input.requestId);
		if (!estimate) throw new DomainError('no_estimate', both(m.server_refusal_noEstimateToPay));
		assertAmount(input.amount, Number(estimate.customerTotal), request.code);
		const paid = await transitionRequest(tx, {
			requestId: input.requestId,
			name: 'recordPayment',
			actor: input.actor,
			at: now,
			detail: { provider: input.provider, transactionId: input.providerTxnId, amount: input.amount }
		});
		if (!paid.ok) throw new DomainError(paid.code, paid.reason);
		await insertPayment(tx, payment);
		const contract = await draftContractVersion(tx, ctx, { requestId: input.requestId, actor: { userId: null, role: 'system' } });
		contractVersion = contract.version;
		state = 'contract_drafted';
	} else {
		// after signing: only what a signed version added beyond what was paid (an addendum for installed material)
		const owed = request.state === 'completed' || request.state === 'cancelled' ? 0 : await amountOwed(tx, input.requestId);
		if (owed <= 0) {
			throw new DomainError('nothing_owed', both(m.server_payment_nothingOwed, { request: request.code }));
		}
		assertAmount(input.amount, owed, request.code);
		await insertPayment(tx, payment);
		state = await completeIfReady(tx, ctx, input.requestId);
	}
	await queuePaymentReceived(tx, ctx, {
		requestId: input.requestId,
		paymentId,
		receiptNo: input.providerTxnId,
		amount: input.amount,
		state,
		owed: await amountOwed(tx, input.requestId)
	});
	return { duplicate: false, paymentId, contractVersion, state };
}

function assertAmount(amount: number, owed: number, requestCode: string) {
	if (amount !== owed) {
		throw new DomainError('amount_mismatch', both(m.server_payment_amountMismatch, { amount: vnd.format(amount), owed: vnd.format(owed), request: requestCode }));
	}
}

/** The request a provider's notice names by its code (404 in words when there is none). */
export async function requestIdByCode(tx: Db, code: string): Promise<string> {
	const request = await findRequestByCode(tx, code);
	if (!request) throw new DomainError('not_found', both(m.server_payment_unknownRequest, { request: code }));
	return request.id;
}
