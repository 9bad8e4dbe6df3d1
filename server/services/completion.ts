// Step 13: the request completes once the utility has countersigned, the installation is recorded and nothing is owed
// (an addendum for extra material is paid first); the customer is then sent the long-lived link to the signed PDF.
import type { Db } from '../db/database';
import { lockRequest } from '../db/requests';
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
	const request = (await lockRequest(tx, requestId))!;
	// a paperwork document (no installation, nothing to pay) closes once countersigned
	if (signedDocumentOf(request.serviceNumber)) return closeSignedDocument(tx, ctx, request);
	if (request.state !== 'utility_signed' || !request.installed) return request.state;
	// the extra for installed material is owed before completion: the request stays "Điện lực đã ký" until it is paid
	if ((await amountOwed(tx, requestId)) > 0) return request.state;
	const done = await transitionRequest(tx, { requestId, name: 'complete', actor: { userId: null, role: 'system' }, at: ctx.runtime.clock() });
	if (!done.ok) throw new DomainError(done.code, done.reason);
	await queueContractCompleted(tx, ctx, requestId);
	return done.to;
}
