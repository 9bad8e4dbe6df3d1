// The console's part of the API contract (supervisors): the request detail, the actions on a request, the KPIs.
import { z } from 'zod';
import { estimateRecord, installationRecord, JOB_KINDS, meterCheckRecord, meterView, surveyRecord } from '../domain/api';
import { REQUEST_STATES } from '../domain/workflow';
import { sentTo } from './common';
import { m } from '../paraglide/messages.js';
import { schemaText } from '../domain/schema-text';

const located = z.object({ lat: z.number(), lng: z.number() });

export const intakeCreated = z.object({ id: z.string(), code: z.string(), deadline: z.string().nullable() });
export const dispatched = z.object({ jobId: z.string(), crewId: z.string(), scheduledAt: z.string() });

export const reassignBody = z.object({ crewId: z.string({ error: schemaText(m.common_schema_chooseNewCrew) }).min(1, schemaText(m.common_schema_chooseNewCrew)).max(64) });
export const reassigned = z.object({ jobId: z.string(), crewId: z.string() });

export const counterPaymentBody = z.object({
	amount: z.number({ error: schemaText(m.common_schema_enterAmount) }).int(schemaText(m.common_schema_amountWhole)).positive(schemaText(m.common_schema_amountPositive)),
	receiptNo: z.string({ error: schemaText(m.common_schema_enterReceiptNo) }).trim().min(1, schemaText(m.common_schema_enterReceiptNo)).max(64)
});

export const signingCodeSent = z.object({ ok: z.literal(true), sentTo });
export const remoteSigningSent = z.object({ ok: z.literal(true), sent: z.boolean() });
export const countersigned = z.object({
	ok: z.literal(true),
	state: z.enum(REQUEST_STATES),
	/** Who signed the PDF digitally: the certificate's subject (common name), and when. */
	signedBy: z.string(),
	signedAt: z.string(),
	signedPdfSha256: z.string(),
	/** "Đã ký số bởi …, lúc …" in both languages. */
	signedWords: z.object({ vi: z.string(), en: z.string() })
});

/** Everything recorded about one request (GET /api/requests/{id}). */
export const requestDetail = z.object({
	id: z.string(),
	code: z.string(),
	service: z.object({ number: z.number().int(), name: z.string() }),
	state: z.enum(REQUEST_STATES),
	version: z.number().int(),
	installed: z.boolean(),
	customer: z.object({ name: z.string(), phone: z.string(), email: z.string().nullable(), address: z.string() }),
	address: z.string(),
	location: located.nullable(),
	receivedAt: z.string(),
	deadline: z.string().nullable(),
	timeline: z.array(
		z.object({
			at: z.string(),
			transition: z.string(),
			fromState: z.enum(REQUEST_STATES).nullable(),
			toState: z.enum(REQUEST_STATES),
			actorRole: z.string(),
			actorName: z.string(),
			deviceId: z.string().nullable(),
			location: located.nullable(),
			detail: z.unknown()
		})
	),
	jobs: z.array(
		z.object({
			id: z.string(),
			kind: z.enum(JOB_KINDS),
			status: z.enum(['assigned', 'done', 'cancelled']),
			crew: z.object({ id: z.string(), name: z.string() }),
			scheduledAt: z.string()
		})
	),
	surveys: z.array(surveyRecord),
	estimates: z.array(estimateRecord),
	/** Every installation recorded, with its differences from the estimate (the latest last). */
	installations: z.array(installationRecord),
	/** Files attached at intake (photos, PDF). */
	documents: z.array(z.object({ sha256: z.string(), mime: z.string(), size: z.number().int() })),
	/** VND still owed by the customer (an addendum's extra, before completion) and owed back by the utility. */
	balance: z.object({ owed: z.number(), refundable: z.number() }),
	payments: z.array(z.object({ method: z.string(), provider: z.string(), transactionId: z.string(), amount: z.number(), receivedAt: z.string() })),
	contracts: z.array(z.object({ version: z.number().int(), sha256: z.string(), body: z.string(), draftedAt: z.string(), correctionNote: z.string().nullable() })),
	signatures: z.array(
		z.object({
			party: z.string(),
			channel: z.string(),
			signerName: z.string(),
			contractSha256: z.string(),
			imagePng: z.string().nullable(),
			deviceTime: z.string().nullable(),
			serverTime: z.string(),
			location: located.nullable()
		})
	),
	/** Meter checks (services 41, 42): the meter checked, with its recent readings; null for other services. */
	meter: meterView.nullable(),
	/** The meter check the server accepted; null until the crew records it. */
	meterCheck: meterCheckRecord.nullable(),
	notifications: z.array(
		z.object({
			kind: z.string(),
			channel: z.string(),
			recipient: z.string(),
			status: z.string(),
			createdAt: z.string(),
			sentAt: z.string().nullable(),
			attempts: z.number().int().optional(),
			failure: z.string().nullable().optional(),
			deliveredAt: z.string().nullable().optional(),
			fallback: z.boolean().optional(),
			nextAttemptAt: z.string().nullable().optional()
		})
	)
});
export type RequestDetail = z.infer<typeof requestDetail>;

/** Requests by state, on-time rate per service group, overdue per crew, median step times (GET /api/kpis). */
export const kpis = z.object({
	byState: z.array(z.object({ state: z.string(), count: z.number().int() })),
	onTimeByGroup: z.array(z.object({ group: z.number().int(), completed: z.number().int(), onTime: z.number().int(), rate: z.number().nullable() })),
	overdueByCrew: z.array(z.object({ crewId: z.string(), crewName: z.string(), overdue: z.number().int() })),
	stepMedians: z.array(z.object({ transition: z.string(), medianSeconds: z.number(), count: z.number().int() })),
	windowDays: z.number().int(),
	serverTime: z.string()
});
export type Kpis = z.infer<typeof kpis>;
