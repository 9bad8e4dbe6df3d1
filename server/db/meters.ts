import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './database';
import { customers, meterReadings, meters, readingLinks } from './schema';

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
