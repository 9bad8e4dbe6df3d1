// The crew checks the customer's on-site code at once when the tablet is online (issue 11, item 3), so a wrong code
// is asked again while the customer is still there. The check counts as an attempt; a right code stays usable for the
// signature the tablet then sends (the push verifies it again). A locked or expired code sends the contract to
// remote signing, and the answer says so in words.
import type { SessionUser } from '../../src/lib/domain/api';
import type { OnSiteCodeCheck } from '../../src/lib/api/onsite-signing';
import { STATE_LABELS } from '../../src/lib/domain/workflow';
import { m } from '../../src/lib/paraglide/messages.js';
import { both } from '../../src/lib/text';
import type { AppDeps } from '../context';
import { latestContract, lockActiveCodes, updateSigningCode } from '../db/contracts';
import { codeStatuses } from '../db/installed-contract';
import { listRequestJobs, lockRequest } from '../db/requests';
import { DomainError } from './domain-error';
import { codeRefusalWords, fallBackToRemoteSigning, signingWho } from './field-commands/sign-on-site';
import { onSiteCodeSubject } from './installed-contract';
import { verifySigningCode } from './signing-codes';
import { signingContext } from './signing-context';

const notFound = () => new DomainError('not_found', both(m.server_refusal_not_found));

export async function checkOnSiteCode(deps: AppDeps, user: SessionUser, requestId: string, code: string): Promise<OnSiteCodeCheck> {
	return deps.database.db.transaction(async (tx) => {
		const ctx = signingContext(deps);
		const request = await lockRequest(tx, requestId);
		if (!request || user.role !== 'crew' || !user.crewId) throw notFound();
		// only the crew the installation job is assigned to
		const jobs = await listRequestJobs(tx, requestId);
		if (!jobs.some((j) => j.kind === 'installation' && j.status === 'assigned' && j.crewId === user.crewId)) throw notFound();
		const who = await signingWho(tx, requestId);
		const contract = await latestContract(tx, requestId);
		if (request.state !== 'contract_drafted' || !contract) {
			throw new DomainError('not_signable_on_site', both(m.common_onsite_code_notSignable, { ...who, state: STATE_LABELS[request.state].vi }));
		}
		const subjectId = await onSiteCodeSubject(tx, contract);
		const [active] = await lockActiveCodes(tx, subjectId, 'on_site');
		const check = await verifySigningCode(tx, ctx.runtime, { subjectId, purpose: 'on_site', code, policy: ctx.codePolicy });
		if (check.ok) {
			// the check is not the signature: the code stays usable for the command the tablet sends next
			if (active) await updateSigningCode(tx, active.id, { status: 'active', usedAt: null });
			return { result: 'ok', message: both(m.common_onsite_code_ok, who) };
		}
		if (check.code === 'wrong_code') return { result: 'wrong', attemptsLeft: check.attemptsLeft ?? 0, message: codeRefusalWords(who, check) };
		if (check.code === 'no_code') {
			const superseded = (await codeStatuses(tx, subjectId, 'on_site')).includes('superseded');
			return { result: superseded ? 'superseded' : 'no_code', message: superseded ? both(m.common_onsite_code_superseded, who) : codeRefusalWords(who, check) };
		}
		await fallBackToRemoteSigning(tx, ctx, requestId, { after: check.code, by: 'code_check' });
		return { result: check.code === 'locked_code' ? 'locked' : 'expired', message: codeRefusalWords(who, check) };
	});
}
