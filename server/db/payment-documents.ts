// Queries of payments for their receipts and the customer's payment page.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './database';
import { payments } from './schema';

export async function findPayment(db: Db, id: string) {
	const [row] = await db.select().from(payments).where(eq(payments.id, id)).limit(1);
	return row;
}

/** A request's payments, oldest first. */
export async function paymentsOfRequest(db: Db, requestId: string) {
	return db.select().from(payments).where(eq(payments.requestId, requestId)).orderBy(asc(payments.receivedAt));
}

/**
 * Records the payment's kept receipt once: the first stored file wins (a concurrent second rendering is left
 * unreferenced under its own hash). Returns the receipt the payment keeps.
 */
export async function keepReceiptOnce(db: Db, paymentId: string, receiptSha256: string): Promise<string | null> {
	await db.update(payments).set({ receiptSha256 }).where(and(eq(payments.id, paymentId), isNull(payments.receiptSha256)));
	const [row] = await db.select({ receiptSha256: payments.receiptSha256 }).from(payments).where(eq(payments.id, paymentId)).limit(1);
	return row?.receiptSha256 ?? null;
}
