// Photos: verified against their hash and their type before anything is stored; idempotent by hash.
import { createHash } from 'node:crypto';
import type { SessionUser } from '../../src/lib/domain/api';
import type { Db } from '../db/database';
import { findBlob, insertBlob } from '../db/commands';
import { findUserCrew } from '../db/users';
import { ApiFailure } from '../http';
import { blobFileExists, readBlobFile, writeBlobFile } from '../storage/blob-files';
import type { Runtime } from './clock';

export type PhotoMime = 'image/jpeg' | 'image/webp';
export type BlobMime = PhotoMime | 'application/pdf';

/** The type by magic bytes; the Content-Type header of a tablet is not evidence. */
export function sniffPhotoType(bytes: Uint8Array): PhotoMime | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	return null;
}

/** Photos, and for documents attached at intake also PDF. */
export function sniffBlobType(bytes: Uint8Array, allowPdf: boolean): BlobMime | null {
	const photo = sniffPhotoType(bytes);
	if (photo) return photo;
	if (allowPdf && bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return 'application/pdf';
	return null;
}

export interface BlobStoreOptions {
	blobDir: string;
	maxBytes: number;
}

export async function storeBlob(
	db: Db,
	runtime: Runtime,
	options: BlobStoreOptions & { allowPdf?: boolean },
	/** The crew member who sent it; null for a customer sending a photo through their link. */
	uploaderId: string | null,
	sha256: string,
	bytes: Uint8Array
): Promise<{ created: boolean; sha256: string; size: number; mime: BlobMime }> {
	if (bytes.length > options.maxBytes) throw tooLarge(options.maxBytes);
	if (bytes.length === 0) throw new ApiFailure(400, 'empty_body', 'Ảnh rỗng: không có dữ liệu');
	const actual = createHash('sha256').update(bytes).digest('hex');
	if (actual !== sha256) {
		throw new ApiFailure(400, 'hash_mismatch', 'Dữ liệu ảnh không khớp mã SHA-256 trong địa chỉ (ảnh bị hỏng khi truyền); máy sẽ gửi lại');
	}
	const mime = sniffBlobType(bytes, options.allowPdf ?? false);
	if (!mime) throw new ApiFailure(415, 'unsupported_type', options.allowPdf ? 'Chỉ nhận ảnh JPEG, WebP hoặc tệp PDF' : 'Chỉ nhận ảnh JPEG hoặc WebP');
	const existing = await findBlob(db, sha256);
	// The row is written after the file, so a row always has its file; a file without a row is rewritten harmlessly.
	if (existing && (await blobFileExists(options.blobDir, sha256))) {
		return { created: false, sha256, size: existing.size, mime: existing.mime as BlobMime };
	}
	await writeBlobFile(options.blobDir, sha256, bytes);
	await insertBlob(db, { sha256, size: bytes.length, mime, uploadedBy: uploaderId, createdAt: runtime.clock() });
	return { created: !existing, sha256, size: bytes.length, mime };
}

export function tooLarge(maxBytes: number): ApiFailure {
	const mb = (maxBytes / (1024 * 1024)).toFixed(1).replace('.', ',');
	return new ApiFailure(413, 'too_large', `Ảnh quá lớn: tối đa ${mb} MB. Hãy chụp lại hoặc nén ảnh trước khi gửi`);
}

/** Supervisors see every photo; a crew only photos uploaded by a member of its crew. */
export async function readBlob(db: Db, blobDir: string, user: SessionUser, sha256: string) {
	const row = await findBlob(db, sha256);
	if (!row) return undefined;
	if (user.role === 'crew') {
		const uploaderCrew = row.uploadedBy ? await findUserCrew(db, row.uploadedBy) : null;
		if (uploaderCrew !== user.crewId) return undefined;
	}
	const bytes = await readBlobFile(blobDir, sha256);
	return bytes ? { bytes, mime: row.mime, size: row.size } : undefined;
}
