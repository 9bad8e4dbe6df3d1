// The dashboard's aggregates (services/kpis.ts): one query each, scoped to a unit or to all.
import { eq, sql } from 'drizzle-orm';
import type { RequestState } from '../../src/lib/domain/workflow';
import { rowsOf } from './changes';
import type { Db } from './database';
import { requests } from './schema';

/** A timestamp as either driver hands it back from raw SQL (a Date or its text). */
const toDate = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
const unitFilter = (unitId: string | null) => (unitId ? sql`r.unit_id = ${unitId}` : sql`true`);

export async function requestsByState(db: Db, unitId: string | null): Promise<Array<{ state: RequestState; count: number }>> {
	// by the state's name, as before the state was an enum (whose own order is the workflow's)
	return db
		.select({ state: requests.state, count: sql<number>`count(*)::int` })
		.from(requests)
		.where(unitId ? eq(requests.unitId, unitId) : undefined)
		.groupBy(requests.state)
		.orderBy(sql`${requests.state}::text`);
}

/**
 * Requests closed since `since`, with their deadline: those with an audit entry of one of `closing` (the workflow's
 * transitions into `completed`, named by the caller, so a new one needs no SQL change).
 */
export async function closedSince(db: Db, unitId: string | null, since: Date, closing: readonly string[]): Promise<Array<{ serviceNumber: number; deadline: Date | null; completedAt: Date }>> {
	const rows = rowsOf(
		await db.execute(sql`
			SELECT r.service_number, r.deadline, a.at AS completed_at
			FROM requests r JOIN audit_log a ON a.request_id = r.id AND a.transition IN (${sql.join(closing.map((name) => sql`${name}`), sql`, `)})
			WHERE ${unitFilter(unitId)} AND a.at >= ${since.toISOString()}::timestamptz`)
	);
	return rows.map((r) => ({
		serviceNumber: Number(r.service_number),
		deadline: r.deadline === null ? null : toDate(r.deadline),
		completedAt: toDate(r.completed_at)
	}));
}

/** Open requests past their deadline, per crew holding an assigned job on them. */
export async function overdueByCrew(db: Db, unitId: string | null, now: Date): Promise<Array<{ crewId: string; crewName: string; overdue: number }>> {
	const rows = rowsOf(
		await db.execute(sql`
			SELECT c.id AS crew_id, c.name AS crew_name, count(DISTINCT r.id)::int AS n
			FROM requests r
			JOIN jobs j ON j.request_id = r.id AND j.status = 'assigned'
			JOIN crews c ON c.id = j.crew_id
			WHERE ${unitFilter(unitId)} AND r.deadline < ${now.toISOString()}::timestamptz AND r.state NOT IN ('completed', 'cancelled')
			GROUP BY c.id, c.name ORDER BY n DESC, c.name`)
	);
	return rows.map((r) => ({ crewId: String(r.crew_id), crewName: String(r.crew_name), overdue: Number(r.n) }));
}

/** The median time from the previous entry of a request's audit trail to each step. */
export async function stepMedians(db: Db, unitId: string | null): Promise<Array<{ transition: string; medianSeconds: number; count: number }>> {
	const rows = rowsOf(
		await db.execute(sql`
			SELECT transition, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds, count(*)::int AS n
			FROM (
				SELECT a.transition, extract(epoch FROM a.at - lag(a.at) OVER (PARTITION BY a.request_id ORDER BY a.id)) AS seconds
				FROM audit_log a JOIN requests r ON r.id = a.request_id
				WHERE ${unitFilter(unitId)}
			) s
			WHERE seconds IS NOT NULL
			GROUP BY transition ORDER BY transition`)
	);
	return rows.map((r) => ({ transition: String(r.transition), medianSeconds: Number(r.median_seconds), count: Number(r.n) }));
}
