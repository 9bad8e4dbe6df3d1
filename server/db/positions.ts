import { and, desc, eq, inArray, lt, max, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from './changes';
import type { Db } from './database';
import { crewPositions, crews, customers, jobs, requests } from './schema';
import { insertRowsStatement } from './bulk-insert';

export async function insertPosition(db: Db, row: typeof crewPositions.$inferInsert) {
	await db.insert(crewPositions).values(row);
}

/** Forgets where crews were before `before` (a retention window: crews' movements are personal data). Answers how many went. */
export async function deletePositionsBefore(db: Db, before: Date): Promise<number> {
	const gone = await db.delete(crewPositions).where(lt(crewPositions.recordedAt, before)).returning({ id: crewPositions.id });
	return gone.length;
}

/** Each crew's latest known position (crews of the unit; all for null). */
export async function latestPositions(db: Db, unitId: string | null) {
	const crewRows = await db.select().from(crews).where(unitId ? eq(crews.unitId, unitId) : undefined);
	if (crewRows.length === 0) return [];
	const latest = await db
		.selectDistinctOn([crewPositions.crewId])
		.from(crewPositions)
		.where(inArray(crewPositions.crewId, crewRows.map((c) => c.id)))
		.orderBy(crewPositions.crewId, desc(crewPositions.recordedAt));
	const byCrew = new Map(latest.map((p) => [p.crewId, p]));
	return crewRows.map((crew) => ({ crew, position: byCrew.get(crew.id) ?? null }));
}

/** Open jobs of the unit with their request, for the map. */
export async function openJobsForMap(db: Db, unitId: string | null) {
	return db
		.select({ job: jobs, request: requests, customerName: customers.fullName, crewName: crews.name })
		.from(jobs)
		.innerJoin(requests, eq(requests.id, jobs.requestId))
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.innerJoin(crews, eq(crews.id, jobs.crewId))
		.where(and(eq(jobs.status, 'assigned'), unitId ? eq(requests.unitId, unitId) : undefined))
		.orderBy(jobs.crewId, jobs.scheduledAt);
}

/** A value that changes whenever something the board or map shows changes (requests, jobs, positions). */
export async function changeMarker(db: Db, scope: { unitId?: string | null; crewId?: string }): Promise<string> {
	if (scope.crewId) {
		const [row] = await db.select({ seq: max(jobs.changeSeq) }).from(jobs).where(eq(jobs.crewId, scope.crewId));
		const [removed] = await db.execute(sql`SELECT max(change_seq) AS seq FROM job_removals WHERE crew_id = ${scope.crewId}`).then(rowsOf);
		return `${row?.seq ?? 0}:${removed?.seq ?? 0}`;
	}
	const unitFilter = scope.unitId ? eq(requests.unitId, scope.unitId) : undefined;
	const [r] = await db.select({ seq: max(requests.changeSeq) }).from(requests).where(unitFilter);
	const [j] = await db.select({ seq: max(jobs.changeSeq) }).from(jobs).innerJoin(requests, eq(requests.id, jobs.requestId)).where(unitFilter);
	const [p] = await db.select({ id: max(crewPositions.id) }).from(crewPositions);
	return `${r?.seq ?? 0}:${j?.seq ?? 0}:${p?.id ?? 0}`;
}

export function positionsStatement(db: Db, rows: Array<typeof crewPositions.$inferInsert>): SQL | undefined {
	return insertRowsStatement(db, crewPositions, rows);
}
