// Queries of a customer's correction requests (issue 11, item 1): one open at a time per request (a partial unique
// index), answered by the utility with a new version or without a change.
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './database';
import { contracts, correctionRequests } from './schema';

export type CorrectionRow = typeof correctionRequests.$inferSelect;

export async function insertCorrection(db: Db, row: typeof correctionRequests.$inferInsert) {
	await db.insert(correctionRequests).values(row);
}

/** The request's open correction with the version it is about, locked for the answer. */
export async function lockOpenCorrection(db: Db, requestId: string) {
	const rows = await db
		.select({ correction: correctionRequests, version: contracts.version })
		.from(correctionRequests)
		.innerJoin(contracts, eq(contracts.id, correctionRequests.contractId))
		.where(and(eq(correctionRequests.requestId, requestId), eq(correctionRequests.status, 'open')))
		.limit(1)
		.for('update', { of: correctionRequests });
	return rows[0];
}

/** Corrections the customer asked for since `since` (the daily limit). */
export async function countCorrectionsSince(db: Db, requestId: string, since: Date): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(correctionRequests)
		.where(and(eq(correctionRequests.requestId, requestId), gt(correctionRequests.createdAt, since)));
	return row?.n ?? 0;
}

export async function closeCorrection(
	db: Db,
	id: string,
	patch: { status: 'revised' | 'answered'; answer: string | null; answeredBy: string | null; answeredAt: Date; newContractId: string | null }
) {
	await db.update(correctionRequests).set(patch).where(eq(correctionRequests.id, id));
}

/** Every correction of a request, newest first, with the version asked about and the version that answered it. */
export async function listCorrections(db: Db, requestId: string) {
	return db
		.select({
			correction: correctionRequests,
			version: contracts.version,
			newVersion: sql<number | null>`(SELECT c2.version FROM contracts c2 WHERE c2.id = ${correctionRequests.newContractId})`
		})
		.from(correctionRequests)
		.innerJoin(contracts, eq(contracts.id, correctionRequests.contractId))
		.where(eq(correctionRequests.requestId, requestId))
		.orderBy(desc(correctionRequests.createdAt));
}
