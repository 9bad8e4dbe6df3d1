// The notices that tell a customer when a crew comes (survey, repair, meter check), in the customer's language from the
// message catalog. The SMS carries the address and time without accents: it is how brandname gateways take text, and
// a Vietnamese SMS template is written that way, so a mixed "Số 12 Trần Hưng Đạo" never sits in an unaccented text.
import { getService } from '../../src/lib/domain/catalog';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Notice } from '../notify/outbox';
import { withoutAccents } from '../notify/sms-text';
import { whenText } from './operation-words';

interface Visit {
	requestId: string;
	code: string;
	address: string;
	at: Date;
	customerName: string;
}

/** Step 2: the survey crew's visit. */
export function surveyVisitNotice(visit: Visit): Notice {
	return {
		requestId: visit.requestId,
		kind: 'survey_scheduled',
		text: (locale) => {
			const when = whenText(visit.at, locale);
			return {
				sms: m.server_notice_surveyScheduled_sms({ code: visit.code, address: withoutAccents(visit.address), when: withoutAccents(when) }, { locale }),
				email: {
					subject: m.server_notice_surveyScheduled_subject({ code: visit.code }, { locale }),
					body: m.server_notice_surveyScheduled_body({ fullName: visit.customerName, address: visit.address, when }, { locale })
				}
			};
		},
		params: { customer_name: visit.customerName, request_code: visit.code, address: visit.address, time: whenText(visit.at, 'vi') }
	};
}

/** A repair crew's visit, naming the crew and the service. */
export function repairVisitNotice(visit: Visit & { crewName: string; serviceNumber: number }): Notice {
	return {
		requestId: visit.requestId,
		kind: 'crew_dispatched',
		text: (locale) => {
			const when = whenText(visit.at, locale);
			return {
				sms: m.server_notice_crewDispatched_sms({ code: visit.code, address: withoutAccents(visit.address), when: withoutAccents(when) }, { locale }),
				email: {
					subject: m.server_notice_crewDispatched_subject({ code: visit.code }, { locale }),
					body: m.server_notice_crewDispatched_body(
						{ fullName: visit.customerName, crew: visit.crewName, address: visit.address, code: visit.code, service: getService(visit.serviceNumber).name, when },
						{ locale }
					)
				}
			};
		}
	};
}
