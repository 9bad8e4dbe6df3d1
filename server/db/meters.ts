import { and, asc, eq, notInArray } from 'drizzle-orm';
import { nextChangeSeq } from './changes';
import type { Db } from './database';
import { customers, meterReadings, meters, readingLinks, requests } from './schema';

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

export async function listReadings(db: Db, serial: string): Promise<MeterReadingRow[]> {
	return db.select().from(meterReadings).where(eq(meterReadings.meterSerial, serial)).orderBy(asc(meterReadings.takenAt));
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
