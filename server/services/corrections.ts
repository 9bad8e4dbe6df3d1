// Step 11, the other way (issue 11, item 1): the customer asks for changes to the contract they were sent to sign.
// The request waits for the utility (correction_requested); the customer's words stay in the history and the
// correction row, never in the contract. The supervisor answers: a new version they edit (back to the customer with
// one link and one code, shown as a difference), or an answer without a change (texted and emailed), after which
// the customer signs the version they have. Only the utility makes versions.
import { CORRECTIONS_PER_DAY, diffContractTerms, revisedTerms, type RevisionTerms } from '../../src/lib/domain/correction';
import { m } from '../../src/lib/paraglide/messages.js';
import { contractSources, latestContract } from '../db/contracts';
import { pricingOn } from './price-list';
import { closeCorrection, countCorrectionsSince, insertCorrection, listCorrections, lockOpenCorrection } from '../db/corrections';
import type { SessionUser } from '../../src/lib/domain/api';
import type { AppDeps } from '../context';
import { assertRequestInScope } from './access';
import { signingContext } from './signing-context';
import type { Db } from '../db/database';
import { lockRequest } from '../db/requests';
import { queueNotice } from '../notify/outbox';
import { draftContractVersion, termsFromSources, untilText } from './contracts';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { createPortalLink, linkedRequestId, notAwaiting, type SigningContext } from './signing';
import { issueSigningCode } from './signing-codes';
import { transitionRequest, type Actor } from './workflow';

const DAY = 24 * 3_600_000;

/** The customer asks for a correction of the version they read: stored for the utility, nothing is redrafted. */
export async function requestCorrectionOnPortal(tx: Db, ctx: SigningContext, token: string, comment: string) {
	const now = ctx.runtime.clock();
	const requestId = await linkedRequestId(tx, token, now);
	const request = (await lockRequest(tx, requestId))!;
	if (request.state === 'correction_requested') {
		throw new DomainError('not_awaiting_signature', both(m.server_refusal_correction_open, { request: request.code }));
	}
	if (request.state !== 'awaiting_remote_signature') throw notAwaiting(request.state);
	if ((await countCorrectionsSince(tx, requestId, new Date(now.getTime() - DAY))) >= CORRECTIONS_PER_DAY) {
		throw new DomainError('too_soon', both(m.server_refusal_correction_tooMany, { limit: CORRECTIONS_PER_DAY }));
	}
	const contract = (await latestContract(tx, requestId))!;
	const customer: Actor = { userId: null, role: 'customer' };
	const moved = await transitionRequest(tx, { requestId, name: 'requestCorrection', actor: customer, at: now, detail: { comment, contractVersion: contract.version } });
	if (!moved.ok) throw new DomainError(moved.code, moved.reason);
	await insertCorrection(tx, { id: ctx.runtime.newId(), requestId, contractId: contract.id, comment, createdAt: now, status: 'open' });
	return { contractVersion: contract.version, askedAt: now.toISOString() };
}

async function openCorrectionOf(tx: Db, requestId: string) {
	const request = await lockRequest(tx, requestId);
	if (!request) throw new DomainError('not_found', both(m.server_refusal_not_found));
	const open = await lockOpenCorrection(tx, requestId);
	if (request.state !== 'correction_requested' || !open) {
		throw new DomainError('wrong_state', both(m.server_refusal_correction_notOpen, { request: request.code }));
	}
	return { request, open };
}

/** (a) The supervisor issues a new version with the terms they edited; it goes back to the customer with a fresh code. */
export async function reviseContract(tx: Db, ctx: SigningContext, input: { requestId: string; supervisorId: string; terms: RevisionTerms; note?: string }) {
	const now = ctx.runtime.clock();
	const { request, open } = await openCorrectionOf(tx, input.requestId);
	const sources = (await contractSources(tx, input.requestId))!;
	const previous = (await latestContract(tx, input.requestId))!;
	const before = previous.terms ?? termsFromSources(sources);
	// a line the customer was already quoted keeps its price; a line added now takes the list in force today
	const today = (await pricingOn(tx, now)).lookup;
	const quoted = new Map(before.estimate.lines.map((l) => [l.code, l]));
	const terms = revisedTerms(before, input.terms, (code) => {
		const line = quoted.get(code);
		const current = today(code);
		return line && current ? { ...current, unitPrice: line.unitPrice } : current;
	});
	const changes = diffContractTerms(before, terms);
	if (changes.length === 0) throw new DomainError('invalid_input', both(m.server_refusal_correction_noChange));
	const actor: Actor = { userId: input.supervisorId, role: 'supervisor' };
	const contract = await draftContractVersion(tx, ctx, { requestId: input.requestId, actor, terms, kind: 'contract', basis: 'correction', code: 'none' });
	const moved = await transitionRequest(tx, {
		requestId: input.requestId,
		name: 'requestRemoteSigning',
		actor,
		at: now,
		detail: { contractVersion: contract.version, correction: 'revised', changes: changes.length }
	});
	if (!moved.ok) throw new DomainError(moved.code, moved.reason);
	// one code for the new version, sent with its link: usable on the portal or, if the crew comes first, the tablet
	const { code, expiresAt } = await issueSigningCode(tx, ctx.runtime, {
		requestId: input.requestId,
		subjectId: contract.id,
		purpose: 'portal',
		policy: ctx.codePolicy,
		ttlMs: ctx.codePolicy.onSiteTtlMs
	});
	const url = await createPortalLink(tx, ctx, input.requestId);
	const words = { request: request.code, version: contract.version, previous: previous.version, url, code, until: untilText(expiresAt), fullName: terms.customer.name };
	await queueNotice(tx, ctx.runtime, { phone: terms.customer.phone, email: terms.customer.email }, {
		requestId: input.requestId,
		kind: 'correction_revised',
		text: (locale) => ({
			sms: m.server_notice_correctionRevised_sms(words, { locale }),
			email: { subject: m.server_notice_correctionRevised_subject(words, { locale }), body: m.server_notice_correctionRevised_body(words, { locale }) }
		})
	});
	await closeCorrection(tx, open.correction.id, { status: 'revised', answer: input.note ?? null, answeredBy: input.supervisorId, answeredAt: now, newContractId: contract.id });
	return { contractVersion: contract.version, changes: changes.length };
}

