// The customer's self-reading page talks to /api/self-reading/:token (no account: the link token is the only
// credential). Its calls go through the portal's createPortalCall, so every call returns a typed result instead of
// throwing: the network is down, the server refused, or the answer made no sense.
// The answers are checked against the API contract's own schemas (src/lib/api/meters.ts).
import { storedBlob } from '$lib/api/common';
import { meterCheckAsked, selfReadingSubmitted, selfReadingView, type MeterCheckAsked, type SelfReadingSubmitted, type SelfReadingView } from '$lib/api/meters';
import { createPortalCall, type PortalFailure, type PortalResult } from '$lib/portal/api';

export type { PortalFailure as SelfReadingFailure, PortalResult as SelfReadingResult };

export { selfReadingView, meterCheckAsked, type SelfReadingView, type SelfReadingSubmitted, type MeterCheckAsked };
export const submitted = selfReadingSubmitted;

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
		uploadPhoto: (sha256, photo) => call(`/photo/${encodeURIComponent(sha256)}`, storedBlob.pick({ sha256: true }), { method: 'PUT', blob: photo }),
		submit: (body) => call('', selfReadingSubmitted, { method: 'POST', json: body }),
		askMeterCheck: () => call('/meter-check', meterCheckAsked, { method: 'POST' })
	};
}
