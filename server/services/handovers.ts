// Handovers: work a crew did offline on a job that was taken from it. When its tablet syncs, the push refuses the
// command (job_reassigned) with words naming the request and the customer, and keeps the command here; the
// supervisor sees it on the request and either accepts it into the request (applied as the crew that has the job
// now would apply it, the history saying whose work it was) or passes it to that crew, whose tablet gets it as a
// draft. A command for a cancelled request is refused job_cancelled, in words too.
import type { SessionUser } from '../../src/lib/domain/api';
import type { CommandEnvelope } from '../../src/lib/domain/commands';
import { m } from '../../src/lib/paraglide/messages.js';
import type { AppDeps } from '../context';
import { lockChanges } from '../db/changes';
import { findJob } from '../db/commands';
import type { Db } from '../db/database';
import { decideHandover, insertHandover, listRequestHandovers, lockHandover } from '../db/handovers';
import { crewNamesOf, insertOperationNote, requestWithCustomer, touchJob } from '../db/jobs';
import { lockRequest } from '../db/requests';
import { assertRequestInScope } from './access';
import { DomainError } from './domain-error';
import { both as bothOf } from '../../src/lib/text';
import { applyFieldCommand, type CommandOutcome, type FieldContext } from './field-commands';
import { both, whenText, workWord, type Locale } from './operation-words';

/** Refusals a cancelled request explains better (its job was closed or its state moved to cancelled). */
const AFTER_CANCEL = new Set(['job_reassigned', 'job_cancelled', 'wrong_state', 'stale_version', 'guard_failed', 'forbidden_role']);

/**
 * Inside the push's transaction, after a refusal: a command for a cancelled request is answered job_cancelled,
 * a command on a job moved to another crew job_reassigned, both naming the request and the customer; the latter's
 * work is kept as a handover with a line in the request's history. Any other refusal is returned as it was.
 */
export async function keepTakenWork(tx: Db, runtime: FieldContext, user: SessionUser, deviceId: string, command: CommandEnvelope, outcome: Extract<CommandOutcome, { ok: false }>): Promise<CommandOutcome> {
	if (!AFTER_CANCEL.has(outcome.code)) return outcome;
	const found = await requestWithCustomer(tx, command.requestId);
	if (!found) return outcome;
	const { request, customer } = found;
	const words = { code: request.code, customer: customer.fullName };
	if (request.state === 'cancelled') {
		return { ok: false, code: 'job_cancelled', reason: both((locale) => m.server_refusal_job_cancelled(words, { locale })) };
	}
	if (outcome.code === 'job_cancelled') return { ok: false, code: 'job_cancelled', reason: both((locale) => m.server_refusal_job_cancelled(words, { locale })) };
	if (outcome.code !== 'job_reassigned' || !user.crewId) return outcome;
	const job = await findJob(tx, command.jobId);
	if (!job || job.requestId !== request.id) return outcome;
	const now = runtime.clock();
	const doneAt = new Date(command.deviceTime);
	await insertHandover(tx, {
		id: runtime.newId(),
		requestId: request.id,
		jobId: job.id,
		fromCrewId: user.crewId,
		submittedBy: user.id,
		commandId: command.commandId,
		name: command.name,
		payload: command.payload ?? {},
		deviceTime: doneAt,
		receivedAt: now,
		status: 'held'
	});
	const fromCrew = user.crewName ?? (await crewName(tx, user.crewId)) ?? '';
	const summary = both((locale) => m.server_notice_history_handoverHeld({ work: workWord(command.name, locale), crew: fromCrew, person: user.fullName, time: whenText(doneAt, locale) }, { locale }));
	await insertOperationNote(tx, {
		requestId: request.id,
		at: now,
		actorUserId: user.id,
		actorRole: 'crew',
		transition: 'handoverHeld',
		state: request.state,
		version: request.version,
		deviceId,
		detail: { jobId: job.id, commandId: command.commandId, summary }
	});
	return { ok: false, code: 'job_reassigned', reason: both((locale) => m.server_refusal_job_reassigned(words, { locale })) };
}

/** The handovers of a request, for its detail page. */
export async function requestHandovers(deps: AppDeps, user: SessionUser, requestId: string) {
	const db = deps.database.db;
	await assertRequestInScope(db, user, requestId);
	const rows = await listRequestHandovers(db, requestId);
	return rows.map(({ handover: h, fromCrewName, submittedByName, toCrewName }) => ({
		id: h.id,
		jobId: h.jobId,
		name: h.name,
		payload: h.payload,
		fromCrew: fromCrewName,
		submittedBy: submittedByName,
		doneAt: (h.deviceTime ?? h.receivedAt).toISOString(),
		receivedAt: h.receivedAt.toISOString(),
		status: h.status,
		toCrew: toCrewName ?? null
	}));
}

