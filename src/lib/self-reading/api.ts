// The customer's self-reading page talks to /api/self-reading/:token (no account: the link token is the only
// credential) through Hono's typed client over the server's route declarations ($lib/api/client). Its answers are
// read as the portal's are (portalResult), so every call returns a typed result instead of throwing: the network is
// down, the server refused, or the answer made no sense; and they are checked against the API contract's own
// schemas (src/lib/api/meters.ts).
import { storedBlob } from '$lib/api/common';
import { apiClient, pathParam } from '$lib/api/client';
import { meterCheckAsked, selfReadingSubmitted, selfReadingView, type MeterCheckAsked, type SelfReadingSubmitted, type SelfReadingView } from '$lib/api/meters';
import { customerFetch, portalResult, type PortalFailure, type PortalResult } from '$lib/portal/api';

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
	const link = apiClient({ fetch: customerFetch(options.fetch, options.timeoutMs ?? 30_000) }).api['self-reading'][':token'];
	const token = pathParam(options.token);

	return {
		view: () => portalResult(() => link.$get({ param: { token } }), selfReadingView),
		// the photo's bytes are the body itself (declared, not parsed, by the route)
		uploadPhoto: (sha256, photo) =>
			portalResult(
				() =>
					link.photo[':sha256'].$put(
						{ param: { token, sha256: pathParam(sha256) } },
						{ headers: { 'content-type': photo.type || 'image/jpeg' }, init: { body: photo } }
					),
				storedBlob.pick({ sha256: true })
			),
		submit: (body) => portalResult(() => link.$post({ param: { token }, json: body }), selfReadingSubmitted),
		askMeterCheck: () => portalResult(() => link['meter-check'].$post({ param: { token } }), meterCheckAsked)
	};
}
