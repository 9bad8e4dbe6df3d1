import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { anyOf } from './any-of';
import type { Db } from './database';
import { auditLog, crews, customers, jobRemovals, jobs, requestDocuments, requests, units, users } from './schema';
import { nextChangeSeq } from './changes';
import type { RequestState } from '../../src/lib/domain/workflow';

export type RequestRow = typeof requests.$inferSelect;

export async function insertUnit(db: Db, row: typeof units.$inferInsert) {
	await db.insert(units).values(row);
}
export async function insertCrew(db: Db, row: typeof crews.$inferInsert) {
	await db.insert(crews).values(row);
}
export async function insertUser(db: Db, row: typeof users.$inferInsert) {
	await db.insert(users).values(row);
}
export async function insertCustomer(db: Db, row: typeof customers.$inferInsert) {
	await db.insert(customers).values(row);
}

export async function insertRequest(db: Db, row: Omit<typeof requests.$inferInsert, 'changeSeq' | 'searchText'>) {
	await db.insert(requests).values({ ...row, changeSeq: await nextChangeSeq(db) });
	// lower() in the database, like the board's query, so both sides fold case the same way
	await db.execute(sql`UPDATE ${requests} r SET search_text = lower(r.code || ' ' || c.full_name || ' ' || c.phone) FROM ${customers} c WHERE c.id = r.customer_id AND r.id = ${row.id}`);
}

/** Reads the request and locks its row until the transaction ends (serialises transitions on it). */
export async function lockRequest(db: Db, id: string): Promise<RequestRow | undefined> {
	const rows = await db.select().from(requests).where(eq(requests.id, id)).for('update');
	return rows[0];
}

/** Locks several requests at once, in id order (a fixed order keeps concurrent batches from deadlocking). */
export async function lockRequests(db: Db, ids: string[]): Promise<RequestRow[]> {
	if (ids.length === 0) return [];
	return db.select().from(requests).where(anyOf(requests.id, ids)).orderBy(asc(requests.id)).for('update');
}

export async function saveRequestState(
	db: Db,
	id: string,
	patch: { state: RequestState; version: number; installed: boolean; updatedAt: Date }
) {
	await db
		.update(requests)
		.set({ ...patch, changeSeq: await nextChangeSeq(db) })
		.where(eq(requests.id, id));
}

export async function appendAudit(db: Db, row: typeof auditLog.$inferInsert) {
	await db.insert(auditLog).values(row);
}

/** The new state, a fresh change seq and the audit entry in one statement (the caller holds the change lock). */
export async function saveStateWithAudit(
	db: Db,
	patch: { id: string; state: RequestState; version: number; installed: boolean; updatedAt: Date },
	audit: Omit<typeof auditLog.$inferInsert, 'requestId' | 'id'>
) {
	const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
	await db.execute(sql`
		WITH updated AS (
			UPDATE ${requests}
			SET state = ${patch.state}, version = ${patch.version}, installed = ${patch.installed},
				updated_at = ${patch.updatedAt.toISOString()}::timestamptz, change_seq = nextval('change_seq')
			WHERE id = ${patch.id}
			RETURNING id
		)
		INSERT INTO ${auditLog} (request_id, at, actor_user_id, actor_role, transition, from_state, to_state, version, device_id, lat, lng, detail)
		SELECT id, ${audit.at.toISOString()}::timestamptz, ${audit.actorUserId ?? null}, ${audit.actorRole}, ${audit.transition}, ${audit.fromState ?? null},
			${audit.toState}, ${audit.version}, ${audit.deviceId ?? null}, ${audit.lat ?? null}::double precision, ${audit.lng ?? null}::double precision, ${json(audit.detail)}::jsonb
		FROM updated`);
}

export async function insertJob(db: Db, row: Omit<typeof jobs.$inferInsert, 'changeSeq'>) {
	await db.insert(jobs).values({ ...row, changeSeq: await nextChangeSeq(db) });
}

/** Moves a job to another crew; the old crew's tablets learn on their next pull that it is gone. */
export async function reassignJob(db: Db, jobId: string, toCrewId: string, at: Date) {
	const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId)).for('update');
	if (!job) return undefined;
	const seq = await nextChangeSeq(db);
	await db.insert(jobRemovals).values({ jobId, crewId: job.crewId, changeSeq: seq });
	await db.update(jobs).set({ crewId: toCrewId, updatedAt: at, changeSeq: seq }).where(eq(jobs.id, jobId));
	return { ...job, crewId: toCrewId };
}

export async function countRows(db: Db, table: 'requests' | 'users') {
	const target = table === 'requests' ? requests : users;
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(target);
	return row?.n ?? 0;
}

export async function findCustomerById(db: Db, id: string) {
	const [row] = await db.select().from(customers).where(eq(customers.id, id));
	return row;
}

export async function findCrewById(db: Db, id: string) {
	const [row] = await db.select().from(crews).where(eq(crews.id, id));
	return row;
}

/** The documents attached at intake, each with its place in the supervisor's order. */
export async function insertRequestDocuments(db: Db, rows: Array<typeof requestDocuments.$inferInsert>) {
	if (rows.length > 0) await db.insert(requestDocuments).values(rows);
}

/** A request's jobs, the latest scheduled first. */
export async function listRequestJobs(db: Db, requestId: string) {
	return db.select().from(jobs).where(eq(jobs.requestId, requestId)).orderBy(desc(jobs.scheduledAt));
}

/** The request's job that is still assigned, if any. */
export async function findAssignedJob(db: Db, requestId: string) {
	const [row] = await db.select().from(jobs).where(and(eq(jobs.requestId, requestId), eq(jobs.status, 'assigned')));
	return row;
}
