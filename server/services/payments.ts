// Step 6: a payment moves an estimated request to "paid" and drafts the contract (step 7) in the same
// transaction. Idempotent on the provider's transaction id; the amount must be what the customer owes.
import type { Db } from '../db/database';
import { findPaymentByTxn, insertPayment } from '../db/contracts';
import { latestEstimate } from '../db/field-commands';
import { DomainError } from './domain-error';
import { draftContractVersion, type DraftContext } from './contracts';
import { transitionRequest, type Actor } from './workflow';

export interface PaymentInput {
	requestId: string;
	amount: number;
	method: 'online' | 'counter';
	provider: string;
	providerTxnId: string;
	actor: Actor;
}

export type PaymentOutcome = { duplicate: boolean; paymentId: string; contractVersion: number | null };

export async function recordPayment(tx: Db, ctx: DraftContext, input: PaymentInput): Promise<PaymentOutcome> {
	const existing = await findPaymentByTxn(tx, input.provider, input.providerTxnId);
	if (existing) {
		if (existing.requestId !== input.requestId || Number(existing.amount) !== input.amount) {
			throw new DomainError('transaction_reused', 'Mã giao dịch này đã được ghi nhận cho một khoản thanh toán khác');
		}
		return { duplicate: true, paymentId: existing.id, contractVersion: null };
	}
	const estimate = await latestEstimate(tx, input.requestId);
	if (!estimate) throw new DomainError('no_estimate', 'Yêu cầu chưa có dự toán: chưa thể thu tiền');
	const owed = Number(estimate.customerTotal);
	if (input.amount !== owed) {
		throw new DomainError('amount_mismatch', `Số tiền ${input.amount} đồng không khớp số tiền phải nộp ${owed} đồng`);
	}
	const now = ctx.runtime.clock();
	const paid = await transitionRequest(tx, {
		requestId: input.requestId,
		name: 'recordPayment',
		actor: input.actor,
		at: now,
		detail: { provider: input.provider, transactionId: input.providerTxnId, amount: input.amount }
	});
	if (!paid.ok) throw new DomainError(paid.code, paid.reason.vi);
	const paymentId = ctx.runtime.newId();
	await insertPayment(tx, {
		id: paymentId,
		requestId: input.requestId,
		method: input.method,
		provider: input.provider,
		providerTxnId: input.providerTxnId,
		amount: input.amount,
		receivedAt: now,
		recordedBy: input.actor.userId
	});
	const contract = await draftContractVersion(tx, ctx, { requestId: input.requestId, actor: { userId: null, role: 'system' } });
	return { duplicate: false, paymentId, contractVersion: contract.version };
}
