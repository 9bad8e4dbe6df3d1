// The customer's self-reading page talks to /api/self-reading/:token (no account: the link token is the only
// credential). Like the portal's client ($lib/portal/api), every call returns a typed result instead of throwing,
// so the page can say exactly what happened: the network is down, the server refused, or the answer made no sense.
import { z } from 'zod';
import type { PortalFailure, PortalResult } from '$lib/portal/api';

export type { PortalFailure as SelfReadingFailure, PortalResult as SelfReadingResult };

export const selfReadingView = z.object({
	meter: z.object({
		serial: z.string(),
		phases: z.number().int(),
		type: z.enum(['mechanical', 'electronic']),
		registerDigits: z.number().int().positive()
	}),
	customerName: z.string(),
	/** 'YYYY-MM-DD', the reading day the link was sent for. */
	readingDate: z.string(),
	lastReading: z.object({ kwh: z.number(), at: z.string(), source: z.enum(['utility', 'crew', 'customer']) }).nullable(),
	submitted: z.boolean()
});
export type SelfReadingView = z.infer<typeof selfReadingView>;

export const submitted = z.object({ ok: z.literal(true), complaint: z.object({ code: z.string() }).nullable() });
export type SelfReadingSubmitted = z.infer<typeof submitted>;

const storedPhoto = z.object({ sha256: z.string() });

export const meterCheckAsked = z.object({ code: z.string(), created: z.boolean() });
export type MeterCheckAsked = z.infer<typeof meterCheckAsked>;

const errorBody = z.object({
	error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() })
});

export interface SelfReadingApi {
	view(): Promise<PortalResult<SelfReadingView>>;
	/** The photo's raw bytes, named by their SHA-256 (the server checks the two agree). */
	uploadPhoto(sha256: string, photo: Blob): Promise<PortalResult<{ sha256: string }>>;
	submit(body: { kwh: number; photoSha256: string }): Promise<PortalResult<SelfReadingSubmitted>>;
	/** The customer doubts the meter itself: a meter check request (service 41), or the one already open. */
	askMeterCheck(): Promise<PortalResult<MeterCheckAsked>>;
}

export function createSelfReadingApi(options: { fetch: typeof globalThis.fetch; token: string; timeoutMs?: number }): SelfReadingApi {
	const base = `/api/self-reading/${encodeURIComponent(options.token)}`;
	const timeoutMs = options.timeoutMs ?? 30_000;

	async function call<T>(path: string, schema: z.ZodType<T>, init: { method: 'GET' | 'POST' | 'PUT'; json?: unknown; blob?: Blob }): Promise<PortalResult<T>> {
		const headers: Record<string, string> = { accept: 'application/json' };
		let body: BodyInit | undefined;
		if (init.json !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(init.json);
		} else if (init.blob) {
			headers['content-type'] = init.blob.type || 'image/jpeg';
			body = init.blob;
		}
		let response: Response;
		try {
			response = await options.fetch(`${base}${path}`, {
				method: init.method,
				headers,
				body,
				cache: 'no-store',
				signal: typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? AbortSignal.timeout(timeoutMs) : undefined
			});
		} catch {
			return { ok: false, failure: { kind: 'network' } };
		}
		let payload: unknown;
		try {
			payload = await response.json();
		} catch {
			// a gateway's HTML error page while the API is down reads as "no connection to the server"
			if (response.status >= 502 && response.status <= 504) return { ok: false, failure: { kind: 'network' } };
			return { ok: false, failure: { kind: 'invalid_response', status: response.status } };
		}
		if (!response.ok) {
			const parsed = errorBody.safeParse(payload);
			if (!parsed.success) {
				if (response.status >= 502 && response.status <= 504) return { ok: false, failure: { kind: 'network' } };
				return { ok: false, failure: { kind: 'invalid_response', status: response.status } };
			}
			const { code, message, fields } = parsed.data.error;
			return { ok: false, failure: { kind: 'refused', status: response.status, code, message, fields: fields ?? {}, retryAfterSeconds: null } };
		}
		const parsed = schema.safeParse(payload);
		if (!parsed.success) return { ok: false, failure: { kind: 'invalid_response', status: response.status } };
		return { ok: true, data: parsed.data };
	}

	return {
		view: () => call('', selfReadingView, { method: 'GET' }),
		uploadPhoto: (sha256, photo) => call(`/photo/${encodeURIComponent(sha256)}`, storedPhoto, { method: 'PUT', blob: photo }),
		submit: (body) => call('', submitted, { method: 'POST', json: body }),
		askMeterCheck: () => call('/meter-check', meterCheckAsked, { method: 'POST' })
	};
}