/** (b) The supervisor answers without a change: the reason is texted and emailed; the customer signs the current version. */
export async function answerCorrection(tx: Db, ctx: SigningContext, input: { requestId: string; supervisorId: string; reason: string }) {
	const now = ctx.runtime.clock();
	const { request, open } = await openCorrectionOf(tx, input.requestId);
	const sources = (await contractSources(tx, input.requestId))!;
	const contract = (await latestContract(tx, input.requestId))!;
	const actor: Actor = { userId: input.supervisorId, role: 'supervisor' };
	const moved = await transitionRequest(tx, {
		requestId: input.requestId,
		name: 'answerCorrection',
		actor,
		at: now,
		detail: { contractVersion: contract.version, reason: input.reason }
	});
	if (!moved.ok) throw new DomainError(moved.code, moved.reason);
	await closeCorrection(tx, open.correction.id, { status: 'answered', answer: input.reason, answeredBy: input.supervisorId, answeredAt: now, newContractId: null });
	const url = await createPortalLink(tx, ctx, input.requestId);
	const customer = contract.terms?.customer ?? { name: sources.customer.fullName, phone: sources.customer.phone, email: sources.customer.email };
	const words = { request: request.code, version: contract.version, reason: input.reason, url, fullName: customer.name };
	await queueNotice(tx, ctx.runtime, { phone: customer.phone, email: customer.email }, {
		requestId: input.requestId,
		kind: 'correction_answered',
		text: (locale) => ({
			sms: m.server_notice_correctionAnswered_sms(words, { locale }),
			email: { subject: m.server_notice_correctionAnswered_subject(words, { locale }), body: m.server_notice_correctionAnswered_body(words, { locale }) }
		})
	});
	return { contractVersion: contract.version };
}

// The supervisor's actions, each in one transaction, for a request of their unit (another unit's reads as unknown).

const correctionViewOf = (row: Awaited<ReturnType<typeof listCorrections>>[number]) => ({
	status: row.correction.status,
	comment: row.correction.comment,
	askedAt: row.correction.createdAt.toISOString(),
	version: row.version,
	answer: row.correction.answer,
	answeredAt: row.correction.answeredAt?.toISOString() ?? null,
	newVersion: row.newVersion
});

export async function correctionCaseFor(deps: AppDeps, user: SessionUser, requestId: string) {
	const db = deps.database.db;
	await assertRequestInScope(db, user, requestId);
	const sources = (await contractSources(db, requestId))!;
	const rows = await listCorrections(db, requestId);
	const open = rows.find((r) => r.correction.status === 'open');
	const contract = await latestContract(db, requestId);
	const terms = contract ? (contract.terms ?? (sources.estimate ? termsFromSources(sources) : null)) : null;
	return {
		requestCode: sources.request.code,
		customerName: sources.customer.fullName,
		state: sources.request.state,
		open: open ? correctionViewOf(open) : null,
		past: rows.filter((r) => r !== open).map(correctionViewOf),
		current: contract && terms ? { version: contract.version, terms: { ...terms, installBy: terms.installBy ?? null } } : null
	};
}

export async function reviseContractFor(deps: AppDeps, user: SessionUser, requestId: string, terms: RevisionTerms, note?: string) {
	return deps.database.db.transaction(async (tx) => {
		await assertRequestInScope(tx, user, requestId);
		return reviseContract(tx, signingContext(deps), { requestId, supervisorId: user.id, terms, note });
	});
}

export async function answerCorrectionFor(deps: AppDeps, user: SessionUser, requestId: string, reason: string) {
	return deps.database.db.transaction(async (tx) => {
		await assertRequestInScope(tx, user, requestId);
		return answerCorrection(tx, signingContext(deps), { requestId, supervisorId: user.id, reason });
	});
}
