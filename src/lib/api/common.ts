// The API contract shared by the server's routes (which declare and validate with these schemas, and from which the
// served OpenAPI document is generated) and the PWA's clients (which take their types from the same schemas).
import { z } from 'zod';
// Only small modules here: the customer pages' clients load this file.
import { sha256 } from '../domain/photo-hash';
import { m } from '../paraglide/messages.js';
import { schemaText } from '../domain/schema-text';

/** Words in both languages (the message catalog's Vietnamese and English). */
export const bothTexts = z.object({ vi: z.string(), en: z.string() });

/**
 * Every refusal: `{ error: { code, message, text, fields?, fieldTexts? } }`. `message` and `fields` (by field path)
 * are in the reader's language (the first of `Accept-Language` the server speaks, Vietnamese by default); `text` and
 * `fieldTexts` hold the same words in both languages, so a page can follow its own language switch.
 */
export const apiError = z.object({
	error: z.object({
		code: z.string(),
		message: z.string(),
		text: bothTexts.optional(),
		fields: z.record(z.string(), z.string()).optional(),
		fieldTexts: z.record(z.string(), bothTexts).optional()
	})
});
export type ApiError = z.infer<typeof apiError>;

/** `{ ok: true }` and nothing else. */
export const okResponse = z.object({ ok: z.literal(true) });

/** A path id of a request or a job. */
export const idParam = z.object({ id: z.string().min(1).max(64) });
/** A customer link (portal, self-reading): the unguessable token is the only credential. */
export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, schemaText(m.server_refusal_wholePath)) });
export const sha256Param = z.object({ sha256 });
export const catalogNumberParam = z.object({ number: z.coerce.number().int(schemaText(m.common_schema_serviceNumberWhole)) });

export const health = z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']), time: z.string() });

/** What the PWA reads at run time (public). */
export const publicConfig = z.object({ tileUrl: z.string(), demoMode: z.boolean() });
export type PublicConfig = z.infer<typeof publicConfig>;

export const catalogService = z.object({
	number: z.number().int().min(1).max(79),
	group: z.union([z.literal(1), z.literal(2), z.literal(3)]),
	groupName: z.string(),
	section: z.string(),
	name: z.string(),
	processingTime: z.object({
		kind: z.enum(['working_days', 'hours', 'immediate', 'by_agreement', 'per_contract']),
		value: z.number().int().optional()
	}),
	costSplit: z.object({ utility: z.string(), customer: z.string() }),
	description: z.string()
});

export const material = z.object({
	code: z.string(),
	name: z.string(),
	unit: z.string(),
	unitPrice: z.number().int(),
	side: z.enum(['utility', 'customer']),
	perMetre: z.boolean(),
	phases: z.union([z.literal(1), z.literal(3)]).optional()
});
export const materialList = z.object({ materials: z.array(material) });

/** A stored photo or document: 201 when new, 200 when the server had it already. */
export const storedBlob = z.object({ sha256: z.string(), size: z.number().int(), mime: z.string() });
export type StoredBlob = z.infer<typeof storedBlob>;

/** Raw bytes in a request or a response body (a photo, a PDF): documented, not parsed as JSON. */
export const binary = { type: 'string', format: 'binary' } as const;

/** The tablet's light location ping while online. */
export const positionPing = z.object({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracyM: z.number().min(0).max(100_000),
	at: z.iso.datetime({ offset: true }).optional()
});

export const crewList = z.object({ crews: z.array(z.object({ id: z.string(), name: z.string(), unitId: z.string() })) });
export type Crew = z.infer<typeof crewList>['crews'][number];

/** Demo mode only: what the server would have sent to customers. */
export const outboxMessage = z.object({
	id: z.string(),
	requestId: z.string().nullable(),
	requestCode: z.string().nullable(),
	customerName: z.string().nullable(),
	kind: z.string(),
	channel: z.enum(['sms', 'zalo', 'email']),
	recipient: z.string(),
	subject: z.string().nullable(),
	body: z.string(),
	status: z.enum(['queued', 'sent', 'delivered', 'failed']),
	attempts: z.number().int(),
	createdAt: z.string(),
	sentAt: z.string().nullable()
});
export const outboxQuery = z.object({ requestId: z.string().max(64).optional() });
export const outboxList = z.object({ messages: z.array(outboxMessage) });

/** The payment provider's notice (signed; read by the route itself after the signature check). */
export const webhookBody = z.object({
	requestCode: z.string().min(1).max(64),
	amount: z.number().int().nonnegative(),
	transactionId: z.string().min(1).max(128),
	provider: z.string().min(1).max(64).default('gateway')
});
export const paymentOutcome = z.object({ ok: z.literal(true), duplicate: z.boolean(), contractVersion: z.number().int().nullable() });
export type PaymentOutcomeResponse = z.infer<typeof paymentOutcome>;

/** Where a signing code went. */
export const sentTo = z.object({ sms: z.boolean(), email: z.boolean() });
