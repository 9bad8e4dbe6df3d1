import { backoffDelay } from '../../src/lib/backoff';
import type { Db } from '../db/database';
import { claimDueNotifications, markNotification, type NotificationRow } from '../db/notifications';

export interface ChannelAdapter {
	send(message: NotificationRow): Promise<void>;
}

export type Adapters = Record<NotificationRow['channel'], ChannelAdapter>;

/** The default in demo and development: the message goes to the server log and counts as sent. */
export const logAdapter: ChannelAdapter = {
	async send(message) {
		console.log(`[notify] ${message.channel} → ${message.recipient}: ${message.subject ?? message.body.slice(0, 80)}`);
	}
};

export const MAX_ATTEMPTS = 8;

/** Wait before the next try: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
	return backoffDelay(attempts, { minMs: 30_000, maxMs: 3_600_000 });
}

/** Sends what is due; a failed send is retried with backoff, then marked failed after MAX_ATTEMPTS. */
export async function dispatchDue(db: Db, adapters: Adapters, now: Date, batch = 20): Promise<{ sent: number; failed: number }> {
	return db.transaction(async (tx) => {
		const due = await claimDueNotifications(tx, now, batch);
		let sent = 0;
		let failed = 0;
		for (const message of due) {
			const attempts = message.attempts + 1;
			try {
				await adapters[message.channel].send(message);
				await markNotification(tx, message.id, { status: 'sent', attempts, sentAt: now, lastError: null });
				sent++;
			} catch (err) {
				failed++;
				const giveUp = attempts >= MAX_ATTEMPTS;
				await markNotification(tx, message.id, {
					status: giveUp ? 'failed' : 'queued',
					attempts,
					lastError: (err as Error).message.slice(0, 500),
					nextAttemptAt: new Date(now.getTime() + backoffMs(attempts))
				});
			}
		}
		return { sent, failed };
	});
}
