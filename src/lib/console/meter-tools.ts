// The console's reading-day link and the utility's own reading for a request's meter (issue 12 §3): the calls, and
// the day rule the server applies too (today or later in Hà Nội), so the form says it before sending.
import { session } from '$lib/client/app';
import { vnDateOf } from '$lib/domain/sla';
import { uploadBlob } from './files';
import { documentBytes } from './document-photo';

/** 2026-12-05 → 05/12/2026: how a person reads a day. */
export function readingDayText(isoDate: string): string {
	const [year, month, day] = isoDate.split('-');
	return `${day}/${month}/${year}`;
}

/** Whether the reading day is before today in Hà Nội (the server refuses it). */
export function isPastReadingDay(isoDate: string, now: Date): boolean {
	return isoDate < vnDateOf(now);
}

async function post<T>(path: string, body: unknown): Promise<T> {
	const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
	const token = session.current?.token;
	if (token) headers.authorization = `Bearer ${token}`;
	const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
	const payload = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
	if (!response.ok) throw new Error(payload?.error?.message ?? `${response.status}`);
	return payload as T;
}

export const meterTools = {
	sendLink: (serial: string, readingDate: string) => post<{ ok: true }>(`/api/meters/${encodeURIComponent(serial)}/reading-links`, { readingDate }),
	async recordReading(serial: string, kwh: number, photo: File | null) {
		let photoSha256: string | undefined;
		if (photo) {
			const { bytes, type } = await documentBytes(photo);
			const stored = await uploadBlob({ fetch: (input, init) => globalThis.fetch(input, init), token: () => session.current?.token ?? null }, bytes, type);
			if (!stored.ok) throw new Error(stored.message ?? `${stored.status}`);
			photoSha256 = stored.sha256;
		}
		return post<{ abnormal: boolean; complaint: { code: string } | null }>(`/api/meters/${encodeURIComponent(serial)}/readings`, photoSha256 ? { kwh, photoSha256 } : { kwh });
	}
};
