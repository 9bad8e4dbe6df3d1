// Queries of the contract for what was installed (issue 11, item 2) and of the on-site code check (item 3):
// the customer's signed versions, what was paid and refunded, and the codes of a contract version.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './database';
import { contracts, refunds, signatures, signingCodes } from './schema';

export type RefundRow = typeof refunds.$inferSelect;

/** The request's latest version the customer signed (null when none is signed). */
export async function latestCustomerSignedContract(db: Db, requestId: string) {
	const rows = await db
		.select({ contract: contracts })
		.from(contracts)
		.innerJoin(signatures, and(eq(signatures.contractId, contracts.id), eq(signatures.party, 'customer')))
		.where(eq(contracts.requestId, requestId))
		.orderBy(desc(contracts.version))
		.limit(1);
	return rows[0]?.contract ?? null;
}

export async function findContractVersion(db: Db, requestId: string, version: number) {
	const rows = await db.select().from(contracts).where(and(eq(contracts.requestId, requestId), eq(contracts.version, version))).limit(1);
	return rows[0];
}

/** What was paid for the request (online and at the counter) and what was refunded of it (every refund, owed or paid): one query. */
export async function paidAndRefunded(db: Db, requestId: string): Promise<{ paid: number; refunded: number }> {
	return (await paidAndRefundedOf(db, [requestId])).get(requestId)!;
}

/** What each of these requests (a push batch's signatures') was paid and refunded, in one query. */
export async function paidAndRefundedOf(db: Db, requestIds: readonly string[]): Promise<Map<string, { paid: number; refunded: number }>> {
	if (requestIds.length === 0) return new Map();
	const result = await db.execute(sql`
		SELECT r.id,
			(SELECT coalesce(sum(amount), 0) FROM payments WHERE request_id = r.id) AS paid,
			(SELECT coalesce(sum(amount), 0) FROM refunds WHERE request_id = r.id) AS refunded
		FROM unnest(${sql.param([...requestIds])}::text[]) AS r(id)`);
	const rows = (result as unknown as { rows: Array<{ id: string; paid: string | number; refunded: string | number }> }).rows;
	return new Map(rows.map((row) => [String(row.id), { paid: Number(row.paid), refunded: Number(row.refunded) }]));
}

export async function listRefunds(db: Db, requestId: string): Promise<RefundRow[]> {
	return db.select().from(refunds).where(eq(refunds.requestId, requestId)).orderBy(refunds.createdAt);
}

export async function insertRefund(db: Db, row: typeof refunds.$inferInsert) {
	await db.insert(refunds).values(row);
}

/** The statuses of a subject's codes of one purpose, newest first (to tell a superseded code from none). */
export async function codeStatuses(db: Db, subjectId: string, purpose: 'on_site' | 'portal'): Promise<string[]> {
	const rows = await db
		.select({ status: signingCodes.status })
		.from(signingCodes)
		.where(and(eq(signingCodes.subjectId, subjectId), eq(signingCodes.purpose, purpose)))
		.orderBy(desc(signingCodes.createdAt));
	return rows.map((r) => r.status);
}
