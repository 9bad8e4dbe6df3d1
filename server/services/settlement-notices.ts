// The notices promised around money and completion (issue 11, item 6), queued in the outbox in the transaction of the
// change: a payment received (its receipt, amount and what comes next) and a contract completed (a long-lived link to
// the countersigned PDF). The customer is the one the latest version names (else the request's customer).
import { m } from '../../src/lib/paraglide/messages.js';
import type { Db } from '../db/database';
import { contractSources, latestContract } from '../db/contracts';
import { queueNotice, formatVnd, type NoticeLocale } from '../notify/outbox';
import type { RequestState } from '../../src/lib/domain/workflow';
import type { Runtime } from './clock';
import { untilText } from './contracts';
import { documentUrl } from './document-links';

const vnd = new Intl.NumberFormat('vi-VN');

async function customerOf(tx: Db, requestId: string) {
	const sources = (await contractSources(tx, requestId))!;
	const party = (await latestContract(tx, requestId))?.terms?.customer;
	const to = party ? { phone: party.phone, email: party.email, fullName: party.name } : { phone: sources.customer.phone, email: sources.customer.email, fullName: sources.customer.fullName };
	return { sources, to };
}

/** What happens after a payment, by the request's state once it is recorded (and what is still owed). */
function nextStep(state: RequestState, owed: number, locale: NoticeLocale): { sms: string; email: string } {
	const l = { locale };
	if (owed > 0) return { sms: m.server_notice_paymentNext_owed_sms({ amount: vnd.format(owed) }, l), email: m.server_notice_paymentNext_owed({ amount: formatVnd(owed) }, l) };
	if (state === 'completed') return { sms: m.server_notice_paymentNext_completed_sms({}, l), email: m.server_notice_paymentNext_completed({}, l) };
	if (state === 'customer_signed' || state === 'utility_signed') return { sms: m.server_notice_paymentNext_countersign_sms({}, l), email: m.server_notice_paymentNext_countersign({}, l) };
	return { sms: m.server_notice_paymentNext_contract_sms({}, l), email: m.server_notice_paymentNext_contract({}, l) };
}

export async function queuePaymentReceived(
	tx: Db,
	ctx: { runtime: Runtime; publicUrl: string },
	input: { requestId: string; paymentId: string; receiptNo: string; amount: number; state: RequestState; owed: number }
) {
	const { sources, to } = await customerOf(tx, input.requestId);
	const request = sources.request.code;
	const receiptUrl = await documentUrl(tx, ctx.publicUrl, ctx.runtime.clock(), 'receipt', input.paymentId);
	const at = untilText(ctx.runtime.clock());
	await queueNotice(tx, ctx.runtime, { phone: to.phone, email: to.email }, {
		requestId: input.requestId,
		kind: 'payment_received',
		text: (locale) => {
			const next = nextStep(input.state, input.owed, locale);
			return {
				sms: m.server_notice_paymentReceived_sms({ amount: vnd.format(input.amount), request, receipt: input.receiptNo, next: next.sms }, { locale }),
				email: {
					subject: m.server_notice_paymentReceived_subject({ request }, { locale }),
					body: m.server_notice_paymentReceived_body({ fullName: to.fullName, amount: formatVnd(input.amount), request, receipt: input.receiptNo, at, next: next.email, url: receiptUrl }, { locale })
				}
			};
		}
	});
}

export async function queueContractCompleted(tx: Db, ctx: { runtime: Runtime; publicUrl: string }, requestId: string) {
	const { sources, to } = await customerOf(tx, requestId);
	const request = sources.request.code;
	const version = (await latestContract(tx, requestId))?.version ?? 1;
	const url = await documentUrl(tx, ctx.publicUrl, ctx.runtime.clock(), 'contract', requestId);
	await queueNotice(tx, ctx.runtime, { phone: to.phone, email: to.email }, {
		requestId,
		kind: 'contract_completed',
		text: (locale) => ({
			sms: m.server_notice_contractCompleted_sms({ request, url }, { locale }),
			email: {
				subject: m.server_notice_contractCompleted_subject({ request }, { locale }),
				body: m.server_notice_contractCompleted_body({ fullName: to.fullName, request, version, url }, { locale })
			}
		})
	});
}
