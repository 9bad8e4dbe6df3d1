// SMS brandname through eSMS.vn's JSON API (SendMultipleMessage_V4_post_json): ApiKey, SecretKey, Brandname,
// SmsType (2: customer care brandname), IsUnicode, RequestId (our notification id: eSMS refuses a RequestId it has
// already taken, so a message the dispatcher retries after a lost answer is never sent twice) and CallbackUrl (where
// eSMS reports the delivery). Its CodeResult decides: sent, retry later, or refused for good.
import { timingSafeEqual } from 'node:crypto';
import { DeliveryFailure, postJson, type ChannelAdapter } from './channels';
import { m } from '../../src/lib/paraglide/messages.js';

// failures are kept in the unit's language (Vietnamese) as the console and the request detail show them
const vi = { locale: 'vi' } as const;

export const ESMS_DEFAULT_URL = 'https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/';

export interface EsmsOptions {
	url: string;
	apiKey: string;
	secretKey: string;
	brandname: string;
	/** 2: customer care brandname (the utility's notices) */
	smsType: string;
	/** false: the brandname is registered for texts without accents (GSM-7) */
	unicode: boolean;
	sandbox: boolean;
	/** where eSMS posts delivery reports; null: no reports asked for */
	callbackUrl: string | null;
	timeoutMs: number;
}

type Verdict = 'sent' | 'duplicate' | 'temporary' | 'permanent';

/**
 * eSMS's documented CodeResult values. Account problems (keys, lock, balance) are temporary: once the operator fixes
 * the account the queued notices go out. A brandname, message type or content eSMS will not carry is refused for
 * good: the same message would be refused again. An unknown code is taken as temporary.
 */
export const ESMS_RESULT_CODES: Record<string, { verdict: Verdict; words: string }> = {
	'100': { verdict: 'sent', words: m.server_delivery_esms_accepted({}, vi) },
	'99': { verdict: 'temporary', words: m.server_delivery_esms_unknown({}, vi) },
	'101': { verdict: 'temporary', words: m.server_delivery_esms_badKeys({}, vi) },
	'102': { verdict: 'temporary', words: m.server_delivery_esms_locked({}, vi) },
	'103': { verdict: 'temporary', words: m.server_delivery_esms_noBalance({}, vi) },
	'104': { verdict: 'permanent', words: m.server_delivery_esms_brandname({}, vi) },
	'118': { verdict: 'permanent', words: m.server_delivery_esms_smsType({}, vi) },
	'119': { verdict: 'permanent', words: m.server_delivery_esms_brandnameType({}, vi) },
	'124': { verdict: 'duplicate', words: m.server_delivery_esms_duplicate({}, vi) },
	'131': { verdict: 'permanent', words: m.server_delivery_esms_tooLong({}, vi) },
	'146': { verdict: 'permanent', words: m.server_delivery_esms_template({}, vi) }
};

export function esmsAdapter(options: EsmsOptions): ChannelAdapter {
	return {
		async send(message) {
			const body: Record<string, string> = {
				ApiKey: options.apiKey,
				SecretKey: options.secretKey,
				Phone: message.recipient.replace(/\D/g, ''),
				Content: message.body,
				Brandname: options.brandname,
				SmsType: options.smsType,
				IsUnicode: options.unicode ? '1' : '0',
				Sandbox: options.sandbox ? '1' : '0',
				RequestId: message.id
			};
			if (options.callbackUrl) body.CallbackUrl = options.callbackUrl;
			const answer = await postJson(options.url, body, { timeoutMs: options.timeoutMs, provider: 'eSMS' });
			if (answer.status >= 500 || answer.status === 429) throw new DeliveryFailure(`eSMS: máy chủ trả lời HTTP ${answer.status}`, false, answer.text);
			if (!answer.json) throw new DeliveryFailure(`eSMS: câu trả lời không đọc được (HTTP ${answer.status})`, answer.status >= 400, answer.text);
			const code = String(answer.json.CodeResult ?? '');
			const known = ESMS_RESULT_CODES[code] ?? { verdict: 'temporary' as const, words: m.server_delivery_esms_other({ code: code || '—' }, vi) };
			const detail = typeof answer.json.ErrorMessage === 'string' && answer.json.ErrorMessage ? ` (${answer.json.ErrorMessage})` : '';
			const said = `${code} ${known.words}${detail}`;
			if (known.verdict === 'sent' || known.verdict === 'duplicate') {
				const smsId = answer.json.SMSID;
				return { providerId: typeof smsId === 'string' || typeof smsId === 'number' ? String(smsId) : null, answer: said };
			}
			throw new DeliveryFailure(known.words + detail, known.verdict === 'permanent', said);
		}
	};
}

/** eSMS signs nothing: its report is believed only with our secret token in the CallbackUrl we gave it. */
export function esmsTokenMatches(expected: string | null, given: string | undefined): boolean {
	if (!expected || !given) return false;
	const a = Buffer.from(expected);
	const b = Buffer.from(given);
	return a.length === b.length && timingSafeEqual(a, b);
}

export interface EsmsReport {
	smsId: string;
	requestId: string | null;
	outcome: 'delivered' | 'failed' | 'pending';
	answer: string;
}

/**
 * eSMS's delivery report: SMSID, RequestId, SendStatus (5: sent through; 4: refused) and the counts SendSuccess /
 * SendFailed for the message's one recipient. Null when the report names no message.
 */
export function readEsmsReport(fields: Record<string, unknown>): EsmsReport | null {
	const smsId = fields.SMSID ?? fields.SmsId ?? fields.smsid;
	if (typeof smsId !== 'string' && typeof smsId !== 'number') return null;
	const status = String(fields.SendStatus ?? '');
	const success = Number(fields.SendSuccess ?? 0);
	const failed = Number(fields.SendFailed ?? 0);
	const requestId = typeof fields.RequestId === 'string' && fields.RequestId ? fields.RequestId : null;
	let outcome: EsmsReport['outcome'] = 'pending';
	if (status === '4' || failed > 0) outcome = 'failed';
	else if (status === '5' && success > 0) outcome = 'delivered';
	return { smsId: String(smsId), requestId, outcome, answer: `SendStatus ${status || '?'}, SendSuccess ${success}, SendFailed ${failed}` };
}
