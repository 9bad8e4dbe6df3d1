// Customer notices: the console's "Tin đã gửi" (each message's delivery per channel), the customers' notice
// preferences, and the providers' delivery reports.
import { z } from 'zod';
import { m } from '../paraglide/messages.js';
import { schemaText } from '../domain/schema-text';

export const noticeChannel = z.enum(['sms', 'zalo', 'email']);
export const noticeStatus = z.enum(['queued', 'sent', 'delivered', 'failed']);
export const noticeCategory = z.enum(['code', 'legal', 'service', 'reminder']);

export const sentNotice = z.object({
	id: z.string(),
	requestId: z.string().nullable(),
	requestCode: z.string().nullable(),
	customerName: z.string().nullable(),
	kind: z.string(),
	category: noticeCategory,
	channel: noticeChannel,
	recipient: z.string(),
	subject: z.string().nullable(),
	/** null for a code's message outside demo mode: a code is the customer's alone */
	body: z.string().nullable(),
	segments: z.number().int().nullable(),
	status: noticeStatus,
	attempts: z.number().int(),
	/** why it failed or is being retried, in words (the provider's or the server's) */
	failure: z.string().nullable(),
	/** an SMS sent because the Zalo message could not be delivered */
	fallback: z.boolean(),
	createdAt: z.string(),
	sentAt: z.string().nullable(),
	deliveredAt: z.string().nullable(),
	failedAt: z.string().nullable(),
	nextAttemptAt: z.string().nullable()
});
export type SentNotice = z.infer<typeof sentNotice>;

export const sentNoticesQuery = z.object({
	requestId: z.string().max(64).optional(),
	status: noticeStatus.optional(),
	limit: z.coerce.number().int().min(1).max(500).optional()
});
export const sentNoticeList = z.object({ notices: z.array(sentNotice) });

export const noticePreferencesBody = z.object({
	/** the channel of notices that are not essential; codes and legally required notices always go by SMS */
	channel: z.enum(['zalo', 'sms'], { error: schemaText(m.common_schema_channelZaloOrSms) }),
	/** false: no reminders (e.g. the reading day's link) */
	reminders: z.boolean({ error: schemaText(m.common_schema_remindersYesNo) }),
	/** the language of emails */
	language: z.enum(['vi', 'en'], { error: schemaText(m.common_schema_languageViOrEn) })
});
export type NoticePreferencesBody = z.infer<typeof noticePreferencesBody>;

export const noticePreferencesView = noticePreferencesBody.extend({
	/** Zalo is configured on this server (otherwise notices go by SMS whatever is chosen) */
	zaloAvailable: z.boolean(),
	/** never set: the customer has the defaults */
	updatedAt: z.string().nullable()
});
export type NoticePreferencesView = z.infer<typeof noticePreferencesView>;

export const deliveryReportAnswer = z.object({ ok: z.literal(true), known: z.boolean() });
