import { and, asc, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from './database';
import { nextChangeSeq } from './changes';
import { auditLog, crews, customers, jobRemovals, jobs, requests, users } from './schema';

export async function listRemovedJobIds(db: Db, crewId: string, cursor: number): Promise<string[]> {
	const rows = await db
		.selectDistinct({ jobId: jobRemovals.jobId })
		.from(jobRemovals)
		.where(
			and(
				eq(jobRemovals.crewId, crewId),
				gt(jobRemovals.changeSeq, cursor),
				// a job that came back to this crew later is not removed (unless it was cancelled since)
				sql`NOT EXISTS (SELECT 1 FROM ${jobs} WHERE ${jobs.id} = ${jobRemovals.jobId} AND ${jobs.crewId} = ${crewId} AND ${jobs.status} <> 'cancelled')`
			)
		);
	return rows.map((r) => r.jobId);
}

export async function listHistory(db: Db, requestIds: string[]) {
	if (requestIds.length === 0) return [];
	return db
		.select({
			requestId: auditLog.requestId,
			at: auditLog.at,
			transition: auditLog.transition,
			fromState: auditLog.fromState,
			toState: auditLog.toState,
			actorRole: auditLog.actorRole,
			actorName: users.fullName
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorUserId))
		// the supervisors' notes (reschedule, reassign, handovers) are the console's history, not the crew's
		.where(and(inArray(auditLog.requestId, requestIds), notInArray(auditLog.transition, [...OPERATION_NOTES])))
		.orderBy(asc(auditLog.id));
}

/** The latest repair report of each request (the recordFix step's detail, from the crew's tablet or phoned in). */
export async function latestFixReports(db: Db, requestIds: string[]): Promise<Map<string, { report: string; at: Date }>> {
	if (requestIds.length === 0) return new Map();
	const rows = await db
		.select({ requestId: auditLog.requestId, report: sql<string | null>`${auditLog.detail}->>'report'`, at: auditLog.at })
		.from(auditLog)
		.where(and(inArray(auditLog.requestId, requestIds), eq(auditLog.transition, 'recordFix')))
		.orderBy(asc(auditLog.id));
	// oldest first: the last report of a request wins
	return new Map(rows.filter((r) => r.report !== null).map((r) => [r.requestId, { report: r.report!, at: r.at }]));
}

/** History entries a supervisor's operation writes without changing the request's state or version. */
export const OPERATION_NOTES = ['reschedule', 'reassign', 'handoverHeld', 'handoverAccepted', 'handoverPassed'] as const;
export type OperationNote = (typeof OPERATION_NOTES)[number];

/** One line of the request's history that changes neither its state nor its version (the request row is locked by the caller). */
export async function insertOperationNote(
	db: Db,
	row: { requestId: string; at: Date; actorUserId: string | null; actorRole: string; transition: OperationNote; state: (typeof requests.$inferSelect)['state']; version: number; deviceId?: string | null; detail: Record<string, unknown> }
) {
	await db.insert(auditLog).values({
		requestId: row.requestId,
		at: row.at,
		actorUserId: row.actorUserId,
		actorRole: row.actorRole,
		transition: row.transition,
		fromState: row.state,
		toState: row.state,
		version: row.version,
		deviceId: row.deviceId ?? null,
		detail: row.detail
	});
}

/** The job with its crew's name and its request's unit, locked for the operation. */
export async function lockJobWithCrew(db: Db, jobId: string) {
	const [row] = await db
		.select({ job: jobs, crewName: crews.name, unitId: requests.unitId })
		.from(jobs)
		.innerJoin(crews, eq(crews.id, jobs.crewId))
		.innerJoin(requests, eq(requests.id, jobs.requestId))
		.where(eq(jobs.id, jobId))
		.for('update', { of: jobs });
	return row;
}

/** A new time for the job; the crew's tablet gets it at its next pull. */
export async function setJobTime(db: Db, jobId: string, scheduledAt: Date, at: Date) {
	await db.update(jobs).set({ scheduledAt, updatedAt: at, changeSeq: await nextChangeSeq(db) }).where(eq(jobs.id, jobId));
}

/** The request's open jobs are cancelled and leave their crews' tablets at the next pull; the jobs cancelled. */
export async function cancelOpenJobs(db: Db, requestId: string, at: Date) {
	const open = await db.select().from(jobs).where(and(eq(jobs.requestId, requestId), eq(jobs.status, 'assigned'))).for('update');
	for (const job of open) {
		const seq = await nextChangeSeq(db);
		await db.insert(jobRemovals).values({ jobId: job.id, crewId: job.crewId, changeSeq: seq });
		await db.update(jobs).set({ status: 'cancelled', updatedAt: at, changeSeq: seq }).where(eq(jobs.id, job.id));
	}
	return open;
}

/** Touches the job so the crew's tablet pulls it again (a draft handed to it). */
export async function touchJob(db: Db, jobId: string, at: Date) {
	await db.update(jobs).set({ updatedAt: at, changeSeq: await nextChangeSeq(db) }).where(eq(jobs.id, jobId));
}

/** The crews' names, by id. */
export async function crewNamesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db.select({ id: crews.id, name: crews.name }).from(crews).where(inArray(crews.id, ids));
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** The request with its customer, for the words of a notice or a refusal. */
export async function requestWithCustomer(db: Db, requestId: string) {
	const [row] = await db.select({ request: requests, customer: customers }).from(requests).innerJoin(customers, eq(customers.id, requests.customerId)).where(eq(requests.id, requestId));
	return row;
}
