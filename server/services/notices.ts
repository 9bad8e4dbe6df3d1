// The console's "Tin đã gửi" (a supervisor: their unit's requests' messages; an admin: every message) and customers'
// notice preferences. Codes are the customer's alone: their text is shown only in demo mode.
import type { SessionUser } from '../../src/lib/domain/api';
import type { NoticePreferencesBody, NoticePreferencesView, SentNotice } from '../../src/lib/api/notices';
import type { Db } from '../db/database';
import { customerExists, customerUnits, outboxMessages, readNoticePreferences, saveNoticePreferences } from '../db/notifications';
import { noticeSettings } from '../notify/outbox';
import { DEFAULT_PREFERENCES } from '../notify/policy';
import { unitScopeOf } from './access';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import type { CustomerSession } from './customer-auth';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function sentNotices(
	db: Db,
	reader: SessionUser,
	query: { requestId?: string; status?: SentNotice['status']; limit?: number },
	demoMode: boolean
): Promise<{ notices: SentNotice[] }> {
	const rows = await outboxMessages(db, { requestId: query.requestId, unitId: unitScopeOf(reader), limit: query.limit ?? 200 });
	return {
		notices: rows
			.filter(({ message }) => !query.status || message.status === query.status)
			.map(({ message: n, requestCode, customerName }) => ({
				id: n.id,
				requestId: n.requestId,
				requestCode,
				customerName,
				kind: n.kind,
				category: n.category,
				channel: n.channel,
				recipient: n.recipient,
				subject: n.subject,
				body: n.category === 'code' && !demoMode ? null : n.body,
				segments: n.segments,
				status: n.status,
				attempts: n.attempts,
				failure: n.lastError,
				fallback: n.fallbackOf !== null,
				createdAt: n.createdAt.toISOString(),
				sentAt: iso(n.sentAt),
				deliveredAt: iso(n.deliveredAt),
				failedAt: iso(n.failedAt),
				nextAttemptAt: n.status === 'queued' ? n.nextAttemptAt.toISOString() : null
			}))
	};
}

const customerNotFound = () => new DomainError('not_found', both(m.server_refusal_customerNotFound));

/** A supervisor reads the preferences of customers with a request in their unit; anyone else's reads as missing. */
async function assertCustomerInScope(db: Db, reader: SessionUser, customerId: string) {
	const customer = await customerExists(db, customerId);
	if (!customer) throw customerNotFound();
	const scope = unitScopeOf(reader);
	if (scope !== null && !(await customerUnits(db, customerId)).includes(scope)) throw customerNotFound();
}

/** The preferences of these customer records (one person may have several), the first record's when they differ. */
export async function preferencesOfCustomers(db: Db, customerIds: string[]): Promise<NoticePreferencesView> {
	for (const id of customerIds) {
		const row = await readNoticePreferences(db, id);
		if (row) return { channel: row.channel, reminders: row.reminders, language: row.language, zaloAvailable: zaloAvailable(), updatedAt: row.updatedAt.toISOString() };
	}
	return { ...DEFAULT_PREFERENCES, zaloAvailable: zaloAvailable(), updatedAt: null };
}

/** Saves the same choice on every record of the person (the customer portal's signed-in contact). */
export async function savePreferencesOfCustomers(db: Db, customerIds: string[], body: NoticePreferencesBody, now: Date): Promise<NoticePreferencesView> {
	for (const id of customerIds) await saveNoticePreferences(db, { customerId: id, ...body, updatedAt: now });
	return preferencesOfCustomers(db, customerIds);
}

/** The signed-in customer's own preferences (every record of the contact they signed in with). */
export function preferencesOfSignedIn(db: Db, session: Pick<CustomerSession, 'customers'>): Promise<NoticePreferencesView> {
	return preferencesOfCustomers(db, session.customers.map((customer) => customer.id));
}

/** The signed-in customer chooses for their own records only; no one else's can be named. */
export function savePreferencesOfSignedIn(db: Db, session: Pick<CustomerSession, 'customers'>, body: NoticePreferencesBody, now: Date): Promise<NoticePreferencesView> {
	return savePreferencesOfCustomers(db, session.customers.map((customer) => customer.id), body, now);
}

function zaloAvailable(): boolean {
	return Object.keys(noticeSettings().znsTemplates).length > 0;
}

export async function customerPreferences(db: Db, reader: SessionUser, customerId: string) {
	await assertCustomerInScope(db, reader, customerId);
	return preferencesOfCustomers(db, [customerId]);
}

/** Staff record what a customer asked for at the counter or on the phone. */
export async function setCustomerPreferences(db: Db, reader: SessionUser, customerId: string, body: NoticePreferencesBody, now: Date) {
	await assertCustomerInScope(db, reader, customerId);
	return savePreferencesOfCustomers(db, [customerId], body, now);
}
