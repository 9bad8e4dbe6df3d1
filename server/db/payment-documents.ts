// Queries of payments for their receipts and the customer's payment page.
import { asc, eq } from 'drizzle-orm';
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
