// Server side of signOnSite: the contract the customer read must be the current one (an addendum for what was
// installed included) and the code right (a wrong code counts as an attempt though the command is refused); then the
// signature, and a refund when the signed amount is below what was paid. A wrong code keeps on-site signing open while
// attempts remain; only a locked or expired code falls back to remote signing, and the crew is told so in words.
import { m } from '../../../src/lib/paraglide/messages.js';
import { both } from '../../../src/lib/text';
import type { Label } from '../../../src/lib/domain/workflow';
import type { Db } from '../../db/database';
import { contractSources, insertSignature } from '../../db/contracts';
import type { signatures } from '../../db/schema';
import { latestContractOf } from '../contracts';
import { lockRequest } from '../../db/requests';
import type { Runtime } from '../clock';
import { onSiteCodeSubject, settleSignedVersion } from '../installed-contract';
import { verifySigningCode } from '../signing-codes';
import { sendPortalLink, type SigningContext } from '../signing';
import { transitionRequest } from '../workflow';
import { signingContextOf } from './context';
import { reject, serverCommand } from './types';

/** The only refusals after which the customer signs remotely: the code can no longer be used on site. */
export const SIGNING_FALLBACK_CODES: ReadonlySet<string> = new Set(['expired_code', 'locked_code']);

/** The request's code and its customer's name, for words that say which signing this is. */
export async function signingWho(tx: Db, requestId: string): Promise<{ request: string; customer: string }> {
	const sources = await contractSources(tx, requestId);
	return { request: sources?.request.code ?? '', customer: sources?.customer.fullName ?? '' };
}

/** Words for a refused code: a wrong one keeps signing on site (with the real attempts left), the rest say what now. */
export function codeRefusalWords(who: { request: string; customer: string }, check: { code: string; reason: Label; attemptsLeft?: number }): Label {
	if (check.code === 'wrong_code') return both(m.common_onsite_code_wrong, { ...who, left: check.attemptsLeft ?? 0 });
	if (SIGNING_FALLBACK_CODES.has(check.code)) return both(m.common_onsite_code_fallback, { ...who, reason: check.reason.vi });
	return both(m.common_onsite_code_other, { ...who, reason: check.reason.vi });
}

/** A code that can no longer be used on site: the contract goes to the customer to sign online (portal link). */
export async function fallBackToRemoteSigning(tx: Db, ctx: SigningContext, requestId: string, detail: Record<string, unknown>): Promise<boolean> {
	const request = await lockRequest(tx, requestId);
	if (!request || request.state !== 'contract_drafted') return false;
	const moved = await transitionRequest(tx, { requestId, name: 'requestRemoteSigning', actor: { userId: null, role: 'system' }, at: ctx.runtime.clock(), detail });
	if (moved.ok) await sendPortalLink(tx, ctx, requestId);
	return moved.ok;
}

export default serverCommand('signOnSite', {
	// its request's contract, code, payments and signature (and, falling back, its portal link)
	ownRequestOnly: true,
	// writes no meter or reading (its fallback to remote signing neither)
	keepsMeters: true,
	// its signature and a refund leave the request as its transition left it
	keepsRequestRow: true,
	// its transition on the batch's row, its signature with the batch's writes; its checks read the batch's row,
	// contract and codes, and its refund reads the batch's sums (none of them pending)
	decidedInBatch: true,
	// its code through the batch's codes; only its fall-back to remote signing issues one otherwise
	verifiesCode: true,
	// its contract through the batch's, and it drafts none
	readsContract: true,
	// what was paid and refunded through the batch's sums
	settles: true,
	fallsBack: (rejection) => SIGNING_FALLBACK_CODES.has(rejection.code),
	async precheck(tx, ctx, { command, payload, batch }) {
		// in a push, the batch holds the request's row locked and current (push.ts drops it once anything else may have changed it)
		const request = batch?.requests.get(command.requestId) ?? (await lockRequest(tx, command.requestId));
		if (!request || request.state !== 'contract_drafted' || request.version !== command.baseVersion) return null;
		// in a push, the batch's latest contract (kept current when the batch drafts an addendum)
		const contract = await latestContractOf(tx, command.requestId, batch?.reads);
		if (!contract || contract.sha256 !== payload.contractSha256 || contract.version !== payload.contractVersion) {
			return reject('contract_changed', both(m.common_onsite_contract_changed, await signingWho(tx, command.requestId)));
		}
		// in a push, from the batch's codes (its attempts written with the batch's, see keepsCodes)
		const subjectId = await onSiteCodeSubject(tx, contract, batch?.reads);
		const check = await verifySigningCode(tx, ctx, { requestId: command.requestId, subjectId, purpose: 'on_site', code: payload.code, policy: signingContextOf(ctx).codePolicy, memo: batch?.reads });
		if (!check.ok) return reject(check.code, codeRefusalWords(await signingWho(tx, command.requestId), check));
		batch?.reads?.prechecked.set(command.commandId, { command: 'signOnSite', contract });
		return null;
	},
	async write(tx, ctx, { command, payload, at, user, deviceId, batch }) {
		// the version the precheck matched and the code confirmed: only the code's attempt and the transition were written since
		const prechecked = batch.reads?.prechecked.get(command.commandId);
		const contract = prechecked?.command === 'signOnSite' ? prechecked.contract : (await latestContractOf(tx, command.requestId, batch.reads))!;
		const signature: typeof signatures.$inferInsert = {
			id: ctx.newId(),
			requestId: command.requestId,
			contractId: contract.id,
			contractSha256: contract.sha256,
			party: 'customer',
			channel: 'on_site',
			signerName: payload.signature.signerName,
			signerUserId: null,
			imagePng: payload.signature.imagePng,
			strokes: payload.signature.strokes,
			deviceTime: new Date(command.deviceTime),
			serverTime: at,
			lat: command.location?.lat ?? null,
			lng: command.location?.lng ?? null,
			clientInfo: `crew ${user.username} on device ${deviceId}`
		};
		// in a push, written with the batch's (read only by completion and an addendum, after their request's pending writes)
		if (batch.deferred) batch.deferred.signatures.push(signature);
		else await insertSignature(tx, signature);
		await settleSignedVersion(tx, ctx as Runtime, contract, batch.reads);
	},
	async afterRejection(tx, ctx, command, rejection) {
		if (!SIGNING_FALLBACK_CODES.has(rejection.code)) return;
		await fallBackToRemoteSigning(tx, signingContextOf(ctx), command.requestId, { after: rejection.code, commandId: command.commandId });
	}
});
