// Customer notices go through an outbox table written in the same transaction as the change that causes them, so a
// notice is queued exactly when its change commits; a dispatcher sends them later. Here each notice becomes one row
// per channel, as the notice's category and the customer's preferences decide (policy.ts).
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import {
	customerExists,
	insertNotification,
	noticeCustomerId,
	noticeCustomersByIds,
	noticeCustomersOfRequests,
	readNoticePreferences,
	readNoticePreferencesOf,
	type NoticeCustomer
} from '../db/notifications';
import type { notifications } from '../db/schema';
import type { Runtime } from '../services/clock';
import { vnd } from '../../src/lib/format';
import { m } from '../../src/lib/paraglide/messages.js';
import { categoryOf, chooseChannels, DEFAULT_PREFERENCES, NOTICE_ATTACHMENTS, type NoticeCategory, type Preferences } from './policy';
import { prepareSms } from './sms-text';

export interface Recipient {
	phone: string | null;
	email: string | null;
}

export interface EmailText {
	subject: string;
	body: string;
}

export type NoticeLocale = 'vi' | 'en';

/** A notice's words in one language, from the message catalog. */
export interface NoticeText {
	sms: string;
	email: EmailText;
}

/**
 * A notice carries its words one of two ways, never neither: rendered from the catalog in the customer's stored
 * language (`text`), or fixed texts (`sms` and `email`, the email perhaps in each language).
 */
export type Notice = NoticeAbout & (NoticeInTheirLanguage | NoticeWithFixedWords);

interface NoticeAbout {
	requestId: string | null;
	kind: string;
	/** Zalo ZNS template parameters besides customer_name and request_code */
	params?: Record<string, string>;
	/** only when the kind's own category (policy.ts) is not the right one */
	category?: NoticeCategory;
	/** the email carries this document (contract_completed carries the signed contract without asking) */
	attachment?: { kind: 'contract_pdf'; requestId: string };
}

interface NoticeInTheirLanguage {
	/** SMS and email rendered from the catalog in the customer's stored language (Vietnamese when none) */
	text: (locale: NoticeLocale) => NoticeText;
	sms?: never;
	email?: never;
}

interface NoticeWithFixedWords {
	text?: never;
	/** the SMS text (accents are taken off when the gateway wants GSM-7) */
	sms: string;
	/** the email in Vietnamese, or in each language (the customer's is sent) */
	email: EmailText | { vi: EmailText; en: EmailText };
}

export interface NoticeSettings {
	/** the SMS gateway takes Unicode (else accents are removed) */
	smsUnicode: boolean;
	/** an SMS longer than this is shortened by whole sentences without a code or link */
	smsMaxSegments: number;
	/** approved ZNS template per notice kind; empty: Zalo is not used */
	znsTemplates: Record<string, string>;
}

// until configured (and with the log adapter): the text as written, as a gateway taking Unicode would carry it
let settings: NoticeSettings = { smsUnicode: true, smsMaxSegments: 3, znsTemplates: {} };

/** Set once at start from the configuration (server/notify/config.ts). */
export function configureNotices(next: NoticeSettings) {
	settings = next;
}

export function noticeSettings(): NoticeSettings {
	return settings;
}

/** The notice's words in the customer's language: its `text` rendered, else the fixed texts it carries. */
function wordsIn(notice: Notice, language: NoticeLocale): NoticeText {
	if (notice.text) return notice.text(language);
	return { sms: notice.sms, email: 'vi' in notice.email ? notice.email[language] : notice.email };
}

/** A code's message is queued once for its request, channel and recipient: the same code is never sent twice. */
function dedupKeyOf(category: NoticeCategory, parts: (string | null)[]): string | null {
	if (category !== 'code') return null;
	return createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000'), 'utf8').digest('hex');
}

export interface QueuedNotice {
	channels: ('sms' | 'zalo' | 'email')[];
	/** false: the customer opted out of this reminder */
	sent: boolean;
}

/** Where a caller that queues many notices in one transaction (a push batch) keeps customers' preferences once read. */
export interface NoticeMemo {
	noticePreferences?: Map<string, Promise<Awaited<ReturnType<typeof readNoticePreferences>>>>;
	/**
	 * The customers a push batch may notify (its requests'): at its first notice all of them are read, with their
	 * preferences, in one query each (nothing in a push changes a customer or their preferences).
	 */
	noticeCustomers?: { ids: readonly string[]; read?: Promise<Map<string, NoticeCustomer>> };
}

/** Where a push batch collects the messages of its notices, for one INSERT with its other set-based writes. */
export interface NoticeWrites {
	notifications: Array<typeof notifications.$inferInsert>;
}

/** A customer's name and contacts for a notice: from the batch's memo (all its requests' customers read at once), else alone. */
export async function noticeCustomer(tx: Db, customerId: string, memo?: NoticeMemo): Promise<NoticeCustomer | undefined> {
	const batch = memo?.noticeCustomers;
	if (!batch || !batch.ids.includes(customerId)) return customerExists(tx, customerId);
	batch.read ??= readNoticeCustomers(tx, batch.ids, memo!);
	return (await batch.read).get(customerId);
}

/**
 * The customers of these requests and their preferences, read into the memo at once (a push batch, before its change
 * lock: a request's customer never changes, and nothing in a push changes a customer or their preferences).
 */
export async function readNoticeCustomersOf(tx: Db, requestIds: readonly string[], memo: NoticeMemo): Promise<void> {
	const found = await noticeCustomersOfRequests(tx, requestIds);
	const ids = found.map((c) => c.id);
	await readPreferencesInto(tx, ids, memo);
	memo.noticeCustomers = { ids, read: Promise.resolve(new Map(found.map((c) => [c.id, c]))) };
}

