// A document photo taken at intake (an ID card, a land-use certificate) is compressed in the browser before it is
// uploaded, as the crew's photos are, instead of a 5 MB phone photo being refused by the server's size limit.
// Documents are not stamped (the crew's field photos are); they keep a larger long side so small print stays legible.
// PDFs and anything that is not a photo go as they are.
import imageCompression from 'browser-image-compression';

/** Long side of a compressed document photo, in pixels. */
export const DOCUMENT_MAX_SIDE = 2400;
/** A compressed document photo aims at this many bytes at most. */
export const DOCUMENT_TARGET_BYTES = 1_000_000;

/** Whether the file is a photo the browser can shrink (JPEG, PNG, WebP, HEIC the browser decodes). */
export function isCompressiblePhoto(file: Pick<File, 'type'>): boolean {
	return /^image\/(jpeg|png|webp|heic|heif)$/i.test(file.type);
}

/** The bytes to upload and their type: the photo compressed to JPEG, or the file itself (a PDF, a small photo, a failure). */
export async function documentBytes(file: File): Promise<{ bytes: Uint8Array; type: string; compressed: boolean }> {
	// JPEG and WebP small enough go as they are; a PNG or HEIC photo becomes JPEG whatever its size (the server takes
	// JPEG, WebP and PDF)
	const accepted = /^image\/(jpeg|webp)$/i.test(file.type);
	if (!isCompressiblePhoto(file) || (accepted && file.size <= DOCUMENT_TARGET_BYTES)) return { bytes: new Uint8Array(await file.arrayBuffer()), type: file.type, compressed: false };
	try {
		const out = await imageCompression(file, {
			maxSizeMB: DOCUMENT_TARGET_BYTES / 1_048_576,
			maxWidthOrHeight: DOCUMENT_MAX_SIDE,
			fileType: 'image/jpeg',
			initialQuality: 0.85,
			maxIteration: 4,
			useWebWorker: false
		});
		if (out.size < file.size || !accepted) return { bytes: new Uint8Array(await out.arrayBuffer()), type: 'image/jpeg', compressed: true };
	} catch {
		// a photo the browser cannot decode goes as it is: the server says if it is too large
	}
	return { bytes: new Uint8Array(await file.arrayBuffer()), type: file.type, compressed: false };
}
