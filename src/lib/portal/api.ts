// The customer's portal talks to /api/portal/:token (no account: the link token is the only credential), through
// Hono's typed client over the server's route declarations ($lib/api/client), so paths, parameters and bodies are
// checked against the routes at compile time. Every call returns a typed result instead of throwing, so the page
// can say exactly what happened: the network is down, the server refused (with its Vietnamese message), or the
// answer made no sense. The answers are also checked at run time against the same schemas (src/lib/api).
import type { z } from 'zod';
import type { PortalSignBody } from '$lib/domain/signing';
import { apiError } from '$lib/api/common';
import { apiClient, pathParam } from '$lib/api/client';
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
			/** The refusal in both languages (servers that send it). */
			text?: { vi: string; en: string };
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

/** What a customer page's call needs of an answer (a fetch Response, or hc's typed one). */
export interface AnswerLike {
	ok: boolean;
	status: number;
	json(): Promise<unknown>;
}

/**
 * The fetch a customer page calls with: JSON asked for, never cached, given up after `timeoutMs`. (The typed client
 * sets the method, the path and the body; this adds what every customer call shares.)
 */
export function customerFetch(fetch: typeof globalThis.fetch, timeoutMs: number): typeof globalThis.fetch {
	return (input, init) => {
		const headers = new Headers(init?.headers);
		if (!headers.has('accept')) headers.set('accept', 'application/json');
		return fetch(input, {
			...init,
			headers,
			cache: 'no-store',
			signal: typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? AbortSignal.timeout(timeoutMs) : undefined
		});
	};
}

/**
 * The customer pages' one way to read an answer (the portal's, the self-reading page's): `send` makes the call, the
 * answer is checked against `schema`, and every way it can fail becomes a typed PortalFailure instead of a throw.
 */
export async function portalResult<T>(send: () => Promise<AnswerLike>, schema: z.ZodType<T>): Promise<PortalResult<T>> {
	let response: AnswerLike;
	try {
		response = await send();
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
		const { code, text, fieldTexts } = parsed.data.error;
		// the Vietnamese words the pages read by field; `text` beside them for the reader's language
		const message = text?.vi ?? parsed.data.error.message;
		const fields = fieldTexts ? Object.fromEntries(Object.entries(fieldTexts).map(([key, words]) => [key, words.vi])) : (parsed.data.error.fields ?? {});
		return {
			ok: false,
			failure: {
				kind: 'refused',
				status: response.status,
				code,
				message,
				...(text ? { text } : {}),
				fields,
				retryAfterSeconds: response.status === 429 ? waitSecondsIn(message) : null
			}
		};
	}
	const parsed = schema.safeParse(payload);
	if (!parsed.success) return { ok: false, failure: { kind: 'invalid_response', status: response.status } };
	return { ok: true, data: parsed.data };
}

export function createPortalApi(options: { fetch: typeof globalThis.fetch; token: string; timeoutMs?: number }): PortalApi {
	const portal = apiClient({ fetch: customerFetch(options.fetch, options.timeoutMs ?? 20_000) }).api.portal[':token'];
	const param = { token: pathParam(options.token) };

	return {
		view: () => portalResult(() => portal.$get({ param }), portalView),
		sendCode: () => portalResult(() => portal.code.$post({ param }), codeSent),
		sign: (body) => portalResult(() => portal.sign.$post({ param, json: body }), signed),
		requestCorrection: (comment) => portalResult(() => portal.correction.$post({ param, json: { comment } }), corrected)
	};
}

/** SHA-256 (hex) of the contract text as shown, the way the server hashes it (UTF-8). Null where WebCrypto is missing. */
export async function sha256Hex(text: string): Promise<string | null> {
	const subtle = globalThis.crypto?.subtle;
	if (!subtle) return null;
	const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