async function readNoticeCustomers(tx: Db, ids: readonly string[], memo: NoticeMemo): Promise<Map<string, NoticeCustomer>> {
	await readPreferencesInto(tx, ids, memo);
	return new Map((await noticeCustomersByIds(tx, ids)).map((c) => [c.id, c]));
}

/** The preferences of those of these customers the memo has not read yet, in one query (none stored: undefined). */
async function readPreferencesInto(tx: Db, ids: readonly string[], memo: NoticeMemo): Promise<void> {
	const preferences = (memo.noticePreferences ??= new Map());
	const unread = ids.filter((id) => !preferences.has(id));
	const stored = new Map((await readNoticePreferencesOf(tx, unread)).map((row) => [row.customerId, row]));
	for (const id of unread) preferences.set(id, Promise.resolve(stored.get(id)));
}

/**
 * Queues one notice: SMS or Zalo when there is a phone (as the category and the customer's preferences decide), the
 * email when there is an address. Codes always by SMS (and email), never by Zalo, and never twice.
 * `known`: the request's customer when the caller has its row (the notice is theirs, as noticeCustomerId finds), and
 * a memo of preferences for a caller whose transaction cannot change them (a push batch).
 */
export async function queueNotice(
	tx: Db,
	runtime: Runtime,
	to: Recipient,
	notice: Notice,
	known: { customerId?: string; memo?: NoticeMemo; writes?: NoticeWrites } = {}
): Promise<QueuedNotice> {
	const now = runtime.clock();
	const customerId = known.customerId && notice.requestId ? known.customerId : await noticeCustomerId(tx, notice.requestId, to.phone);
	const memo = known.memo ? (known.memo.noticePreferences ??= new Map()) : undefined;
	const readPreferences = (id: string) => {
		if (!memo) return readNoticePreferences(tx, id);
		const read = memo.get(id) ?? readNoticePreferences(tx, id);
		memo.set(id, read);
		return read;
	};
	const stored = customerId ? await readPreferences(customerId) : undefined;
	const prefs: Preferences = stored ? { channel: stored.channel, reminders: stored.reminders, language: stored.language } : DEFAULT_PREFERENCES;
	const category = categoryOf(notice.kind, notice.category);
	const templateId = settings.znsTemplates[notice.kind];
	// a ZNS template needs its parameters: a notice whose caller gives none goes by SMS
	const znsReady = Boolean(templateId) && notice.params !== undefined;
	const choice = chooseChannels(category, prefs, { phone: Boolean(to.phone), email: Boolean(to.email) }, znsReady);
	const base = { requestId: notice.requestId, customerId, kind: notice.kind, category, status: 'queued' as const, attempts: 0, nextAttemptAt: now, createdAt: now };
	const channels: QueuedNotice['channels'] = [];
	const words = wordsIn(notice, prefs.language);
	// a push batch writes its messages with its other set-based writes; a code's at once, as only its insert knows
	// whether the same code was queued already
	const insert = async (row: typeof notifications.$inferInsert) => {
		if (!known.writes || category === 'code') return insertNotification(tx, row);
		known.writes.notifications.push(row);
		return true;
	};
	if (choice.phone && to.phone) {
		// a Zalo message keeps the SMS text: it is what the customer gets if Zalo cannot deliver
		const sms = prepareSms(words.sms, { unicode: settings.smsUnicode, maxSegments: settings.smsMaxSegments });
		const template = choice.phone === 'zalo' ? { templateId: templateId!, data: { ...(notice.params ?? {}) } } : null;
		const inserted = await insert({
			...base,
			id: runtime.newId(),
			channel: choice.phone,
			recipient: to.phone,
			subject: null,
			body: sms.text,
			segments: sms.length.segments,
			template,
			dedupKey: dedupKeyOf(category, [notice.kind, notice.requestId, choice.phone, to.phone, sms.text])
		});
		if (inserted) channels.push(choice.phone);
	}
	if (choice.email && to.email) {
		const email = words.email;
		const attachmentKind = NOTICE_ATTACHMENTS[notice.kind];
		const attachment = notice.attachment ?? (attachmentKind && notice.requestId ? { kind: attachmentKind, requestId: notice.requestId } : null);
		const inserted = await insert({
			...base,
			id: runtime.newId(),
			channel: 'email',
			recipient: to.email,
			subject: email.subject,
			body: email.body,
			attachment,
			dedupKey: dedupKeyOf(category, [notice.kind, notice.requestId, 'email', to.email, email.body])
		});
		if (inserted) channels.push('email');
	}
	return { channels, sent: choice.phone !== null || choice.email };
}

/** Digits grouped as the console and portal show money, without the sign (an SMS takes no ₫). */
function vndDigits(amount: number): string {
	return vnd(amount).replace(/\s*₫$/, '');
}

/** "1.234.500 đồng": money in a notice's words, grouped by the one formatter ($lib/format.ts). */
export function formatVnd(amount: number): string {
	return `${vndDigits(amount)} đồng`;
}

/** Step 5: the amount the customer has to pay for the wiring after the meter. */
export function paymentNotice(requestId: string, code: string, customerName: string, amount: number): Notice {
	return {
		requestId,
		kind: 'payment_due',
		text: (locale) => ({
			sms: m.server_notice_paymentDue_sms({ code, amount: vndDigits(amount) }, { locale }),
			email: {
				subject: m.server_notice_paymentDue_subject({ code }, { locale }),
				body: m.server_notice_paymentDue_body({ customerName, code, amount: vnd(amount) }, { locale })
			}
		}),
		params: { customer_name: customerName, request_code: code, amount: vndDigits(amount) }
	};
}
