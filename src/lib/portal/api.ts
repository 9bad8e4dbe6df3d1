// The customer's portal talks to /api/portal/:token (no account: the link token is the only credential).
// Every call returns a typed result instead of throwing, so the page can say exactly what happened:
// the network is down, the server refused (with its Vietnamese message), or the answer made no sense.
// The answers are checked against the API contract's own schemas (src/lib/api), the ones the server's routes declare.
import type { z } from 'zod';
import type { PortalSignBody } from '$lib/domain/signing';
import { apiError } from '$lib/api/common';
import { codeSent, corrected, portalView, signed, type CodeSent, type CorrectionSent, type PortalContract, type PortalView } from '$lib/api/portal';

export { portalView, codeSent, type PortalView, type PortalContract, type CodeSent, type CorrectionSent };


export type PortalFailure =
	/** No answer: offline, DNS, timeout. Worth a retry. */
	| { kind: 'network' }
	/** The server answered with something that is not our API (a proxy page, a truncated body). */
	| { kind: 'invalid_response'; status: number }
	/** The server refused, with its code and Vietnamese message (and per-field messages on a 400). */
	| {
			kind: 'refused';
			status: number;
			code: string;
			message: string;
			fields: Record<string, string>;
			/** For a 429: how long the server asked to wait, when its message says so. */
			retryAfterSeconds: number | null;
	  };

export type PortalResult<T> = { ok: true; data: T } | { ok: false; failure: PortalFailure };

export interface PortalApi {
	view(): Promise<PortalResult<PortalView>>;
	sendCode(): Promise<PortalResult<CodeSent>>;
	sign(body: PortalSignBody): Promise<PortalResult<{ ok: true }>>;
	requestCorrection(comment: string): Promise<PortalResult<CorrectionSent>>;
}

/** "…vui lòng chờ 42 giây…" → 42. */
export function waitSecondsIn(message: string): number | null {
	const match = /(\d+)\s*giây/.exec(message);
	return match ? Number(match[1]) : null;
}

/** What a customer page's call sends: nothing, a JSON body, or raw bytes (a photo). */
export type PortalCallInit = { method: 'GET' | 'POST' | 'PUT'; json?: unknown; blob?: Blob };

/**
 * The customer pages' one way to call their API under `base` (the portal's, the self-reading page's): the answer is
 * checked against `schema`, and every way it can fail becomes a typed PortalFailure instead of a throw.
 */
export function createPortalCall(options: { fetch: typeof globalThis.fetch; base: string; timeoutMs: number }) {
	return async function call<T>(path: string, schema: z.ZodType<T>, init: PortalCallInit): Promise<PortalResult<T>> {
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
			response = await options.fetch(`${options.base}${path}`, {
				method: init.method,
				headers,
				body,
				cache: 'no-store',
				signal: typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? AbortSignal.timeout(options.timeoutMs) : undefined
			});
		} catch {
			return { ok: false, failure: { kind: 'network' } };
		}
		// a gateway's HTML error page while the API is down reads as "no connection to the server"
		const unreadable = (): PortalResult<T> =>
			response.status >= 502 && response.status <= 504
				? { ok: false, failure: { kind: 'network' } }
				: { ok: false, failure: { kind: 'invalid_response', status: response.status } };
		let payload: unknown;
		try {
			payload = await response.json();
		} catch {
			return unreadable();
		}
		if (!response.ok) {
			const parsed = apiError.safeParse(payload);
			if (!parsed.success) return unreadable();
			const { code, message, fields } = parsed.data.error;
			return {
				ok: false,
				failure: {
					kind: 'refused',
					status: response.status,
					code,
					message,
					fields: fields ?? {},
					retryAfterSeconds: response.status === 429 ? waitSecondsIn(message) : null
				}
			};
		}
		const parsed = schema.safeParse(payload);
		if (!parsed.success) return { ok: false, failure: { kind: 'invalid_response', status: response.status } };
		return { ok: true, data: parsed.data };
	};
}

export function createPortalApi(options: { fetch: typeof globalThis.fetch; token: string; timeoutMs?: number }): PortalApi {
	const call = createPortalCall({ fetch: options.fetch, base: `/api/portal/${encodeURIComponent(options.token)}`, timeoutMs: options.timeoutMs ?? 20_000 });

	return {
		view: () => call('', portalView, { method: 'GET' }),
		sendCode: () => call('/code', codeSent, { method: 'POST' }),
		sign: (body) => call('/sign', signed, { method: 'POST', json: body }),
		requestCorrection: (comment) => call('/correction', corrected, { method: 'POST', json: { comment } })
	};
}

/** SHA-256 (hex) of the contract text as shown, the way the server hashes it (UTF-8). Null where WebCrypto is missing. */
export async function sha256Hex(text: string): Promise<string | null> {
	const subtle = globalThis.crypto?.subtle;
	if (!subtle) return null;
	const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
