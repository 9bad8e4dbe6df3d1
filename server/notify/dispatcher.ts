// Sends what is due. Each message ends sent (the provider took it; a delivery report may later make it delivered or
// failed), queued again with backoff (a temporary failure), or failed (refused for good, or out of attempts). A Zalo
// message that fails is followed by the same notice by SMS, once.
import { backoffDelay } from '../../src/lib/backoff';
import type { Db } from '../db/database';
import { claimDueNotifications, insertNotification, markNotification, notificationByProviderId, type NotificationRow } from '../db/notifications';
import { DeliveryFailure, TryAgainNow, type Adapters } from './channels';
import { prepareSms } from './sms-text';
import { noticeSettings } from './outbox';

export { logAdapter, type Adapters, type ChannelAdapter } from './channels';

export const MAX_ATTEMPTS = 8;

/** Wait before the next try: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
	return backoffDelay(attempts, { minMs: 30_000, maxMs: 3_600_000 });
}

/** The SMS that replaces a Zalo message Zalo could not deliver (its text was kept on the Zalo row). */
async function fallBackToSms(tx: Db, zalo: NotificationRow, now: Date, newId: () => string) {
	const sms = prepareSms(zalo.body, { unicode: noticeSettings().smsUnicode, maxSegments: noticeSettings().smsMaxSegments });
	await insertNotification(tx, {
		id: newId(),
		requestId: zalo.requestId,
		customerId: zalo.customerId,
		kind: zalo.kind,
		category: zalo.category,
		channel: 'sms',
		recipient: zalo.recipient,
		subject: null,
		body: sms.text,
		segments: sms.length.segments,
		status: 'queued',
		attempts: 0,
		nextAttemptAt: now,
		createdAt: now,
		fallbackOf: zalo.id
	});
}

export interface DispatchOptions {
	batch?: number;
	newId?: () => string;
}

/** Each adapter's own state (a token) renewed outside the dispatcher's transaction; a renewal that fails waits for the next round. */
async function prepareAll(adapters: Adapters) {
	for (const adapter of new Set(Object.values(adapters))) {
		try {
			await adapter.prepare?.();
		} catch (error) {
			console.warn(`[notify] ${(error as Error).message}`);
		}
	}
}

export async function dispatchDue(db: Db, adapters: Adapters, now: Date, options: DispatchOptions | number = {}): Promise<{ sent: number; failed: number }> {
	await prepareAll(adapters);
	const first = await dispatchRound(db, adapters, now, options);
	if (!first.again) return { sent: first.sent, failed: first.failed };
	// an adapter asked for a renewal (a Zalo token expired or refused): renewed and committed, then those messages at once
	await prepareAll(adapters);
	const second = await dispatchRound(db, adapters, now, options);
	return { sent: first.sent + second.sent, failed: first.failed + second.failed };
}

async function dispatchRound(db: Db, adapters: Adapters, now: Date, options: DispatchOptions | number): Promise<{ sent: number; failed: number; again: boolean }> {
	const { batch = 20, newId = () => crypto.randomUUID() } = typeof options === 'number' ? { batch: options } : options;
	return db.transaction(async (tx) => {
		const due = await claimDueNotifications(tx, now, batch);
		let sent = 0;
		let failed = 0;
		let again = false;
		for (const message of due) {
			const attempts = message.attempts + 1;
			try {
				const result = (await adapters[message.channel].send(message, { db: tx })) ?? { providerId: null, answer: null };
				await markNotification(tx, message.id, { status: 'sent', attempts, sentAt: now, lastError: null, providerId: result.providerId, providerAnswer: result.answer });
				sent++;
			} catch (err) {
				if (err instanceof TryAgainNow) {
					// not tried: left queued, due now, for the round after the adapter's renewal
					again = true;
					continue;
				}
				failed++;
				const failure = err instanceof DeliveryFailure ? err : null;
				const giveUp = failure?.permanent === true || attempts >= MAX_ATTEMPTS;
				await markNotification(tx, message.id, {
					status: giveUp ? 'failed' : 'queued',
					attempts,
					lastError: (err as Error).message.slice(0, 500),
					providerAnswer: failure?.answer?.slice(0, 500) ?? null,
					failedAt: giveUp ? now : null,
					nextAttemptAt: new Date(now.getTime() + backoffMs(attempts))
				});
				if (giveUp && message.channel === 'zalo') await fallBackToSms(tx, message, now, newId);
			}
		}
		return { sent, failed, again };
	});
}

export interface DeliveryReport {
	channel: 'sms' | 'zalo';
	providerId: string;
	outcome: 'delivered' | 'failed' | 'pending';
	answer: string;
	/** words for the console when the provider says the message failed */
	failure?: string;
}

/**
 * A provider's delivery report: the message it names becomes delivered or failed (a failed Zalo message is followed
 * by the SMS). A report about a message we do not know is answered false; a repeated report changes nothing.
 */
export async function applyDeliveryReport(db: Db, report: DeliveryReport, now: Date, newId: () => string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const message = await notificationByProviderId(tx, report.channel, report.providerId);
		if (!message) return false;
		if (report.outcome === 'pending' || message.status === 'delivered' || message.status === 'failed') {
			await markNotification(tx, message.id, { providerAnswer: report.answer.slice(0, 500) });
			return true;
		}
		if (report.outcome === 'delivered') {
			await markNotification(tx, message.id, { status: 'delivered', deliveredAt: now, providerAnswer: report.answer.slice(0, 500) });
		} else {
			await markNotification(tx, message.id, { status: 'failed', failedAt: now, lastError: report.failure ?? null, providerAnswer: report.answer.slice(0, 500) });
			if (message.channel === 'zalo') await fallBackToSms(tx, message, now, newId);
		}
		return true;
	});
}
