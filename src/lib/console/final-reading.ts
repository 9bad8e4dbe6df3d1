// The photo of a termination's final reading (service 55), uploaded before the decision names it, the way the
// utility's own reading uploads its photo (./meter-tools.ts).
import { session } from '$lib/client/app';
import { documentBytes } from './document-photo';
import { uploadBlob } from './files';

/** Uploads the photo of the meter face; its sha-256 for the decision. A refusal throws the server's words. */
export async function uploadFinalReadingPhoto(photo: File): Promise<string> {
	const { bytes, type } = await documentBytes(photo);
	const stored = await uploadBlob({ fetch: (input, init) => globalThis.fetch(input, init), token: () => session.current?.token ?? null }, bytes, type);
	if (!stored.ok) throw new Error(stored.message ?? `${stored.status}`);
	return stored.sha256;
}
