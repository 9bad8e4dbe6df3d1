// What a supervisor (or the crew on site) does to one request from the console, each in one transaction:
// the routes parse and authorize, these decide. Scope checks answer 404 for another unit's request.
import type { SessionUser } from '../../src/lib/domain/api';
import type { DispatchBody, IntakeBody } from '../../src/lib/domain/board';
import type { AppDeps } from '../context';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import { assertMayReadRequest, assertRequestInScope, unitScopeOf } from './access';
import { dispatchSurvey, intakeRequest } from './board';
import { reassignToCrew } from './request-operations';
import { contractPdf, documentStore } from './contract-document';
import { recordPayment } from './payments';
import { keepReceiptAfterPayment } from './receipts';
import { resendOnSiteCode, sendToRemoteSigning } from './signing';
import { countersign } from './countersign';
import { signingContext } from './signing-context';

const supervisor = (user: SessionUser) => ({ userId: user.id, role: 'supervisor' as const });

/** Step 1: a request taken in for the supervisor's own unit. */
export async function takeInRequest(deps: AppDeps, user: SessionUser, body: IntakeBody) {
	const unitId = user.unitId;
	if (!unitId) throw new DomainError('intake_without_unit', both(m.server_refusal_intakeWithoutUnit));
	return deps.database.db.transaction((tx) => intakeRequest(tx, deps, { unitId, body, actor: supervisor(user) }));
}

/** Step 2: a crew and a survey time. */
export async function dispatchRequest(deps: AppDeps, user: SessionUser, requestId: string, body: DispatchBody) {
	return deps.database.db.transaction((tx) => dispatchSurvey(tx, deps, { requestId, unitId: unitScopeOf(user), body, actor: supervisor(user) }));
}

/** A job moved to another crew of the unit, in the request's history; what the old crew did offline is kept. */
export async function reassignJob(deps: AppDeps, user: SessionUser, jobId: string, crewId: string) {
	return reassignToCrew(deps, user, jobId, crewId);
}

/** A new on-site signing code for the customer: the supervisor, or the crew standing with the customer. */
export async function newOnSiteCode(deps: AppDeps, user: SessionUser, requestId: string) {
	return deps.database.db.transaction(async (tx) => {
		await assertMayReadRequest(tx, user, requestId);
		return resendOnSiteCode(tx, signingContext(deps), requestId);
	});
}

/** Step 10: the contract goes to the customer to sign online; whether a link was sent. */
export async function startRemoteSigning(deps: AppDeps, user: SessionUser, requestId: string): Promise<boolean> {
	const sent = await deps.database.db.transaction(async (tx) => {
		await assertRequestInScope(tx, user, requestId);
		return sendToRemoteSigning(tx, signingContext(deps), { requestId, actor: supervisor(user) });
	});
	return Boolean(sent);
}

/** Step 12: the utility countersigns digitally; the request's state after it and who signed the PDF, when. */
export async function countersignRequest(deps: AppDeps, user: SessionUser, requestId: string) {
	return deps.database.db.transaction(async (tx) => {
		await assertRequestInScope(tx, user, requestId);
		return countersign(tx, signingContext(deps), documentStore(deps), { requestId, supervisor: { id: user.id, fullName: user.fullName } });
	});
}

/** Step 6 at the counter: the payment with its receipt number (idempotent on the receipt). */
export async function recordCounterPayment(deps: AppDeps, user: SessionUser, requestId: string, body: { amount: number; receiptNo: string }) {
	const outcome = await deps.database.db.transaction(async (tx) => {
		await assertRequestInScope(tx, user, requestId);
		return recordPayment(tx, signingContext(deps), {
			requestId,
			amount: body.amount,
			method: 'counter',
			provider: 'counter',
			providerTxnId: body.receiptNo,
			actor: { userId: user.id, role: 'supervisor' }
		});
	});
	if (!outcome.duplicate) await keepReceiptAfterPayment(deps, outcome.paymentId);
	return outcome;
}

/** The contract PDF as signed, for the crew of the request or its unit. */
export async function requestContractPdf(deps: AppDeps, user: SessionUser, requestId: string) {
	await assertMayReadRequest(deps.database.db, user, requestId);
	return contractPdf(deps.database.db, requestId, deps.clock(), documentStore(deps));
}
