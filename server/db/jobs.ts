import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from './database';
import { auditLog, customers, jobRemovals, jobs, requests, users } from './schema';

export async function listCrewJobsChangedSince(db: Db, crewId: string, cursor: number) {
	return db
		.select({ job: jobs, request: requests, customer: customers })
		.from(jobs)
		.innerJoin(requests, eq(requests.id, jobs.requestId))
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.where(and(eq(jobs.crewId, crewId), or(gt(jobs.changeSeq, cursor), gt(requests.changeSeq, cursor))))
		.orderBy(asc(jobs.scheduledAt));
}

export async function listRemovedJobIds(db: Db, crewId: string, cursor: number): Promise<string[]> {
	const rows = await db
		.selectDistinct({ jobId: jobRemovals.jobId })
		.from(jobRemovals)
		.where(
			and(
				eq(jobRemovals.crewId, crewId),
				gt(jobRemovals.changeSeq, cursor),
				// a job that came back to this crew later is not removed
				sql`NOT EXISTS (SELECT 1 FROM ${jobs} WHERE ${jobs.id} = ${jobRemovals.jobId} AND ${jobs.crewId} = ${crewId})`
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
		.where(inArray(auditLog.requestId, requestIds))
		.orderBy(asc(auditLog.id));
}
