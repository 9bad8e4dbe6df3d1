// Photos: verified against their hash and their type before anything is stored; idempotent by hash.
import { createHash } from 'node:crypto';
import type { SessionUser } from '../../src/lib/domain/api';
import { blobsOf } from '../../src/lib/domain/commands';
import type { Db } from '../db/database';
import { findBlob, insertBlob } from '../db/commands';
import { photosFromOutsideCrew } from '../db/scope';
import { DomainError } from './domain-error';
import { both, bothBy } from '../../src/lib/text';
import { diskBlobStore, type BlobStore } from '../storage/blob-store';
import { readableBy } from './access';
import type { Runtime } from './clock';
import type { Rejection } from './field-commands';
import { m } from '../../src/lib/paraglide/messages.js';


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
	/** The disk directory of the embedded default; `store` (S3, server/storage/blob-store.ts) wins when given. */
	blobDir: string;
	store?: BlobStore;
	maxBytes: number;
}

const storeFor = (where: string | BlobStore) => (typeof where === 'string' ? diskBlobStore(where) : where);

export async function storeBlob(
	db: Db,
	runtime: Runtime,
	options: BlobStoreOptions & { allowPdf?: boolean },
	/** The crew member who sent it; null for a customer sending a photo through their link. */
	uploaderId: string | null,
	sha256: string,
	bytes: Uint8Array
): Promise<{ created: boolean; sha256: string; size: number; mime: BlobMime }> {
	if (bytes.length > options.maxBytes) throw blobTooLarge(options.maxBytes);
	if (bytes.length === 0) throw new DomainError('empty_body', both(m.server_refusal_photo_empty));
	const actual = createHash('sha256').update(bytes).digest('hex');
	if (actual !== sha256) {
		throw new DomainError('hash_mismatch', both(m.server_refusal_photo_hash_mismatch));
	}
	const mime = sniffBlobType(bytes, options.allowPdf ?? false);
	if (!mime) throw new DomainError('unsupported_type', both(options.allowPdf ? m.server_refusal_photo_or_pdf_type : m.server_refusal_photo_type));
	const store = options.store ?? diskBlobStore(options.blobDir);
	const existing = await findBlob(db, sha256);
	// The row is written after the bytes, so a row always has its bytes; bytes without a row are rewritten harmlessly.
	// Asking the store first also spares a second upload of the same photo to object storage.
	if (existing && (await store.has(sha256))) {
		return { created: false, sha256, size: existing.size, mime: existing.mime as BlobMime };
	}
	await store.put(sha256, bytes, mime);
	await insertBlob(db, { sha256, size: bytes.length, mime, uploadedBy: uploaderId, createdAt: runtime.clock() });
	return { created: !existing, sha256, size: bytes.length, mime };
}

/** A photo over the size limit: thrown by storeBlob and by the body limits before the bytes are read. */
export function blobTooLarge(maxBytes: number): DomainError {
	const mb = (maxBytes / (1024 * 1024)).toFixed(1).replace('.', ',');
	return new DomainError('too_large', both(m.server_refusal_photo_too_large, { mb }));
}

/** A photo that is not there (or not readable by this user). */
export const blobNotFound = () => new DomainError('not_found', both(m.server_refusal_photo_not_found));

/**
 * A photo or document for whoever may see it (db/scope.ts#readableBlobs): an admin every one; a supervisor their
 * own uploads and their unit's (its crews' photos, its requests' documents, its meters' reading photos); a crew its
 * members' photos and the documents and meter photos of the requests it works on. Anything else reads as missing.
 */
export async function readBlob(db: Db, where: string | BlobStore, user: SessionUser, sha256: string) {
	if (!(await readableBy(db, user, [sha256])).has(sha256)) return undefined;
	const row = await findBlob(db, sha256);
	if (!row) return undefined;
	const bytes = await storeFor(where).get(sha256);
	return bytes ? { bytes, mime: row.mime, size: row.size } : undefined;
}

/**
 * A crew names only its own photos in its work: a photo uploaded by someone else (another crew, a customer, a
 * supervisor) is refused, unless an earlier accepted command on the same job already named it. Null: all its own.
 */
export async function photosNotOfCrew(
	db: Db,
	user: SessionUser,
	command: { name: string; payload: unknown; requestId: string; jobId: string }
): Promise<Rejection | null> {
	const named = [...new Set(blobsOf(command.name, command.payload))];
	if (named.length === 0) return null;
	const foreign = new Set(await photosFromOutsideCrew(db, { crewId: user.crewId ?? '', requestId: command.requestId, jobId: command.jobId }, named));
	if (foreign.size === 0) return null;
	const refused = photoFieldsOf(command.payload).filter((p) => foreign.has(p.sha));
	const fields = Object.fromEntries(refused.map((p) => [p.field, m.server_refusal_photoNotOfCrew({ photo: p.label.vi }, { locale: 'vi' })]));
	const list = (lang: 'vi' | 'en') => [...new Set(refused.map((p) => p.label[lang]))].join(', ');
	return {
		ok: false,
		code: 'invalid_data',
		reason: bothBy(m.server_refusal_photosNotOfCrew, (lang) => ({ photos: list(lang) })),
		fields
	};
}

/** What the crew calls each photo of its forms. */
const PHOTO_LABELS: Record<string, () => { vi: string; en: string }> = {
	sitePhotos: () => both(m.server_photo_site),
	meterPhotos: () => both(m.server_photo_meter),
	meterPhoto: () => both(m.server_photo_meterAtHandover),
	beforePhotos: () => both(m.server_photo_before),
	afterPhotos: () => both(m.server_photo_after),
	abnormalConfirmPhoto: () => both(m.server_photo_abnormalConfirm),
	readingPhoto: () => both(m.server_photo_reading),
	sealPhoto: () => both(m.server_photo_seal),
	'replacement.newPhoto': () => both(m.server_photo_newMeter),
	'replacement.oldFinalPhoto': () => both(m.server_photo_oldFinal)
};

/** Each photo of a payload with its form field (as the payload schema names it) and its name in words. */
function photoFieldsOf(payload: unknown): Array<{ field: string; sha: string; label: { vi: string; en: string } }> {
	const found: Array<{ field: string; sha: string; label: { vi: string; en: string } }> = [];
	const at = (value: unknown, path: string): unknown =>
		path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
	for (const [path, labelOf] of Object.entries(PHOTO_LABELS)) {
		const label = labelOf();
		const value = at(payload, path);
		if (typeof value === 'string') found.push({ field: path, sha: value, label });
		if (Array.isArray(value)) {
			value.forEach((sha, i) => {
				if (typeof sha === 'string') found.push({ field: `${path}.${i}`, sha, label: bothBy(m.server_photo_numbered, (lang) => ({ photo: label[lang], n: i + 1 })) });
			});
		}
	}
	return found;
}
