// What a supervisor does to a request's day besides the workflow's steps: reschedule a visit (or choose the
// installation time), cancel a request with a reason, move a job to another crew. Each writes a line of the
// request's history in words and texts the customer when it changes what they were told. Another unit's request or
// job reads as unknown (404); the routes let only supervisors and admins in.
import type { SessionUser } from '../../src/lib/domain/api';
import { getService } from '../../src/lib/domain/catalog';
import { isPastVisit, visitWhen } from '../../src/lib/domain/visit-time';
import { m } from '../../src/lib/paraglide/messages.js';
import type { AppDeps } from '../context';
import { lockChanges } from '../db/changes';
import type { Db } from '../db/database';
import { cancelOpenJobs, crewNamesOf, insertOperationNote, lockJobWithCrew, requestWithCustomer, setJobTime } from '../db/jobs';
import { lockRequest, reassignJob } from '../db/requests';
import { queueNotice } from '../notify/outbox';
import { withoutAccents } from '../notify/sms-text';
import { assertCrewServesUnit, assertRequestInScope, inScope, requestNotFound, unitScopeOf } from './access';
import type { Runtime } from './clock';
import { DomainError } from './domain-error';
import { both as bothOf } from '../../src/lib/text';
import { both, visitWord, whenText } from './operation-words';
import { transitionRequest } from './workflow';

const jobNotFound = () => new DomainError('not_found', bothOf(m.server_refusal_jobNotFound));

/** Refuses a visit before the current minute, naming both times. */
export function assertFutureVisit(at: Date, now: Date) {
	if (!isPastVisit(at, now)) return;
	const message = both((locale) => m.server_refusal_visitInPast({ when: whenText(at, locale), now: whenText(now, locale) }, { locale }));
	throw new DomainError('visit_in_past', message, { scheduledAt: message });
}

/** The job, locked, when it is the supervisor's unit's and still open. */
async function openJobInScope(tx: Db, user: SessionUser, jobId: string) {
	const scope = unitScopeOf(user);
	await lockChanges(tx);
	const found = await lockJobWithCrew(tx, jobId);
	if (!found || !inScope(scope, found.unitId)) throw jobNotFound();
	if (found.job.status !== 'assigned') throw new DomainError('job_closed', bothOf(m.server_refusal_jobClosedNoChange));
	return found;
}

/** A new time for a visit (the installation's too): the crew's tablet gets it at its next pull, the customer a text. */
export async function rescheduleVisit(deps: AppDeps, user: SessionUser, jobId: string, scheduledAt: string) {
	return deps.database.db.transaction(async (tx) => {
		const { job, crewName } = await openJobInScope(tx, user, jobId);
		const now = deps.clock();
		const at = new Date(scheduledAt);
		assertFutureVisit(at, now);
		const request = (await lockRequest(tx, job.requestId))!;
		await setJobTime(tx, job.id, at, now);
		const from = job.scheduledAt;
		const words = (locale: 'vi' | 'en') =>
			job.kind === 'installation'
				? m.server_notice_history_installationTime({ crew: crewName, from: whenText(from, locale), to: whenText(at, locale) }, { locale })
				: m.server_notice_history_reschedule({ visit: visitWord(job.kind, locale), crew: crewName, from: whenText(from, locale), to: whenText(at, locale) }, { locale });
		await insertOperationNote(tx, {
			requestId: request.id,
			at: now,
			actorUserId: user.id,
			actorRole: 'supervisor',
			transition: 'reschedule',
			state: request.state,
			version: request.version,
			detail: { jobId: job.id, kind: job.kind, from: from.toISOString(), to: at.toISOString(), summary: both(words) }
		});
		await textNewTime(tx, deps, request.id, job.kind, at);
		return { jobId: job.id, scheduledAt: at.toISOString() };
	});
}

async function textNewTime(tx: Db, runtime: Runtime, requestId: string, kind: string, at: Date) {
	const found = (await requestWithCustomer(tx, requestId))!;
	const { request, customer } = found;
	const { time, date } = visitWhen(at);
	await queueNotice(tx, runtime, { phone: customer.phone, email: customer.email }, {
		requestId,
		kind: 'visit_rescheduled',
		text: (locale) => ({
			sms: m.server_notice_visitMoved_sms({ code: request.code, address: withoutAccents(request.address), time, date }, { locale }),
			email: {
				subject: m.server_notice_visitMoved_subject({ code: request.code }, { locale }),
				body: m.server_notice_visitMoved_body({ fullName: customer.fullName, visit: visitWord(kind, locale), code: request.code, address: request.address, time, date }, { locale })
			}
		})
	});
}

/** The request is cancelled for a reason the customer reads; its open jobs leave the crews' tablets. */
export async function cancelWithReason(deps: AppDeps, user: SessionUser, requestId: string, reason: string) {
	return deps.database.db.transaction(async (tx) => {
		await lockChanges(tx);
		await assertRequestInScope(tx, user, requestId);
		const now = deps.clock();
		const summary = both((locale) => m.server_notice_history_cancel({ reason }, { locale }));
		const moved = await transitionRequest(tx, { requestId, name: 'cancel', actor: { userId: user.id, role: 'supervisor' }, at: now, detail: { reason, summary } });
		if (!moved.ok) throw new DomainError(moved.code, moved.reason);
		await cancelOpenJobs(tx, requestId, now);
		const { request, customer } = (await requestWithCustomer(tx, requestId))!;
			await queueNotice(tx, deps, { phone: customer.phone, email: customer.email }, {
			requestId,
			kind: 'request_cancelled',
			text: (locale) => ({
				sms: m.server_notice_requestCancelled_sms({ code: request.code, reason }, { locale }),
				email: {
					subject: m.server_notice_requestCancelled_subject({ code: request.code }, { locale }),
					body: m.server_notice_requestCancelled_body({ fullName: customer.fullName, code: request.code, service: getService(request.serviceNumber).name, reason }, { locale })
				}
			})
		});
		return { state: moved.to, version: moved.request.version };
	});
}

/**
 * The job moves to another crew of the unit: the old crew's tablets drop it at their next pull, and what it did
 * offline meanwhile is kept as a handover when it syncs (services/handovers.ts). The history names both crews.
 */
export async function reassignToCrew(deps: AppDeps, user: SessionUser, jobId: string, crewId: string) {
	return deps.database.db.transaction(async (tx) => {
		const { job, unitId } = await openJobInScope(tx, user, jobId).catch((e) => {
			if (e instanceof DomainError && e.code === 'job_closed') throw new DomainError('job_closed', bothOf(m.server_refusal_jobClosedNoReassign));
			throw e;
		});
		await assertCrewServesUnit(tx, crewId, unitId);
		if (crewId === job.crewId) return { jobId: job.id, crewId };
		const now = deps.clock();
		const request = await lockRequest(tx, job.requestId);
		if (!request) throw requestNotFound();
		await reassignJob(tx, job.id, crewId, now);
		const names = await crewNamesOf(tx, [job.crewId, crewId]);
		const words = (locale: 'vi' | 'en') => m.server_notice_history_reassign({ visit: visitWord(job.kind, locale), from: names.get(job.crewId) ?? '', to: names.get(crewId) ?? '' }, { locale });
		await insertOperationNote(tx, {
			requestId: request.id,
			at: now,
			actorUserId: user.id,
			actorRole: 'supervisor',
			transition: 'reassign',
			state: request.state,
			version: request.version,
			detail: { jobId: job.id, kind: job.kind, fromCrewId: job.crewId, toCrewId: crewId, summary: both(words) }
		});
		return { jobId: job.id, crewId };
	});
}
