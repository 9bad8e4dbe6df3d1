// The customer's self-reading page talks to /api/self-reading/:token (no account: the link token is the only
// credential). Its calls go through the portal's createPortalCall, so every call returns a typed result instead of
// throwing: the network is down, the server refused, or the answer made no sense.
import { z } from 'zod';
import { createPortalCall, type PortalFailure, type PortalResult } from '$lib/portal/api';

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

export interface SelfReadingApi {
	view(): Promise<PortalResult<SelfReadingView>>;
	/** The photo's raw bytes, named by their SHA-256 (the server checks the two agree). */
	uploadPhoto(sha256: string, photo: Blob): Promise<PortalResult<{ sha256: string }>>;
	submit(body: { kwh: number; photoSha256: string }): Promise<PortalResult<SelfReadingSubmitted>>;
	/** The customer doubts the meter itself: a meter check request (service 41), or the one already open. */
	askMeterCheck(): Promise<PortalResult<MeterCheckAsked>>;
}

export function createSelfReadingApi(options: { fetch: typeof globalThis.fetch; token: string; timeoutMs?: number }): SelfReadingApi {
	const call = createPortalCall({ fetch: options.fetch, base: `/api/self-reading/${encodeURIComponent(options.token)}`, timeoutMs: options.timeoutMs ?? 30_000 });

	return {
		view: () => call('', selfReadingView, { method: 'GET' }),
		uploadPhoto: (sha256, photo) => call(`/photo/${encodeURIComponent(sha256)}`, storedPhoto, { method: 'PUT', blob: photo }),
		submit: (body) => call('', submitted, { method: 'POST', json: body }),
		askMeterCheck: () => call('/meter-check', meterCheckAsked, { method: 'POST' })
	};
}
