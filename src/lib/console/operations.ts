// The console's calls for the supervisor operations (reschedule, cancel, handovers): the server's words on refusal.
import { session } from '$lib/client/app';
import type { cancelled, handoverDecided, handoverList, rescheduled } from '$lib/api/operations';
import type { z } from 'zod';
import { refusalWords } from '$lib/refusal-words';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
	const headers: Record<string, string> = { accept: 'application/json' };
	const token = session.current?.token;
	if (token) headers.authorization = `Bearer ${token}`;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
	if (!response.ok) throw new Error(refusalWords(payload?.error).message ?? `${response.status}`);
	return payload as T;
}

export const operationsApi = {
	reschedule: (jobId: string, scheduledAt: string) => call<z.infer<typeof rescheduled>>('POST', `/api/jobs/${encodeURIComponent(jobId)}/reschedule`, { scheduledAt }),
	cancel: (requestId: string, reason: string) => call<z.infer<typeof cancelled>>('POST', `/api/requests/${encodeURIComponent(requestId)}/cancel`, { reason }),
	handovers: async (requestId: string) => (await call<z.infer<typeof handoverList>>('GET', `/api/requests/${encodeURIComponent(requestId)}/handovers`)).handovers,
	accept: (id: string) => call<z.infer<typeof handoverDecided>>('POST', `/api/handovers/${encodeURIComponent(id)}/accept`),
	pass: (id: string) => call<z.infer<typeof handoverDecided>>('POST', `/api/handovers/${encodeURIComponent(id)}/pass`)
};

/** "2026-12-05T08:30" in Hà Nội, for a datetime-local input, and back to an instant with its offset. */
export function localInputOf(iso: string): string {
	return new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}
export function instantOfLocalInput(value: string): string {
	return `${value}:00+07:00`;
}
