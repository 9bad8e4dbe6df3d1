// The demo outbox as the console shows it ("Tin đã gửi"): newest first, found by request code, phone, email or
// customer's name, times in Hà Nội, channel and status in words. Language is an argument.
import type { Lang } from '$lib/i18n.svelte';
import { dayMonthYear, vnClock } from '$lib/format';
import { vnDateOf } from '$lib/domain/sla';
import { m } from '$lib/paraglide/messages.js';

/** One message of GET /api/dev/outbox. `requestCode` and `customerName` are not sent by older servers. */
export interface OutboxMessage {
	id: string;
	requestId: string | null;
	requestCode?: string | null;
	customerName?: string | null;
	kind: string;
	channel: 'sms' | 'email';
	recipient: string;
	subject: string | null;
	body: string;
	status: 'queued' | 'sent' | 'failed';
	attempts: number;
	createdAt: string;
	sentAt: string | null;
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

/** "SMS" or "Email". */
export function channelText(channel: OutboxMessage['channel'], lang: Lang): string {
	return (channel === 'sms' ? m.console_outbox_channel_sms : m.common_email)({}, { locale: lang });
}

/** "đã gửi lúc 08:31 24/11/2026", "chờ gửi", "chờ gửi lại (đã thử 2 lần)", "lỗi (đã thử 5 lần)". */
export function statusText(message: OutboxMessage, lang: Lang): string {
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
