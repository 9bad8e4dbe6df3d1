// Customer notices go through an outbox table written in the same transaction as the change that
// causes them, so a notice is queued exactly when its change commits; a dispatcher sends them later.
import type { Db } from '../db/database';
import { insertNotification } from '../db/notifications';
import type { Runtime } from '../services/clock';
import { m } from '../../src/lib/paraglide/messages.js';

export interface Recipient {
	phone: string | null;
	email: string | null;
}

export interface Notice {
	requestId: string | null;
	kind: string;
	sms: string;
	email: { subject: string; body: string };
}

/** Queues the SMS (when there is a phone) and the email (when there is an address) of one notice. */
export async function queueNotice(tx: Db, runtime: Runtime, to: Recipient, notice: Notice) {
	const now = runtime.clock();
	const base = { requestId: notice.requestId, kind: notice.kind, status: 'queued' as const, attempts: 0, nextAttemptAt: now, createdAt: now };
	if (to.phone) {
		await insertNotification(tx, { ...base, id: runtime.newId(), channel: 'sms', recipient: to.phone, subject: null, body: notice.sms });
	}
	if (to.email) {
		await insertNotification(tx, {
			...base,
			id: runtime.newId(),
			channel: 'email',
			recipient: to.email,
			subject: notice.email.subject,
			body: notice.email.body
		});
	}
}

const vnd = new Intl.NumberFormat('vi-VN');

export function formatVnd(amount: number): string {
	return `${vnd.format(amount)} đồng`;
}

/** Step 5: the amount the customer has to pay for the wiring after the meter. */
export function paymentNotice(requestId: string, code: string, customerName: string, amount: number): Notice {
	return {
		requestId,
		kind: 'payment_due',
		sms: m.server_notice_paymentDue_sms({ code, amount: vnd.format(amount) }, { locale: 'vi' }),
		email: {
			subject: m.server_notice_paymentDue_subject({ code }, { locale: 'vi' }),
			body:
				m.server_notice_paymentDue_body({ customerName, code, amount: formatVnd(amount) }, { locale: 'vi' })
		}
	};
}
