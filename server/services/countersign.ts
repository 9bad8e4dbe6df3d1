// Step 12: the utility countersigns the version the customer signed, digitally: the contract PDF with its evidence
// page is signed (PAdES) with the unit's certificate and kept; step 13 follows when the installation is recorded.
import type { Db } from '../db/database';
import type { RequestState } from '../../src/lib/domain/workflow';
import { insertSignature, latestContract } from '../db/contracts';
import { DomainError } from './domain-error';
import { completeIfReady } from './completion';
import type { SessionUser } from '../../src/lib/domain/api';
import type { AppDeps } from '../context';
import { assertRequestInScope } from './access';
import { countersignPreview, countersignPreviewPdf, documentStore, signContractPdf, type ContractDocumentStore, type SignedContract } from './contract-document';
import type { SigningContext } from './signing';
import { transitionRequest, type Actor } from './workflow';

/** Step 12, and 13 when the installation is already recorded: the state after it and the signed PDF. */
export async function countersign(
	tx: Db,
	ctx: SigningContext,
	store: ContractDocumentStore,
	input: { requestId: string; supervisor: { id: string; fullName: string } }
): Promise<{ state: RequestState; signed: SignedContract }> {
	const now = ctx.runtime.clock();
	const actor: Actor = { userId: input.supervisor.id, role: 'supervisor' };
	const transition = await transitionRequest(tx, { requestId: input.requestId, name: 'countersign', actor, at: now });
	if (!transition.ok) throw new DomainError(transition.code, transition.reason);
	const contract = (await latestContract(tx, input.requestId))!;
	await insertSignature(tx, {
		id: ctx.runtime.newId(),
		requestId: input.requestId,
		contractId: contract.id,
		contractSha256: contract.sha256,
		party: 'utility',
		channel: 'console',
		signerName: input.supervisor.fullName,
		signerUserId: input.supervisor.id,
		serverTime: now
	});
	// signed before completion, so the completion notice can link a file that already exists
	const signed = await signContractPdf(tx, ctx.runtime, store, input);
	return { state: await completeIfReady(tx, ctx, input.requestId), signed };
}

/** What the supervisor reads before countersigning (their unit's request, waiting for the utility). */
export async function previewCountersign(deps: AppDeps, user: SessionUser, requestId: string) {
	const db = deps.database.db;
	await assertRequestInScope(db, user, requestId);
	return countersignPreview(db, documentStore(deps), { requestId, supervisorName: user.fullName, now: deps.clock() });
}

/** The preview as the PDF file it will be, without the signature. */
export async function previewCountersignPdf(deps: AppDeps, user: SessionUser, requestId: string) {
	const db = deps.database.db;
	await assertRequestInScope(db, user, requestId);
	return countersignPreviewPdf(db, documentStore(deps), { requestId, supervisorName: user.fullName, now: deps.clock() });
}
