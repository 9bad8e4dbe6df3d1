import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './database';
import { customers, notifications, requests } from './schema';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotification(db: Db, row: typeof notifications.$inferInsert) {
	await db.insert(notifications).values(row);
}

/** Claims due messages; SKIP LOCKED lets several API processes dispatch without sending twice. */
export async function claimDueNotifications(db: Db, now: Date, limit: number): Promise<NotificationRow[]> {
	return db
		.select()
		.from(notifications)
		.where(and(eq(notifications.status, 'queued'), lte(notifications.nextAttemptAt, now)))
		.orderBy(asc(notifications.nextAttemptAt))
		.limit(limit)
		.for('update', { skipLocked: true });
}

export async function markNotification(
	db: Db,
	id: string,
	patch: Partial<Pick<NotificationRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>>
) {
	await db.update(notifications).set(patch).where(eq(notifications.id, id));
}

export async function listNotifications(db: Db, opts: { requestId?: string; limit: number }) {
	return db
		.select()
		.from(notifications)
		.where(opts.requestId ? eq(notifications.requestId, opts.requestId) : sql`true`)
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(opts.limit);
}

/**
 * The demo outbox: messages with the code and customer of their request, newest first. Scoped to a unit, only
 * messages of that unit's requests; unscoped (null), every message, those of no request too.
 */
export async function outboxMessages(db: Db, opts: { requestId?: string; unitId: string | null; limit: number }) {
	return db
		.select({ message: notifications, requestCode: requests.code, customerName: customers.fullName })
		.from(notifications)
		.leftJoin(requests, eq(requests.id, notifications.requestId))
		.leftJoin(customers, eq(customers.id, requests.customerId))
		.where(and(opts.requestId ? eq(notifications.requestId, opts.requestId) : undefined, opts.unitId !== null ? eq(requests.unitId, opts.unitId) : undefined))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(opts.limit);
}
