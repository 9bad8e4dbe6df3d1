// The countersignature's preview in the console: the contract as it will be signed, read with the supervisor's
// token (JSON words, or the PDF file itself downloaded through an object URL). Pure but for the fetch it is given.
import type { CountersignPreview } from '$lib/api/countersign';
import { refusalWords } from '$lib/refusal-words';

export interface Deps {
	fetch: typeof globalThis.fetch;
	token: () => string | null;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string | null };

const path = (requestId: string, file: string) => `/api/requests/${encodeURIComponent(requestId)}/countersign/${file}`;

async function get(deps: Deps, url: string): Promise<Loaded<Response>> {
	const token = deps.token();
	let response: Response;
	try {
		response = await deps.fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
	} catch {
		return { ok: false, message: null };
	}
	if (response.ok) return { ok: true, value: response };
	const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
	return { ok: false, message: refusalWords(body?.error).message ?? null };
}

/** The preview's words (null message: no network or an unreadable answer; the caller says so in its words). */
export async function loadCountersignPreview(deps: Deps, requestId: string): Promise<Loaded<CountersignPreview>> {
	const answer = await get(deps, path(requestId, 'preview'));
	if (!answer.ok) return answer;
	try {
		return { ok: true, value: (await answer.value.json()) as CountersignPreview };
	} catch {
		return { ok: false, message: null };
	}
}

/** The preview PDF as a file the browser saves. */
export async function downloadCountersignPreviewPdf(deps: Deps, requestId: string, document: Document): Promise<Loaded<string>> {
	const answer = await get(deps, path(requestId, 'preview.pdf'));
	if (!answer.ok) return answer;
	const name = /filename="([^"]+)"/.exec(answer.value.headers.get('content-disposition') ?? '')?.[1] ?? 'xem-truoc-hop-dong.pdf';
	const url = URL.createObjectURL(await answer.value.blob());
	const link = Object.assign(document.createElement('a'), { href: url, download: name });
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 30_000);
	return { ok: true, value: name };
}
