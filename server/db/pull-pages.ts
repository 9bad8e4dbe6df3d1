// The queries of a paged pull (docs/sync-protocol.md, "Pull"): a crew's jobs in id order after a key, within the
// retention window, changed after a change number; and the closed jobs that left the window.
import { and, asc, eq, gt, gte, lt, ne, or } from 'drizzle-orm';
import type { Db } from './database';
import { customers, jobs, requests } from './schema';

export interface JobPageQuery {
	crewId: string;
	/** Only jobs whose job or request changed after this change number (0: all). */
	since: number;
	/** Only jobs whose id sorts after this one (keyset paging); null: from the first. */
	after: string | null;
	/** Jobs closed (done) before this moment are outside the retention window and never sent. */
	windowFrom: Date;
	limit: number;
}

/**
 * One page of the crew's jobs in id order: open ones and those closed since `windowFrom`, changed after `since`.
 * A cancelled job is never sent (it leaves the tablet through removedJobIds).
 */
export async function listCrewJobPage(db: Db, q: JobPageQuery) {
	return db
		.select({ job: jobs, request: requests, customer: customers })
		.from(jobs)
		.innerJoin(requests, eq(requests.id, jobs.requestId))
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.where(
			and(
				eq(jobs.crewId, q.crewId),
				ne(jobs.status, 'cancelled'),
				or(eq(jobs.status, 'assigned'), gte(jobs.updatedAt, q.windowFrom)),
				q.since > 0 ? or(gt(jobs.changeSeq, q.since), gt(requests.changeSeq, q.since)) : undefined,
				q.after !== null ? gt(jobs.id, q.after) : undefined
			)
		)
		// the same collation orders the page and compares the key (`id > after`): the next page starts exactly after this one
		.orderBy(asc(jobs.id))
		.limit(q.limit);
}

export interface ExpiredQuery {
	crewId: string;
	since: number;
	/** The window of the tablet's previous pass (the epoch for an older tablet's cursor: every closed job before `to`). */
	from: Date;
	/** The window of this pass. */
	to: Date;
}

/**
 * The crew's jobs closed before `to` that the tablet may still hold: closed inside the previous window (they left it
 * since), or changed since the tablet's last pass while already outside the window.
 */
export async function listExpiredJobIds(db: Db, q: ExpiredQuery): Promise<string[]> {
	const changed = q.since > 0 ? or(gt(jobs.changeSeq, q.since), gt(requests.changeSeq, q.since)) : undefined;
	const rows = await db
		.select({ id: jobs.id })
		.from(jobs)
		.innerJoin(requests, eq(requests.id, jobs.requestId))
		.where(
			and(
				eq(jobs.crewId, q.crewId),
				eq(jobs.status, 'done'),
				lt(jobs.updatedAt, q.to),
				or(gte(jobs.updatedAt, q.from), changed)
			)
		)
		.orderBy(asc(jobs.id));
	return rows.map((r) => r.id);
}
