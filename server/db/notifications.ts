import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import { anyOf } from './any-of';
import type { Db } from './database';
import { customers, noticePreferences, noticeProviderTokens, notifications, requests } from './schema';
import { insertRowsStatement } from './bulk-insert';

export type NotificationRow = typeof notifications.$inferSelect;
export type NoticePreferencesRow = typeof noticePreferences.$inferSelect;

/** Inserts one message; false when a message with the same dedup key exists (a code is queued once). */
export async function insertNotification(db: Db, row: typeof notifications.$inferInsert): Promise<boolean> {
	const inserted = await db.insert(notifications).values(row).onConflictDoNothing().returning({ id: notifications.id });
	return inserted.length > 0;
}

/**
 * Inserts a push batch's messages in one statement. Only messages that carry no dedup key (no code: a code is queued
 * at once, where its conflict says whether it was sent already), so every row is inserted.
 */
export function notificationsStatement(db: Db, rows: readonly (typeof notifications.$inferInsert)[]): SQL | undefined {
	return insertRowsStatement(db, notifications, rows);
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
	patch: Partial<Pick<NotificationRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt' | 'deliveredAt' | 'failedAt' | 'providerId' | 'providerAnswer'>>
) {
	await db.update(notifications).set(patch).where(eq(notifications.id, id));
}

/** The message a provider's delivery report names, locked for the update. */
export async function notificationByProviderId(db: Db, channel: NotificationRow['channel'], providerId: string): Promise<NotificationRow | undefined> {
	const [row] = await db
		.select()
		.from(notifications)
		.where(and(eq(notifications.channel, channel), eq(notifications.providerId, providerId)))
		.limit(1)
		.for('update');
	return row;
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
 * The outbox ("Tin đã gửi"): messages with the code and customer of their request, newest first. Scoped to a unit,
 * only messages of that unit's requests; unscoped (null), every message, those of no request too.
 */
export async function outboxMessages(db: Db, opts: { requestId?: string; unitId: string | null; limit: number }) {
	return db
		.select({ message: notifications, requestCode: requests.code, customerName: customers.fullName })
		.from(notifications)
		.leftJoin(requests, eq(requests.id, notifications.requestId))
		.leftJoin(customers, eq(customers.id, sql`coalesce(${requests.customerId}, ${notifications.customerId})`))
		.where(and(opts.requestId ? eq(notifications.requestId, opts.requestId) : undefined, opts.unitId !== null ? eq(requests.unitId, opts.unitId) : undefined))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(opts.limit);
}

/** Whose notice it is: the request's customer, else the customer with that phone number. */
export async function noticeCustomerId(db: Db, requestId: string | null, phone: string | null): Promise<string | null> {
	if (requestId) {
		const [row] = await db.select({ id: requests.customerId }).from(requests).where(eq(requests.id, requestId));
		if (row) return row.id;
	}
	if (phone) {
		const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.phone, phone)).orderBy(asc(customers.id)).limit(1);
		if (row) return row.id;
	}
	return null;
}

export async function customerExists(db: Db, customerId: string): Promise<{ id: string; fullName: string; phone: string; email: string | null } | undefined> {
	const [row] = await db.select({ id: customers.id, fullName: customers.fullName, phone: customers.phone, email: customers.email }).from(customers).where(eq(customers.id, customerId));
	return row;
}

/** The units whose requests name this customer (a supervisor may read the preferences of their unit's customers). */
export async function customerUnits(db: Db, customerId: string): Promise<string[]> {
	const rows = await db.selectDistinct({ unitId: requests.unitId }).from(requests).where(eq(requests.customerId, customerId));
	return rows.map((r) => r.unitId);
}

export async function readNoticePreferences(db: Db, customerId: string): Promise<NoticePreferencesRow | undefined> {
	const [row] = await db.select().from(noticePreferences).where(eq(noticePreferences.customerId, customerId));
	return row;
}

/** The contacts of these customers (a push batch's), in one query. */
export async function noticeCustomersByIds(db: Db, ids: readonly string[]): Promise<NoticeCustomer[]> {
	if (ids.length === 0) return [];
	return db.select({ id: customers.id, fullName: customers.fullName, phone: customers.phone, email: customers.email }).from(customers).where(anyOf(customers.id, [...ids]));
}

export type NoticeCustomer = { id: string; fullName: string; phone: string; email: string | null };

/** The contacts of these requests' customers, in one query. */
export async function noticeCustomersOfRequests(db: Db, requestIds: readonly string[]): Promise<NoticeCustomer[]> {
	if (requestIds.length === 0) return [];
	return db
		.selectDistinct({ id: customers.id, fullName: customers.fullName, phone: customers.phone, email: customers.email })
		.from(customers)
		.innerJoin(requests, eq(requests.customerId, customers.id))
		.where(anyOf(requests.id, [...requestIds]));
}

/** The stored preferences of these customers (those with none have no row), in one query. */
export async function readNoticePreferencesOf(db: Db, customerIds: readonly string[]): Promise<NoticePreferencesRow[]> {
	if (customerIds.length === 0) return [];
	return db.select().from(noticePreferences).where(anyOf(noticePreferences.customerId, [...customerIds]));
}

export async function saveNoticePreferences(db: Db, row: NoticePreferencesRow) {
	await db
		.insert(noticePreferences)
		.values(row)
		.onConflictDoUpdate({ target: noticePreferences.customerId, set: { channel: row.channel, reminders: row.reminders, language: row.language, updatedAt: row.updatedAt } });
}

export type ProviderTokens = typeof noticeProviderTokens.$inferSelect;

/** The provider's token pair, locked until the transaction ends (one process refreshes at a time). */
export async function lockProviderTokens(tx: Db, provider: string): Promise<ProviderTokens | undefined> {
	const [row] = await tx.select().from(noticeProviderTokens).where(eq(noticeProviderTokens.provider, provider)).for('update');
	return row;
}

export async function saveProviderTokens(tx: Db, row: ProviderTokens) {
	await tx
		.insert(noticeProviderTokens)
		.values(row)
		.onConflictDoUpdate({ target: noticeProviderTokens.provider, set: { accessToken: row.accessToken, refreshToken: row.refreshToken, expiresAt: row.expiresAt, updatedAt: row.updatedAt } });
}

/** Serialises first refreshes: with no row yet there is nothing to lock, so a transaction-scoped advisory lock. */
export async function lockProviderTokenRefresh(tx: Db) {
	await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('notice_provider_tokens'))`);
}
