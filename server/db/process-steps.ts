// The SQL the process steps (server/services/process-steps.ts) need beyond the shared request queries.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from './database';
import { auditLog } from './schema';

/** The detail of the request's latest audit entry among these transitions (a decision, a reading dispute), or null. */
export async function latestAuditDetail(db: Db, requestId: string, transitions: string[]) {
	const [row] = await db
		.select({ detail: auditLog.detail })
		.from(auditLog)
		.where(and(eq(auditLog.requestId, requestId), inArray(auditLog.transition, transitions)))
		.orderBy(desc(auditLog.id))
		.limit(1);
	return row?.detail ?? null;
}
