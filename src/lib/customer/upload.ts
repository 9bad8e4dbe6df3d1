// A document chosen on the phone: a photo is compressed first (the console's document compression, loaded only when a
// file is chosen), then hashed and uploaded under its SHA-256 (content-addressed: the same file twice is one upload).
import type { CustomerApi, CustomerResult } from './api';

export async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function uploadDocument(api: CustomerApi, file: File): Promise<CustomerResult<{ sha256: string; mime: string; size: number }>> {
	const { documentBytes } = await import('$lib/console/document-photo');
	const { bytes, type } = await documentBytes(file);
	const sha256 = await sha256OfBytes(bytes);
	const sent = await api.upload(sha256, new Blob([bytes as BlobPart], { type: type || 'application/octet-stream' }));
	return sent.ok ? { ok: true, data: { sha256, mime: sent.data.mime, size: sent.data.size } } : sent;
}
