// The console's calls for a customer's correction (issue 11, item 1), through the console's HTTP client conventions.
import type { z } from 'zod';
import type { CorrectionCase, correctionAnswered } from '$lib/api/corrections';
import type { RevisionTerms } from '$lib/domain/correction';
import { apiFetch, session } from '$lib/client/app';
import { ConsoleApiError } from './api';
import { refusalWords } from '$lib/refusals';
import { m } from '$lib/paraglide/messages.js';

type Answered = z.infer<typeof correctionAnswered>;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
	const headers: Record<string, string> = { accept: 'application/json' };
	const token = session.current?.token;
	if (token) headers.authorization = `Bearer ${token}`;
	if (body !== undefined) headers['content-type'] = 'application/json';
	let response: Response;
	try {
		response = await apiFetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	} catch {
		throw new ConsoleApiError(0, 'network', m.console_error_network());
	}
	const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null;
	if (!response.ok || payload === null) {
		if (response.status === 401) session.markExpired();
		const error = payload?.error;
		const words = refusalWords(error);
		throw new ConsoleApiError(response.status, error?.code ?? 'http_error', words.message || m.console_error_server({ status: response.status }), words.fields);
	}
	return payload as T;
}

const base = (id: string) => `/api/requests/${encodeURIComponent(id)}/correction`;

export const correctionsApi = {
	read: (id: string) => call<CorrectionCase>('GET', base(id)),
	revise: (id: string, terms: RevisionTerms, note?: string) => call<Answered>('POST', `${base(id)}/revise`, { terms, ...(note ? { note } : {}) }),
	answer: (id: string, reason: string) => call<Answered>('POST', `${base(id)}/answer`, { reason })
};
