// Step 11, the other way: the customer asks for changes to the contract they were sent to sign.
import type { Db } from '../db/database';
import { lockRequest } from '../db/requests';
import { DomainError } from './domain-error';
import { draftContractVersion } from './contracts';
import { linkedRequestId, notAwaiting, sendToRemoteSigning, type SigningContext } from './signing';
import { transitionRequest, type Actor } from './workflow';

/** Step 11, the other way: the customer asks for changes; a corrected version goes back to them to sign. */
export async function requestCorrectionOnPortal(tx: Db, ctx: SigningContext, token: string, comment: string) {
	const now = ctx.runtime.clock();
	const requestId = await linkedRequestId(tx, token, now);
	const request = (await lockRequest(tx, requestId))!;
	if (request.state !== 'awaiting_remote_signature') throw notAwaiting(request.state);
	const customer: Actor = { userId: null, role: 'customer' };
	const moved = await transitionRequest(tx, { requestId, name: 'requestCorrection', actor: customer, at: now, detail: { comment } });
	if (!moved.ok) throw new DomainError(moved.code, moved.reason.vi);
	const system: Actor = { userId: null, role: 'system' };
	const contract = await draftContractVersion(tx, ctx, { requestId, actor: system, correctionNote: comment });
	await sendToRemoteSigning(tx, ctx, { requestId, actor: system });
	return { contractVersion: contract.version };
}

