// The OpenAPI document, generated from the same zod schemas the routes validate with.
import { Hono } from 'hono';
import { z } from 'zod';
import { apiError, loginBody, loginResponse, pullQuery, pullResponse, sessionUser } from '../../src/lib/domain/api';
import { pushBody, pushResponse } from '../../src/lib/domain/commands';
import { boardPage, dispatchBody, intakeBody } from '../../src/lib/domain/board';
import { correctionBody, portalSignBody } from '../../src/lib/domain/signing';
import { webhookBody } from './payments';
import type { AppEnv } from '../context';

const catalogService = z.object({
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

const health = z.object({ ok: z.boolean(), database: z.enum(['pglite', 'postgres']), time: z.string() });

type Operation = {
	summary: string;
	auth?: boolean;
	query?: z.ZodObject<z.ZodRawShape>;
	body?: z.ZodType;
	ok: z.ZodType;
	errors?: number[];
};

const material = z.object({
	code: z.string(),
	name: z.string(),
	unit: z.string(),
	unitPrice: z.number().int(),
	side: z.enum(['utility', 'customer']),
	perMetre: z.boolean(),
	phases: z.union([z.literal(1), z.literal(3)]).optional()
});

const storedBlob = z.object({ sha256: z.string(), size: z.number().int(), mime: z.enum(['image/jpeg', 'image/webp']) });

const outboxMessage = z.object({
	id: z.string(),
	requestId: z.string().nullable(),
	requestCode: z.string().nullable(),
	customerName: z.string().nullable(),
	kind: z.string(),
	channel: z.enum(['sms', 'email']),
	recipient: z.string(),
	subject: z.string().nullable(),
	body: z.string(),
	status: z.enum(['queued', 'sent', 'failed']),
	attempts: z.number().int(),
	createdAt: z.string(),
	sentAt: z.string().nullable()
});

/** The board's query as the client sends it (strings in the URL). */
const boardQueryDoc = z.object({
	state: z.string().optional(),
	crewId: z.string().optional(),
	service: z.string().optional(),
	overdue: z.enum(['1', '0']).optional(),
	q: z.string().optional(),
	page: z.string().optional(),
	pageSize: z.enum(['20', '50', '100']).optional()
});

const OPERATIONS: Record<string, Partial<Record<'get' | 'post' | 'put' | 'head', Operation>>> = {
	'/api/health': { get: { summary: 'Liveness and database driver', ok: health } },
	'/api/config': { get: { summary: 'Settings the PWA reads at run time (public): the map tile URL, demo mode', ok: z.object({ tileUrl: z.string(), demoMode: z.boolean() }) } },
	'/api/auth/login': {
		get: undefined,
		post: { summary: 'Log in with username and password', body: loginBody, ok: loginResponse, errors: [400, 401] }
	},
	'/api/auth/me': { get: { summary: 'The signed-in user', auth: true, ok: z.object({ user: sessionUser }), errors: [401] }, post: undefined },
	'/api/auth/logout': { get: undefined, post: { summary: 'End this session', auth: true, ok: z.object({ ok: z.boolean() }), errors: [401] } },
	'/api/catalog': { get: { summary: 'The 79 services of the catalog (public)', ok: z.array(catalogService) }, post: undefined },
	'/api/catalog/{number}': { get: { summary: 'One service of the catalog by its number (public)', ok: catalogService, errors: [400, 404] } },
	'/api/sync/pull': {
		get: {
			summary: "The crew's jobs changed since the cursor",
			auth: true,
			query: pullQuery,
			ok: pullResponse,
			errors: [400, 401, 403]
		}
	},
	'/api/sync/push': {
		post: {
			summary: 'Apply field commands exactly once, in device seq order (docs/sync-protocol.md); a malformed command is rejected (invalid_data) in its place, only an envelope whose commands cannot be identified is a 400, a body over 16 MiB a 413',
			auth: true,
			body: pushBody,
			ok: pushResponse,
			errors: [400, 401, 403, 413]
		}
	},
	'/api/materials': { get: { summary: 'The materials price list for estimates (public)', ok: z.object({ materials: z.array(material) }) } },
	'/api/blobs/{sha256}': {
		put: {
			summary: 'Upload a photo (JPEG/WebP bytes) under the SHA-256 of its bytes; idempotent (201 new, 200 known)',
			auth: true,
			ok: storedBlob,
			errors: [400, 401, 403, 413, 415]
		},
		get: { summary: 'A photo’s bytes (crews: photos of their own crew); images inline, documents (PDF) as attachments', auth: true, ok: z.string(), errors: [401, 404] },
		head: { summary: 'Whether the server has this photo (200) or not (404): the tablet asks before uploading', auth: true, ok: z.string(), errors: [401] }
	},
	'/api/payments/webhook': {
		post: { summary: "Payment provider's notice, signed X-Signature: sha256=<HMAC-SHA256 of the body>; idempotent on the transaction id", body: webhookBody, ok: z.object({ ok: z.boolean(), duplicate: z.boolean(), contractVersion: z.number().nullable() }), errors: [400, 401, 404, 409, 422, 503] }
	},
	'/api/requests': {
		get: { summary: "The supervisor's requests board: filters, search, paging by deadline", auth: true, query: boardQueryDoc, ok: boardPage, errors: [400, 401, 403] },
		post: { summary: 'Take in a request (step 1); the deadline comes from the catalog', auth: true, body: intakeBody, ok: z.object({ id: z.string(), code: z.string(), deadline: z.string().nullable() }), errors: [400, 401, 403] }
	},
	'/api/requests/{id}': { get: { summary: 'Everything recorded about one request', auth: true, ok: z.object({}).passthrough(), errors: [401, 403, 404] } },
	'/api/requests/{id}/signing-code': { post: { summary: "Text the customer a new on-site signing code (supervisor, or the crew on site; rate-limited)", auth: true, ok: z.object({ ok: z.boolean(), sentTo: z.object({ sms: z.boolean(), email: z.boolean() }) }), errors: [401, 403, 404, 409, 429] } },
	'/api/requests/{id}/contract.pdf': { get: { summary: 'The contract PDF as signed, with its evidence page (a download)', auth: true, ok: z.string(), errors: [401, 403, 404] } },
	'/api/requests/{id}/dispatch': { post: { summary: 'Assign a crew and a survey time (step 2); the customer is notified', auth: true, body: dispatchBody, ok: z.object({ jobId: z.string(), crewId: z.string(), scheduledAt: z.string() }), errors: [400, 401, 403, 404, 409] } },
	'/api/requests/{id}/payments': { post: { summary: 'Record a counter payment with its receipt number (step 6)', auth: true, body: z.object({ amount: z.number().int(), receiptNo: z.string() }), ok: z.object({ ok: z.boolean(), duplicate: z.boolean(), contractVersion: z.number().nullable() }), errors: [400, 401, 403, 404, 409, 422] } },
	'/api/requests/{id}/remote-signing': { post: { summary: 'Send the contract to the customer to sign online (step 10)', auth: true, ok: z.object({ ok: z.boolean() }), errors: [401, 403, 404, 409] } },
	'/api/requests/{id}/countersign': { post: { summary: 'The utility countersigns (step 12); completes when installed', auth: true, ok: z.object({ ok: z.boolean(), state: z.string() }), errors: [401, 403, 404, 409] } },
	'/api/jobs/{id}/reassign': { post: { summary: "Move a job to another crew; the old crew's pending work on it is rejected", auth: true, body: z.object({ crewId: z.string() }), ok: z.object({ jobId: z.string(), crewId: z.string() }), errors: [400, 401, 403, 404, 409] } },
	'/api/crews': { get: { summary: "The supervisor's crews", auth: true, ok: z.object({ crews: z.array(z.object({ id: z.string(), name: z.string(), unitId: z.string() })) }), errors: [401, 403] } },
	'/api/crews/me/position': { post: { summary: "A crew tablet's location ping", auth: true, body: z.object({ lat: z.number(), lng: z.number(), accuracyM: z.number(), at: z.string().optional() }), ok: z.object({ ok: z.boolean() }), errors: [400, 401, 403] } },
	'/api/map': { get: { summary: 'Open jobs with deadline risk, crews with routes and last positions', auth: true, ok: z.object({}).passthrough(), errors: [401, 403] } },
	'/api/kpis': { get: { summary: 'Requests by state, on-time rate per service group, overdue per crew, median step times', auth: true, ok: z.object({}).passthrough(), errors: [401, 403] } },
	'/api/events': { get: { summary: 'Server-sent events: "changed" when the board, map or crew jobs change (token as bearer or ?access_token=)', ok: z.string(), errors: [401] } },
	'/api/portal/{token}': { get: { summary: "The customer's remote-signing page data (the link token is the credential)", ok: z.object({}).passthrough(), errors: [400, 404] } },
	'/api/portal/{token}/contract.pdf': { get: { summary: "The customer's contract PDF (a download)", ok: z.string(), errors: [400, 404] } },
	'/api/portal/{token}/code': { post: { summary: 'Send a fresh 10-minute signing code (rate-limited)', ok: z.object({ sentTo: z.object({ sms: z.boolean(), email: z.boolean() }), validMinutes: z.number() }), errors: [404, 409, 429] } },
	'/api/portal/{token}/sign': { post: { summary: 'Sign the current contract version with the code', body: portalSignBody, ok: z.object({ ok: z.boolean() }), errors: [400, 404, 409, 413, 423] } },
	'/api/portal/{token}/correction': { post: { summary: 'Ask for a correction; a new version comes back for signing', body: correctionBody, ok: z.object({ ok: z.boolean(), contractVersion: z.number() }), errors: [400, 404, 409] } },
	'/api/meters/{serial}': { get: { summary: 'A meter of the register with its readings', auth: true, ok: z.object({}).passthrough(), errors: [400, 401, 403, 404] } },
	'/api/meters/{serial}/readings': { post: { summary: "The utility's reading: refused below the previous one or beyond the register, flagged when abnormal; compared with the customer's of the day", auth: true, body: z.object({ kwh: z.number(), takenAt: z.string().optional(), photoSha256: z.string().optional() }), ok: z.object({ abnormal: z.boolean(), complaint: z.object({ id: z.string(), code: z.string() }).nullable() }), errors: [400, 401, 403, 404, 422] } },
	'/api/meters/{serial}/reading-links': { post: { summary: "Send the customer a link for their own reading on the reading day", auth: true, body: z.object({ readingDate: z.string() }), ok: z.object({ ok: z.boolean() }), errors: [400, 401, 403, 404] } },
	'/api/self-reading/{token}/photo/{sha256}': { put: { summary: "The photo of the customer's own reading (JPEG/WebP bytes under their SHA-256; rate-limited per link)", ok: storedBlob, errors: [400, 404, 413, 415, 429] } },
	'/api/self-reading/{token}/meter-check': { post: { summary: 'The customer asks for a check of the meter of this link (service 41); one open check per meter', ok: z.object({ code: z.string(), created: z.boolean() }), errors: [400, 404] } },
	'/api/self-reading/{token}': {
		get: { summary: "The customer's reading-day page data (the link token is the credential)", ok: z.object({}).passthrough(), errors: [400, 404] },
		post: { summary: "The customer's own reading with its photo; a difference beyond the tolerance opens a service-75 complaint", body: z.object({ kwh: z.number(), photoSha256: z.string() }), ok: z.object({ ok: z.boolean(), complaint: z.object({ code: z.string() }).nullable() }), errors: [400, 404, 409, 422] }
	},
	'/api/openapi.json': { get: { summary: 'This document', ok: z.object({}).passthrough() } },
	'/api/dev/outbox': {
		get: { summary: "Demo mode only: customer SMS and emails queued or sent (a supervisor: their unit's requests; an admin: all)", auth: true, ok: z.object({ messages: z.array(outboxMessage) }), errors: [401, 403, 404] }
	}
};

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) } });

export function buildOpenApiDocument() {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const [path, methods] of Object.entries(OPERATIONS)) {
		paths[path] = {};
		for (const [method, op] of Object.entries(methods)) {
			if (!op) continue;
			const responses: Record<string, unknown> = { 200: { description: 'OK', content: json(op.ok) } };
			for (const status of op.errors ?? []) responses[status] = { description: 'Error', content: json(apiError) };
			paths[path][method] = {
				summary: op.summary,
				...(op.auth ? { security: [{ bearer: [] }] } : {}),
				...(op.query
					? {
							parameters: Object.entries(op.query.shape).map(([name, schema]) => ({
								name,
								in: 'query',
								required: !(schema as z.ZodType).safeParse(undefined).success,
								schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' })
							}))
						}
					: {}),
				...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
				responses
			};
		}
	}
	return {
		openapi: '3.1.0',
		info: { title: 'Hiện Trường API', version: '0.1.0' },
		components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
		paths
	};
}

export const openApiRoutes = new Hono<AppEnv>().get('/', (c) => c.json(buildOpenApiDocument()));
