// One interface for every way a notice reaches a customer. An adapter answers with what the provider said (its
// message id and answer) or throws: a DeliveryFailure says whether trying later can help; any other error (a
// network failure, a timeout) is taken as temporary.
import type { Db } from '../db/database';
import type { NotificationRow } from '../db/notifications';

export type Channel = NotificationRow['channel'];

export interface SendResult {
	/** the provider's own id of the message (eSMS SMSID, Zalo msg_id, the SMTP message id) */
	providerId: string | null;
	/** the provider's answer, kept for the operator (a result code and its words) */
	answer: string | null;
}

export class DeliveryFailure extends Error {
	constructor(
		message: string,
		/** true: the provider refused this message for good (a wrong number, a template not approved) */
		readonly permanent: boolean,
		readonly answer: string | null = null
	) {
		super(message);
	}
}

/** What the dispatcher lends an adapter: its transaction (an adapter that keeps state in the database uses it). */
export interface SendContext {
	db: Db;
}

export interface ChannelAdapter {
	send(message: NotificationRow, context?: SendContext): Promise<SendResult | void>;
	/**
	 * Called by the dispatcher outside its transaction, before it and again after a `TryAgainNow`: state the adapter
	 * keeps in the database (Zalo's rotating refresh token) is renewed and committed here, in a short transaction of
	 * its own, so a dispatch that rolls back never loses it.
	 */
	prepare?(): Promise<void>;
}

/** Not a failure: the adapter needs `prepare()` first (a token to renew); the message is tried again at once, not counted. */
export class TryAgainNow extends Error {}

export type Adapters = Record<Channel, ChannelAdapter>;

/** The default in demo and development: the message goes to the server log and counts as sent. */
export const logAdapter: ChannelAdapter = {
	async send(message) {
		console.log(`[notify] ${message.channel} → ${message.recipient}: ${message.subject ?? message.body.slice(0, 80)}`);
		return { providerId: null, answer: null };
	}
};

/** A phone number as Vietnamese gateways take it: 84 and the number without its leading 0. */
export function internationalPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	if (digits.startsWith('84')) return digits;
	if (digits.startsWith('0')) return `84${digits.slice(1)}`;
	return digits;
}

/** POST JSON with a time limit; a network failure or timeout becomes a temporary DeliveryFailure in words. */
export async function postJson(
	url: string,
	body: unknown,
	opts: { headers?: Record<string, string>; timeoutMs: number; provider: string }
): Promise<{ status: number; json: Record<string, unknown> | null; text: string }> {
	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(opts.timeoutMs)
		});
	} catch (error) {
		const timedOut = (error as Error).name === 'TimeoutError';
		throw new DeliveryFailure(timedOut ? `${opts.provider}: hết thời gian chờ nhà cung cấp` : `${opts.provider}: không kết nối được nhà cung cấp`, false);
	}
	const text = await response.text();
	let json: Record<string, unknown> | null = null;
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
	} catch {
		json = null;
	}
	return { status: response.status, json, text: text.slice(0, 500) };
}
