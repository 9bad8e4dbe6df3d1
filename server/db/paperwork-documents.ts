// The SQL the paperwork documents (server/services/paperwork-documents.ts) need beyond the shared contract queries.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './database';
import { auditLog, units } from './schema';

/** The unit that is Party A of a document: its name, address and representative. */
export async function unitParty(db: Db, unitId: string) {
	const [row] = await db.select({ name: units.name, address: units.address, representative: units.representative }).from(units).where(eq(units.id, unitId));
	return row;
}

/** The detail of the request's first entry (its intake or online filing, with the customer's words when they gave any). */
export async function intakeDetail(db: Db, requestId: string) {
	const [row] = await db
		.select({ detail: auditLog.detail })
		.from(auditLog)
		.where(and(eq(auditLog.requestId, requestId), eq(auditLog.transition, 'submit')))
		.orderBy(asc(auditLog.id))
		.limit(1);
	return row?.detail ?? null;
}
