// The demo outbox as the console shows it ("Tin đã gửi"): newest first, found by request code, phone, email or
// customer's name, times in Hà Nội, channel and status in words. Language is an argument.
import type { Lang } from '$lib/i18n.svelte';
import { dayMonthYear, vnClock } from '$lib/format';
import { vnDateOf } from '$lib/domain/sla';
import { m } from '$lib/paraglide/messages.js';

/**
 * One message of GET /api/notices ("Tin đã gửi") or the demo outbox. `requestCode` and `customerName` are not sent by
 * older servers; the delivery fields only by /api/notices. `body` is null for a code's message outside demo mode.
 */
export interface OutboxMessage {
	id: string;
	requestId: string | null;
	requestCode?: string | null;
	customerName?: string | null;
	kind: string;
	channel: 'sms' | 'zalo' | 'email';
	recipient: string;
	subject: string | null;
	body: string | null;
	status: 'queued' | 'sent' | 'delivered' | 'failed';
	attempts: number;
	createdAt: string;
	sentAt: string | null;
	deliveredAt?: string | null;
	failure?: string | null;
	fallback?: boolean;
	segments?: number | null;
	nextAttemptAt?: string | null;
}

/** 'dd/mm/yyyy HH:mm' in Hà Nội, whatever the browser's time zone; an unreadable instant reads as a dash. */
export function outboxTime(instant: string): string {
	const date = new Date(instant);
	if (Number.isNaN(date.getTime())) return '—';
	return `${dayMonthYear(vnDateOf(date))} ${vnClock(date)}`;
}

function instantOf(message: OutboxMessage): number {
	const ms = new Date(message.createdAt).getTime();
	return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Newest first; messages queued in the same millisecond keep a stable order (by id, last first, as the server). */
export function newestFirst(messages: readonly OutboxMessage[]): OutboxMessage[] {
	return [...messages].sort((a, b) => instantOf(b) - instantOf(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** A phone number's digits, with the country code written as the leading 0 ("+84 912…" and "0912…" are one number). */
function phoneDigits(value: string): string {
	const digits = value.replace(/\D/g, '');
	return digits.startsWith('84') && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
}

function folded(value: string): string {
	return value.normalize('NFC').toLocaleLowerCase('vi');
}

/**
 * Whether a message matches what the supervisor typed: part of the request code, the recipient (phone with or
 * without spaces or +84, or email) or the customer's name. An empty query matches everything.
 */
export function matchesOutboxQuery(message: OutboxMessage, query: string): boolean {
	const wanted = folded(query.trim());
	if (!wanted) return true;
	const words = [message.requestCode, message.customerName, message.recipient].filter((w): w is string => typeof w === 'string');
	if (words.some((w) => folded(w).includes(wanted))) return true;
	const digits = phoneDigits(wanted);
	// digits only when the query is a phone number, so "YC-2026" does not match every phone holding 2026
	return message.channel === 'sms' && /^[\d\s.+()-]+$/.test(wanted) && digits.length >= 3 && phoneDigits(message.recipient).includes(digits);
}

/** "SMS", "Zalo" or "Email". */
export function channelText(channel: OutboxMessage['channel'], lang: Lang): string {
	return { sms: m.console_outbox_channel_sms, zalo: m.console_outbox_channel_zalo, email: m.common_email }[channel]({}, { locale: lang });
}

const KIND_WORDS: Record<string, (inputs: object, options: { locale: Lang }) => string> = {
	survey_scheduled: m.console_notice_kind_survey_scheduled,
	visit_rescheduled: m.console_notice_kind_visit_rescheduled,
	payment_due: m.console_notice_kind_payment_due,
	payment_received: m.console_notice_kind_payment_received,
	contract_code: m.console_notice_kind_contract_code,
	portal_code: m.console_notice_kind_portal_code,
	remote_signing_link: m.console_notice_kind_remote_signing_link,
	correction_revised: m.console_notice_kind_correction_revised,
	correction_answered: m.console_notice_kind_correction_answered,
	contract_completed: m.console_notice_kind_contract_completed,
	request_cancelled: m.console_notice_kind_request_cancelled,
	meter_check_code: m.console_notice_kind_meter_check_code,
	meter_check_received: m.console_notice_kind_meter_check_received,
	meter_check_result: m.console_notice_kind_meter_check_result,
	reading_complaint_received: m.console_notice_kind_reading_complaint_received,
	self_reading_link: m.console_notice_kind_self_reading_link,
	customer_login_code: m.console_notice_kind_customer_login_code,
	decision: m.console_notice_kind_decision
};

/** What the message is about, in words ("Tin mã ký hợp đồng"); a kind this console does not know: "Tin khác". */
export function kindText(kind: string, lang: Lang): string {
	return (KIND_WORDS[kind] ?? m.console_notice_kind_other)({}, { locale: lang });
}

/**
 * The delivery in words: "đã đến máy khách hàng lúc …", "đã gửi lúc …", "chờ gửi", "chờ gửi lại (đã thử 2 lần)",
 * "lỗi (đã thử 5 lần)".
 */
export function statusText(message: OutboxMessage, lang: Lang): string {
	if (message.status === 'delivered') return message.deliveredAt ? m.console_outbox_status_delivered({ when: outboxTime(message.deliveredAt) }, { locale: lang }) : m.console_detail_notice_sent({}, { locale: lang });
	if (message.status === 'sent') return message.sentAt ? m.console_outbox_status_sentAt({ when: outboxTime(message.sentAt) }, { locale: lang }) : m.console_detail_notice_sent({}, { locale: lang });
	if (message.status === 'failed') return m.console_outbox_status_failed({ n: message.attempts }, { locale: lang });
	return message.attempts > 0 ? m.console_outbox_status_retrying({ n: message.attempts }, { locale: lang }) : m.console_outbox_status_queued({}, { locale: lang });
}

/**
 * Which request a message is about, as the supervisor knows it: its code and the customer's name. The internal id
 * only when the server sent no code (an older server), and "not about a request" for e.g. a reading-day link.
 */
export function requestText(message: OutboxMessage, lang: Lang): string {
	if (message.requestCode) {
		return message.customerName ? m.console_outbox_request_named({ code: message.requestCode, name: message.customerName }, { locale: lang }) : message.requestCode;
	}
	if (message.requestId) return m.console_outbox_request_byId({ id: message.requestId }, { locale: lang });
	return message.customerName ? m.console_outbox_request_customerOnly({ name: message.customerName }, { locale: lang }) : m.console_outbox_request_none({}, { locale: lang });
}

/** The lines under the status: why it failed or waits ("Lý do: …"), when it is tried next, an SMS sent instead of Zalo. */
export function deliveryNotes(message: OutboxMessage, lang: Lang): string[] {
	const notes: string[] = [];
	if (message.failure && message.status !== 'sent' && message.status !== 'delivered') notes.push(m.common_reason({ reason: message.failure }, { locale: lang }));
	if (message.status === 'queued' && message.attempts > 0 && message.nextAttemptAt) notes.push(m.console_outbox_nextTry({ when: outboxTime(message.nextAttemptAt) }, { locale: lang }));
	if (message.fallback) notes.push(m.console_outbox_fallback({}, { locale: lang }));
	if (message.channel === 'sms' && message.segments && message.segments > 1) notes.push(m.console_outbox_segments({ n: message.segments }, { locale: lang }));
	return notes;
}
