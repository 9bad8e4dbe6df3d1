import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { anyOf } from './any-of';
import type { MeterReading } from '../../src/lib/domain/readings';
import { METER_CHECK_SERVICES } from '../../src/lib/domain/workflow';
import { nextChangeSeq, rowsOf } from './changes';
import type { Db } from './database';
import { crews, customers, meterChecks, meterReadings, meters, readingLinks, requests } from './schema';
import { insertRowsStatement } from './bulk-insert';

export type MeterRow = typeof meters.$inferSelect;
export type MeterReadingRow = typeof meterReadings.$inferSelect;

export async function insertMeter(db: Db, row: typeof meters.$inferInsert) {
	await db.insert(meters).values(row);
}

export async function findMeter(db: Db, serial: string) {
	const [row] = await db
		.select({ meter: meters, customer: customers })
		.from(meters)
		.innerJoin(customers, eq(customers.id, meters.customerId))
		.where(eq(meters.serial, serial))
		.for('update', { of: meters });
	return row;
}

/**
 * Meters a push batch names, locked at its start in serial order (a stable order, so two batches naming the same meters
 * queue instead of deadlocking; the caller took the change lock first), with their customers: one query.
 */
export async function lockMeters(db: Db, serials: readonly string[]) {
	if (serials.length === 0) return [];
	return db
		.select({ meter: meters, customer: customers })
		.from(meters)
		.innerJoin(customers, eq(customers.id, meters.customerId))
		.where(anyOf(meters.serial, [...serials]))
		.orderBy(asc(meters.serial))
		.for('update', { of: meters });
}

/** The readings of these meters, each meter's in time order (as listReadings): one query. */
export async function listReadingsOf(db: Db, serials: readonly string[]): Promise<MeterReadingRow[]> {
	if (serials.length === 0) return [];
	return db.select().from(meterReadings).where(anyOf(meterReadings.meterSerial, [...serials])).orderBy(asc(meterReadings.meterSerial), asc(meterReadings.takenAt));
}

export async function listReadings(db: Db, serial: string): Promise<MeterReadingRow[]> {
	return db.select().from(meterReadings).where(eq(meterReadings.meterSerial, serial)).orderBy(asc(meterReadings.takenAt));
}

/** Readings as the shared reading rules take them. */
export function asHistory(rows: readonly MeterReadingRow[]): MeterReading[] {
	return rows.map((r) => ({ at: r.takenAt.toISOString(), kwh: r.kwh, source: r.source }));
}

export async function listMeters(db: Db, serials: string[]) {
	return db.select().from(meters).where(inArray(meters.serial, serials));
}

/** The latest `perMeter` readings of each meter, newest first. */
export async function listRecentReadings(db: Db, serials: string[], perMeter: number): Promise<MeterReadingRow[]> {
	const ranked = db
		.select({ id: meterReadings.id, rank: sql<number>`row_number() OVER (PARTITION BY ${meterReadings.meterSerial} ORDER BY ${meterReadings.takenAt} DESC)`.as('rank') })
		.from(meterReadings)
		.where(inArray(meterReadings.meterSerial, serials))
		.as('ranked');
	return db
		.select({ reading: meterReadings })
		.from(meterReadings)
		.innerJoin(ranked, eq(ranked.id, meterReadings.id))
		.where(sql`${ranked.rank} <= ${perMeter}`)
		.orderBy(desc(meterReadings.takenAt))
		.then((rows) => rows.map((r) => r.reading));
}

/** The meter check (service 41 or 42) still open for this meter, if any. */
export async function findOpenMeterCheck(db: Db, serial: string) {
	const [row] = await db
		.select({ id: requests.id, code: requests.code })
		.from(requests)
		.where(and(eq(requests.meterSerial, serial), inArray(requests.serviceNumber, [...METER_CHECK_SERVICES]), notInArray(requests.state, ['completed', 'cancelled'])))
		.orderBy(asc(requests.receivedAt))
		.limit(1);
	return row;
}

/** A meter whose purchase contract ended is out of service from now: no more readings, checks or self-readings. */
export async function markMeterOutOfService(db: Db, serial: string, at: Date) {
	await db.update(meters).set({ removedAt: at }).where(eq(meters.serial, serial));
}

/** A replaced meter comes off the wall; checks still waiting for dispatch follow the customer to the new one. */
export async function retireMeter(db: Db, serial: string, replacedBy: string, at: Date) {
	await markMeterOutOfService(db, serial, at);
	await db.update(requests).set({ meterSerial: replacedBy }).where(and(eq(requests.meterSerial, serial), eq(requests.state, 'submitted')));
}

export async function insertReading(db: Db, row: typeof meterReadings.$inferInsert) {
	await db.insert(meterReadings).values(row);
}

/** Open requests about this meter change with its readings: the crew's next pull brings the new history. */
export async function touchOpenRequestsOfMeter(db: Db, serial: string, at: Date) {
	const seq = await nextChangeSeq(db);
	await db
		.update(requests)
		.set({ changeSeq: seq, updatedAt: at })
		.where(and(eq(requests.meterSerial, serial), notInArray(requests.state, ['completed', 'cancelled'])));
}

export async function insertReadingLink(db: Db, row: typeof readingLinks.$inferInsert) {
	await db.insert(readingLinks).values(row);
}

export async function findReadingLink(db: Db, tokenHash: string) {
	const [row] = await db.select().from(readingLinks).where(eq(readingLinks.tokenHash, tokenHash));
	return row;
}

export async function markReadingLinkUsed(db: Db, tokenHash: string, at: Date) {
	await db.update(readingLinks).set({ usedAt: at }).where(and(eq(readingLinks.tokenHash, tokenHash)));
}

export async function insertMeterCheck(db: Db, row: typeof meterChecks.$inferInsert) {
	await db.insert(meterChecks).values(row);
}

/** A push batch's readings in one INSERT (one array per column), in the commands' order. */
export function readingsStatement(db: Db, rows: readonly (typeof meterReadings.$inferInsert)[]): SQL | undefined {
	return insertRowsStatement(db, meterReadings, rows);
}

/** A push batch's meter checks in one INSERT (one array per column), in the commands' order. */
export function meterChecksStatement(db: Db, rows: readonly (typeof meterChecks.$inferInsert)[]): SQL | undefined {
	return insertRowsStatement(db, meterChecks, rows);
}

/** The accepted meter checks of these requests, with the name of the crew that did each. */
export async function listMeterChecks(db: Db, requestIds: string[]) {
	if (requestIds.length === 0) return [];
	return db.select({ check: meterChecks, crewName: crews.name }).from(meterChecks).innerJoin(crews, eq(crews.id, meterChecks.crewId)).where(inArray(meterChecks.requestId, requestIds));
}

/** Whether a reading dispute about this meter and day is already in some request's audit trail. */
export async function readingDisputeExists(db: Db, serial: string, day: string): Promise<boolean> {
	const result = await db.execute(
		sql`SELECT 1 FROM audit_log WHERE transition = 'readingDispute' AND detail->>'meterSerial' = ${serial} AND detail->>'day' = ${day} LIMIT 1`
	);
	return rowsOf(result).length > 0;
}
