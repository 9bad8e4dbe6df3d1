// Step 13: the request completes once the utility has countersigned, the installation is recorded and nothing is owed
// (an addendum for extra material is paid first); the customer is then sent the long-lived link to the signed PDF.
import type { Db } from '../db/database';
import { lockRequest, type RequestRow } from '../db/requests';
import type { RequestState } from '../../src/lib/domain/workflow';
import { amountOwed } from './balance';
import { DomainError } from './domain-error';
import type { DraftContext } from './contracts';
import { queueContractCompleted } from './settlement-notices';
import { transitionRequest } from './workflow';
import { signedDocumentOf } from '../../src/lib/domain/processes';
import { closeSignedDocument } from './paperwork-documents';

export interface CompletionContext extends DraftContext {
	/** Where customers open their documents (the completion notice's link). */
	publicUrl: string;
}

/**
 * Completion needs the countersignature, the installation and the money, whichever reaches the server last: called by
 * the countersignature, the installation and a payment.
 */
export async function completeIfReady(tx: Db, ctx: CompletionContext, requestId: string): Promise<RequestState> {
	return (await completion(tx, ctx, requestId)).state;
}

/** The request as completion leaves it: its state, version and whether installed (what a push answers for the command). */
export interface RequestProgress {
	state: RequestState;
	version: number;
	installed: boolean;
}

/**
 * completeIfReady, telling the request's version and installed flag too, from the row it locks (no second read).
 * `locked`: rows the caller holds locked and current (a push batch's, kept current by the transitions given it).
 */
export async function completion(
	tx: Db,
	ctx: CompletionContext,
	requestId: string,
	locked?: Map<string, RequestRow>,
	/** A push batch's: writes what it holds pending of the request, before completion reads signatures and payments. */
	writePending?: () => Promise<void>
): Promise<RequestProgress> {
	const request = locked?.get(requestId) ?? (await lockRequest(tx, requestId))!;
	// a paperwork document (no installation, nothing to pay) closes once countersigned
	if (signedDocumentOf(request.serviceNumber)) {
		await writePending?.();
		return closeSignedDocument(tx, ctx, request);
	}
	const unchanged = { state: request.state, version: request.version, installed: request.installed };
	if (request.state !== 'utility_signed' || !request.installed) return unchanged;
	await writePending?.();
	// the extra for installed material is owed before completion: the request stays "Điện lực đã ký" until it is paid
	if ((await amountOwed(tx, requestId)) > 0) return unchanged;
	const done = await transitionRequest(tx, { requestId, name: 'complete', actor: { userId: null, role: 'system' }, at: ctx.runtime.clock(), locked });
	if (!done.ok) throw new DomainError(done.code, done.reason);
	await queueContractCompleted(tx, ctx, requestId);
	return { state: done.to, version: done.request.version, installed: done.request.installed };
}
