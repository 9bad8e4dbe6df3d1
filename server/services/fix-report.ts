// A repair's report (services 44–47, 51–53), the same words whoever records it: the crew from its tablet (the
// recordFix field command) or the supervisor for a crew that phoned it in (the console's step). The history's line
// and the customer's text and email are written here once.
import { getService } from '../../src/lib/domain/catalog';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Db } from '../db/database';
import type { requestWithCustomer } from '../db/jobs';
import { queueNotice } from '../notify/outbox';
import type { Runtime } from './clock';
import { both, type Both } from './operation-words';

type Found = NonNullable<Awaited<ReturnType<typeof requestWithCustomer>>>;

/** The history's line of the report ("Báo cáo của tổ: …"), kept in the transition's detail. */
export function fixSummary(report: string): Both {
	return both((locale) => m.server_notice_history_fixed({ report }, { locale }));
}

/** The customer is texted and emailed what was fixed, with the request's code. */
export async function noticeFixed(tx: Db, runtime: Runtime, { request, customer }: Found, report: string): Promise<void> {
	await queueNotice(tx, runtime, { phone: customer.phone, email: customer.email }, {
		requestId: request.id,
		kind: 'fixed',
		text: (locale) => ({
			sms: m.server_notice_fixed_sms({ code: request.code, report }, { locale }),
			email: {
				subject: m.server_notice_fixed_subject({ code: request.code }, { locale }),
				body: m.server_notice_fixed_body({ fullName: customer.fullName, code: request.code, service: getService(request.serviceNumber).name, address: request.address, report }, { locale })
			}
		})
	});
}
