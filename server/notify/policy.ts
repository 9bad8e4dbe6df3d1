// What each notice is, which decides how it goes out: codes (sign-in, signing, confirmation) always by SMS and by
// email when the customer has one, never by Zalo, queued once; legally required notices always sent, whatever the
// customer chose; service notices by the customer's chosen channel (Zalo when the notice has an approved template,
// else SMS) and email; reminders the same unless the customer opted out.
export type NoticeCategory = 'code' | 'legal' | 'service' | 'reminder';

export const NOTICE_CATEGORIES: Record<string, NoticeCategory> = {
	contract_code: 'code',
	portal_code: 'code',
	meter_check_code: 'code',
	customer_login_code: 'code',
	correction_revised: 'code',
	payment_due: 'legal',
	payment_received: 'legal',
	contract_completed: 'legal',
	request_cancelled: 'legal',
	remote_signing_link: 'legal',
	meter_check_result: 'legal',
	decision: 'legal',
	survey_scheduled: 'service',
	visit_rescheduled: 'service',
	correction_answered: 'service',
	meter_check_received: 'service',
	reading_complaint_received: 'service',
	crew_dispatched: 'service',
	meter_check_ordered: 'service',
	answer: 'service',
	fixed: 'service',
	self_reading_link: 'reminder'
};

/** A kind not listed is a service notice: sent, by the customer's channel. */
export function categoryOf(kind: string, override?: NoticeCategory): NoticeCategory {
	return override ?? NOTICE_CATEGORIES[kind] ?? 'service';
}

/** Notices whose email carries the signed contract's PDF. */
export const NOTICE_ATTACHMENTS: Record<string, 'contract_pdf'> = { contract_completed: 'contract_pdf' };

export interface ChannelChoice {
	/** 'zalo' (an SMS follows if Zalo cannot deliver) or 'sms'; null: no phone message */
	phone: 'zalo' | 'sms' | null;
	email: boolean;
}

export interface Preferences {
	channel: 'zalo' | 'sms';
	reminders: boolean;
	language: 'vi' | 'en';
}

export const DEFAULT_PREFERENCES: Preferences = { channel: 'sms', reminders: true, language: 'vi' };

/**
 * The channels of one notice. `znsReady`: Zalo is configured and this kind has an approved template. Nothing at all
 * only for a reminder the customer opted out of.
 */
export function chooseChannels(
	category: NoticeCategory,
	prefs: Preferences,
	to: { phone: boolean; email: boolean },
	znsReady: boolean
): ChannelChoice {
	if (category === 'reminder' && !prefs.reminders) return { phone: null, email: false };
	if (!to.phone) return { phone: null, email: to.email };
	const zalo = category !== 'code' && category !== 'legal' && prefs.channel === 'zalo' && znsReady;
	return { phone: zalo ? 'zalo' : 'sms', email: to.email };
}