/** The held handover, locked, of the supervisor's unit, and the job it was done on (still open). */
async function heldHandover(tx: Db, user: SessionUser, id: string) {
	await lockChanges(tx);
	const found = await lockHandover(tx, id);
	if (!found) throw new DomainError('not_found', bothOf(m.server_refusal_resultNotFound));
	await assertRequestInScope(tx, user, found.handover.requestId).catch(() => {
		throw new DomainError('not_found', bothOf(m.server_refusal_resultNotFound));
	});
	if (found.handover.status !== 'held') throw new DomainError('handover_decided', bothOf(m.server_refusal_handoverDecided));
	const job = await findJob(tx, found.handover.jobId);
	if (!job || job.status !== 'assigned') throw new DomainError('job_closed', bothOf(m.server_refusal_handoverJobClosed));
	return { ...found, job };
}

const handoverWords = (found: { handover: { name: string; deviceTime: Date | null; receivedAt: Date }; fromCrewName: string; submittedByName: string }, locale: Locale) => ({
	work: workWord(found.handover.name, locale),
	crew: found.fromCrewName,
	person: found.submittedByName,
	time: whenText(found.handover.deviceTime ?? found.handover.receivedAt, locale)
});

/** The kept work becomes part of the request, as if the crew that has the job now had sent it. */
export async function acceptHandover(deps: AppDeps, user: SessionUser, id: string) {
	return deps.database.db.transaction(async (tx) => {
		const found = await heldHandover(tx, user, id);
		const { handover: h, job } = found;
		const request = (await lockRequest(tx, h.requestId))!;
		const now = deps.clock();
		// the crew member who did it, counted as a member of the crew the job belongs to now
		const doer: SessionUser = { id: h.submittedBy, username: '', fullName: found.submittedByName, role: 'crew', crewId: job.crewId, crewName: null, unitId: null };
		const command: CommandEnvelope = {
			commandId: h.commandId,
			seq: 1,
			name: h.name,
			requestId: h.requestId,
			jobId: h.jobId,
			baseVersion: request.version,
			deviceTime: (h.deviceTime ?? h.receivedAt).toISOString(),
			location: null,
			payload: h.payload
		};
		const outcome = await applyFieldCommand(tx, deps, doer, '', command);
		if (!outcome.ok) throw new DomainError('handover_refused', outcome.reason);
		const toCrew = (await crewName(tx, job.crewId)) ?? '';
		await decideHandover(tx, h.id, { status: 'accepted', toCrewId: job.crewId, decidedBy: user.id, decidedAt: now });
		const after = (await lockRequest(tx, h.requestId))!;
		await insertOperationNote(tx, {
			requestId: h.requestId,
			at: now,
			actorUserId: user.id,
			actorRole: 'supervisor',
			transition: 'handoverAccepted',
			state: after.state,
			version: after.version,
			detail: { handoverId: h.id, jobId: h.jobId, summary: both((locale) => m.server_notice_history_handoverAccepted({ ...handoverWords(found, locale), toCrew }, { locale })) }
		});
		return { id: h.id, status: 'accepted' as const, state: after.state };
	});
}

/** The kept work goes to the crew that has the job now: its tablet gets it as a draft at the next pull. */
export async function passHandover(deps: AppDeps, user: SessionUser, id: string) {
	return deps.database.db.transaction(async (tx) => {
		const found = await heldHandover(tx, user, id);
		const { handover: h, job } = found;
		const request = (await lockRequest(tx, h.requestId))!;
		const now = deps.clock();
		const toCrew = (await crewName(tx, job.crewId)) ?? '';
		await decideHandover(tx, h.id, { status: 'passed', toCrewId: job.crewId, decidedBy: user.id, decidedAt: now });
		await touchJob(tx, job.id, now);
		await insertOperationNote(tx, {
			requestId: h.requestId,
			at: now,
			actorUserId: user.id,
			actorRole: 'supervisor',
			transition: 'handoverPassed',
			state: request.state,
			version: request.version,
			detail: { handoverId: h.id, jobId: h.jobId, summary: both((locale) => m.server_notice_history_handoverPassed({ ...handoverWords(found, locale), toCrew }, { locale })) }
		});
		return { id: h.id, status: 'passed' as const, state: request.state };
	});
}

async function crewName(tx: Db, crewId: string) {
	return (await crewNamesOf(tx, [crewId])).get(crewId);
}
