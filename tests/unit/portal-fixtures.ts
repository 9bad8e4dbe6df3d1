// Test doubles for the customer's portal: a scripted fetch and the server's answers.
import { signingCodeFrom } from '$lib/domain/signing-code';

export interface RecordedCall {
	url: string;
	method: string;
	body: unknown;
}

type Handler = (call: RecordedCall) => Response | Promise<Response>;

/** A fetch that answers each call with the next handler, in order, and records what was asked. */
export function scriptedFetch(...handlers: Handler[]) {
	const calls: RecordedCall[] = [];
	const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const call = { url: String(input), method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined };
		calls.push(call);
		const handler = handlers.shift();
		if (!handler) throw new Error(`unexpected fetch ${call.method} ${call.url}`);
		return handler(call);
	}) as typeof globalThis.fetch;
	return { fetch, calls, pending: () => handlers.length };
}

export const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const refusal = (status: number, code: string, message: string, fields?: Record<string, string>) =>
	json({ error: fields ? { code, message, fields } : { code, message } }, status);

export const offline = () => () => Promise.reject(new TypeError('Failed to fetch'));

export const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx_-12';
export const GOOD_CODE = signingCodeFrom('12345');
/** One digit off: the check digit catches it. */
export const MISTYPED_CODE = `${GOOD_CODE.slice(0, 2)}${(Number(GOOD_CODE[2]) + 1) % 10}${GOOD_CODE.slice(3)}`;

export const DRAWING = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 10, y: 20, time: 1 }, { x: 30, y: 25, time: 40 }]]
};

export function viewOf(
	overrides: { version?: number; body?: string; sha256?: string; canSign?: boolean; state?: string; signedAt?: string | null; correction?: Record<string, unknown> | null } = {}
) {
	const version = overrides.version ?? 1;
	return {
		request: { code: 'YC-2026-00005', state: overrides.state ?? 'awaiting_remote_signature', address: 'Số 150 Xuân Thủy, P. Cầu Giấy, Hà Nội', customerName: 'Trần Thị Mai' },
		contract: {
			version,
			sha256: overrides.sha256 ?? String(version).repeat(64).slice(0, 64),
			body: overrides.body ?? `HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ\nphiên bản ${version}`,
			draftedAt: '2026-11-23T03:00:00.000Z'
		},
		changes: null,
		correction: overrides.correction ?? null,
		canSign: overrides.canSign ?? true,
		canCorrect: true,
		documentTitle: null,
		signedAt: overrides.signedAt ?? null
	};
}

/** Hashes by looking the text up: tests decide which texts "hash" to what. */
export const fakeHash = async (text: string) => {
	const version = /phiên bản (\d+)/.exec(text)?.[1] ?? '0';
	return version.repeat(64).slice(0, 64);
};
