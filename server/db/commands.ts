import { and, eq, sql, type SQL } from 'drizzle-orm';
import { anyOf } from './any-of';
import type { Db } from './database';
import { blobs, commandLog, devices, estimates, installations, jobs, surveys } from './schema';
import { changeSeqFor } from './changes';
import { insertRowsStatement } from './bulk-insert';

export type DeviceRow = typeof devices.$inferSelect;
export type CommandLogRow = typeof commandLog.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;

export async function findDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
	const rows = await db.select().from(devices).where(eq(devices.id, id)).limit(1);
	return rows[0];
}

/** The device row, created on first contact and locked until the transaction ends (one push per device at a time). */
export async function lockOrCreateDevice(db: Db, id: string, userId: string, now: Date): Promise<DeviceRow> {
	await db
		.insert(devices)
		.values({ id, userId, lastSeq: 0, firstSeenAt: now, lastSeenAt: now })
		.onConflictDoNothing({ target: devices.id });
	const rows = await db.select().from(devices).where(eq(devices.id, id)).for('update');
	return rows[0]!;
}

/** The device's last applied seq, written with the rest of its push (writeTogether). */
export function deviceSeqStatement(db: Db, id: string, lastSeq: number, now: Date): SQL {
	return db.update(devices).set({ lastSeq, lastSeenAt: now }).where(eq(devices.id, id)).getSQL();
}

export async function findCommandBySeq(db: Db, deviceId: string, seq: number): Promise<CommandLogRow | undefined> {
	const rows = await db
		.select()
		.from(commandLog)
		.where(and(eq(commandLog.deviceId, deviceId), eq(commandLog.seq, seq)))
		.limit(1);
	return rows[0];
}

export async function findCommandById(db: Db, commandId: string): Promise<CommandLogRow | undefined> {
	const rows = await db
		.select()
		.from(commandLog)
		.where(and(eq(commandLog.commandId, commandId), sql`${commandLog.code} IS DISTINCT FROM 'duplicate_command'`))
		.limit(1);
	return rows[0];
}

export async function insertCommandLog(db: Db, row: typeof commandLog.$inferInsert) {
	await db.insert(commandLog).values(row);
}

export async function missingBlobs(db: Db, shas: string[]): Promise<string[]> {
	if (shas.length === 0) return [];
	const rows = await db.select({ sha: blobs.sha256 }).from(blobs).where(anyOf(blobs.sha256, shas));
	const present = new Set(rows.map((r) => r.sha));
	return shas.filter((sha) => !present.has(sha));
}

export async function insertBlob(db: Db, row: typeof blobs.$inferInsert) {
	await db.insert(blobs).values(row).onConflictDoNothing({ target: blobs.sha256 });
}

export async function findBlob(db: Db, sha: string) {
	const rows = await db.select().from(blobs).where(eq(blobs.sha256, sha)).limit(1);
	return rows[0];
}

export async function findJob(db: Db, id: string) {
	const rows = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
	return rows[0];
}

export async function setJobStatus(db: Db, id: string, status: 'assigned' | 'done' | 'cancelled', at: Date) {
	await db
		.update(jobs)
		.set({ status, updatedAt: at, changeSeq: await changeSeqFor(db) })
		.where(eq(jobs.id, id));
}

export async function insertSurvey(db: Db, row: typeof surveys.$inferInsert) {
	await db.insert(surveys).values(row);
}

export async function insertEstimate(db: Db, row: typeof estimates.$inferInsert) {
	await db.insert(estimates).values(row);
}

/** The surveys, estimates and installations of these requests, oldest first, for pulls and request detail. */
export async function latestFieldWork(db: Db, requestIds: string[]) {
	if (requestIds.length === 0) return { surveys: [], estimates: [], installations: [] };
	const surveyRows = await db.select().from(surveys).where(anyOf(surveys.requestId, requestIds)).orderBy(surveys.submittedAt);
	const estimateRows = await db.select().from(estimates).where(anyOf(estimates.requestId, requestIds)).orderBy(estimates.submittedAt);
	const installationRows = await db.select().from(installations).where(anyOf(installations.requestId, requestIds)).orderBy(installations.submittedAt);
	return { surveys: surveyRows, estimates: estimateRows, installations: installationRows };
}

/** The command-log rows (not counting duplicate refusals) of these command ids, for a whole push batch at once. */
export async function findCommandsByIds(db: Db, commandIds: string[]): Promise<CommandLogRow[]> {
	if (commandIds.length === 0) return [];
	return db
		.select()
		.from(commandLog)
		.where(and(anyOf(commandLog.commandId, commandIds), sql`${commandLog.code} IS DISTINCT FROM 'duplicate_command'`));
}

export async function findCommandsBySeqs(db: Db, deviceId: string, seqs: number[]): Promise<CommandLogRow[]> {
	if (seqs.length === 0) return [];
	return db.select().from(commandLog).where(and(eq(commandLog.deviceId, deviceId), anyOf(commandLog.seq, seqs)));
}

export function commandLogsStatement(db: Db, rows: Array<typeof commandLog.$inferInsert>): SQL | undefined {
	return insertRowsStatement(db, commandLog, rows);
}

export async function findJobs(db: Db, ids: string[]) {
	if (ids.length === 0) return [];
	return db.select().from(jobs).where(anyOf(jobs.id, ids));
}

export function surveysStatement(db: Db, rows: Array<typeof surveys.$inferInsert>): SQL | undefined {
	return insertRowsStatement(db, surveys, rows);
}
