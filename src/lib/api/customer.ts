// The customers' own portal (/api/customer/*, pages under /khach-hang): sign-in by a one-time code, then a session
// cookie. Shapes shared by the server's routes and the portal's client. Only small modules here: the portal's first
// page loads this file.
import { z } from 'zod';
import { paymentView } from './payments';
import { METER_CHECK_ACTIONS, METER_TEST_RESULTS } from '../domain/meter-check-outcomes';
import { m } from '../paraglide/messages.js';
import { schemaText } from '../domain/schema-text';

const text = (max: number) => z.string().max(max, schemaText(m.common_schema_atMostCharacters, { max }));

export const loginCodeBody = z.object({ contact: text(254) });
export const loginBody = z.object({ contact: text(254), code: text(12) });
export const loginCodeSent = z.object({ sentTo: z.string(), validMinutes: z.number().int() });

export const customerMeter = z.object({ serial: z.string(), phases: z.number().int(), unitName: z.string(), removed: z.boolean() });

export const customerMe = z.object({
	/** Where the codes go, partly hidden ("0912 ••• 678"). */
	contact: z.string(),
	channel: z.enum(['sms', 'email']),
	names: z.array(z.string()),
	addresses: z.array(z.string()),
	meters: z.array(customerMeter)
});
export type CustomerMe = z.infer<typeof customerMe>;

const label = z.object({ vi: z.string(), en: z.string() });

export const customerRequestSummary = z.object({
	id: z.string(),
	code: z.string(),
	serviceNumber: z.number().int(),
	serviceName: z.string(),
	state: z.string(),
	stateLabel: label,
	address: z.string(),
	unitName: z.string(),
	receivedAt: z.string(),
	deadline: z.string().nullable(),
	deadlineStatus: z.enum(['none', 'ok', 'due_soon', 'overdue']),
	msLeft: z.number().nullable(),
	workingDaysLeft: z.number().int().nullable()
});
export type CustomerRequestSummary = z.infer<typeof customerRequestSummary>;
export const customerRequestList = z.object({ requests: z.array(customerRequestSummary) });

export const customerHistoryEntry = z.object({
	at: z.string(),
	transition: z.string(),
	fromState: z.string().nullable(),
	toState: z.string(),
	actorRole: z.string(),
	/** Only what a customer may read of the audit detail (its words, the crew's name, the visit time…). */
	detail: z.record(z.string(), z.unknown()).nullable()
});

export const customerNotice = z.object({
	id: z.string(),
	requestCode: z.string().nullable(),
	kind: z.string(),
	/** sms, email (or another channel the outbox gains) */
	channel: z.string(),
	recipient: z.string(),
	subject: z.string().nullable(),
	body: z.string(),
	status: z.string(),
	createdAt: z.string(),
	sentAt: z.string().nullable()
});
export type CustomerNotice = z.infer<typeof customerNotice>;
export const customerNoticeList = z.object({ notices: z.array(customerNotice) });

export const customerDocument = z.object({ sha256: z.string(), mime: z.string(), size: z.number().int(), attachedAt: z.string() });

export const customerContract = z.object({
	id: z.string(),
	requestId: z.string(),
	requestCode: z.string(),
	version: z.number().int(),
	kind: z.enum(['contract', 'addendum']),
	draftedAt: z.string(),
	customerSignedAt: z.string().nullable(),
	utilitySignedAt: z.string().nullable(),
	/** The latest version of a request waiting for the customer's signature online. */
	awaitingSignature: z.boolean(),
	/** Superseded by a later version of the same request. */
	current: z.boolean(),
	/** A paperwork approval's document (a phụ lục, a new HĐMBĐ, a renewal, a termination); absent for the service contract. */
	document: z.enum(['purchase_contract', 'amendment', 'renewal', 'termination']).nullable().optional()
});
export type CustomerContract = z.infer<typeof customerContract>;
export const customerContractList = z.object({ contracts: z.array(customerContract) });

export const customerRequestDetail = z.object({
	request: customerRequestSummary,
	/** What the customer is to pay on this request now (VND; 0 when nothing). */
	owed: z.number().int(),
	scheduledVisit: z.object({ kind: z.string(), at: z.string().nullable() }).nullable(),
	history: z.array(customerHistoryEntry),
	documents: z.array(customerDocument),
	notices: z.array(customerNotice),
	contracts: z.array(customerContract),
	/** Every payment of the request with its kept receipt (the payment page's list: a long-lived link to the PDF). */
	payments: paymentView.shape.payments,
	/** A meter check's findings as the crew recorded them and the customer signed; null for other requests. */
	meterCheck: z
		.object({
			meterSerial: z.string(),
			readingKwh: z.number(),
			result: z.enum(METER_TEST_RESULTS),
			errorPercent: z.number().nullable(),
			sealIntact: z.boolean(),
			action: z.enum(METER_CHECK_ACTIONS),
			newMeterSerial: z.string().nullable(),
			signerName: z.string(),
			crewName: z.string(),
			recordedAt: z.string()
		})
		.nullable()
});
export type CustomerRequestDetail = z.infer<typeof customerRequestDetail>;

export const filingBody = z.object({
	kind: text(40),
	serviceNumber: z.number({ error: schemaText(m.common_schema_chooseService) }).int().min(1).max(79),
	address: text(300),
	meterSerial: text(32).nullable().default(null),
	details: z.record(text(40), text(1000)).refine((d) => Object.keys(d).length <= 12, schemaText(m.common_schema_tooManyItems)).default({}),
	documents: z
		.array(z.object({ kind: text(40), sha256: z.string().regex(/^[0-9a-f]{64}$/, schemaText(m.common_schema_invalidFile)) }))
		.max(12, schemaText(m.common_schema_atMost12Files))
		.default([]),
	note: text(1000).default('')
});
export type FilingBody = z.infer<typeof filingBody>;
export const filed = z.object({ id: z.string(), code: z.string(), deadline: z.string().nullable() });
export type Filed = z.infer<typeof filed>;

export const signingLink = z.object({ path: z.string() });
