// Step 12: the utility countersigns the version the customer signed; step 13 follows when the installation is recorded.
import type { Db } from '../db/database';
import { insertSignature, latestContract } from '../db/contracts';
import { DomainError } from './domain-error';
import { completeIfReady } from './completion';
import type { SigningContext } from './signing';
import { transitionRequest, type Actor } from './workflow';

/** Step 12, and 13 when the installation is already recorded. */
export async function countersign(tx: Db, ctx: SigningContext, input: { requestId: string; supervisor: { id: string; fullName: string } }) {
	const now = ctx.runtime.clock();
	const actor: Actor = { userId: input.supervisor.id, role: 'supervisor' };
	const signed = await transitionRequest(tx, { requestId: input.requestId, name: 'countersign', actor, at: now });
	if (!signed.ok) throw new DomainError(signed.code, signed.reason.vi);
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
	return completeIfReady(tx, ctx, input.requestId);
}

