// Files of a request as the console handles them: the photos and documents named in a request's detail, loaded with
// the supervisor's bearer token into object URLs (revoked together), and documents uploaded at intake by SHA-256.
import type { SurveyRecord } from '$lib/domain/api';
import { refusalWords } from '$lib/refusal-words';

export interface Deps {
	fetch: typeof globalThis.fetch;
	token: () => string | null;
}

export type PhotoGroupKey = 'site' | 'meter' | 'installMeter' | 'before' | 'after' | 'reading' | 'abnormalConfirm' | 'seal' | 'oldFinal' | 'newMeter' | 'disputeUtility' | 'disputeCustomer';

export interface PhotoGroup {
	key: PhotoGroupKey;
	photos: string[];
}

/** Only the fields of an installation record that name photos (older servers may leave some out). */
export interface InstallationPhotos {
	meterPhoto?: string | null;
	beforePhotos?: readonly string[];
	afterPhotos?: readonly string[];
}

function nonEmpty(groups: PhotoGroup[]): PhotoGroup[] {
	return groups.filter((g) => g.photos.length > 0);
}

/** A survey's photos, site then meter; empty groups left out. */
export function surveyPhotoGroups(survey: Pick<SurveyRecord, 'sitePhotos' | 'meterPhotos'>): PhotoGroup[] {
	return nonEmpty([
		{ key: 'site', photos: [...survey.sitePhotos] },
		{ key: 'meter', photos: [...survey.meterPhotos] }
	]);
}

/** An installation's photos: the new meter, before, after; empty groups left out. */
export function installationPhotoGroups(installation: InstallationPhotos): PhotoGroup[] {
	return nonEmpty([
		{ key: 'installMeter', photos: installation.meterPhoto ? [installation.meterPhoto] : [] },
		{ key: 'before', photos: [...(installation.beforePhotos ?? [])] },
		{ key: 'after', photos: [...(installation.afterPhotos ?? [])] }
	]);
}

export function isImageMime(mime: string): boolean {
	return /^image\//i.test(mime);
}

/** "850 B", "12,5 KB", "3,2 MB" (Vietnamese decimal comma; English decimal point). */
export function formatBytes(bytes: number, lang: 'vi' | 'en' = 'vi'): string {
	const one = (n: number) => {
		const text = n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '');
		return lang === 'vi' ? text.replace('.', ',') : text;
	};
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${one(bytes / 1024)} KB`;
	return `${one(bytes / (1024 * 1024))} MB`;
}

/** Lower-case hex SHA-256 of the bytes (Web Crypto, so the browser and Node give the same answer). */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
	const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	const digest = await subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The server's own message from an error body `{ error: { message } }`, if any. */
export function serverMessage(body: unknown): string | null {
	const message = refusalWords((body as { error?: unknown } | null | undefined)?.error).message;
	return typeof message === 'string' && message ? message : null;
}

export type UploadResult =
	| { ok: true; sha256: string; size: number; mime: string }
	/** status 0: the network failed; message: the server's (Vietnamese) reason when it gave one. */
	| { ok: false; status: number; message: string | null };

/** Hashes the bytes and PUTs them to /api/blobs/:sha256 with the token (201 stored, 200 already there). */
export async function uploadBlob(deps: Deps, bytes: Uint8Array, contentType: string): Promise<UploadResult> {
	const sha256 = await sha256Hex(bytes);
	const headers: Record<string, string> = { 'content-type': contentType || 'application/octet-stream', accept: 'application/json' };
	const token = deps.token();
	if (token) headers.authorization = `Bearer ${token}`;
	let response: Response;
	try {
		response = await deps.fetch(`/api/blobs/${sha256}`, { method: 'PUT', headers, body: bytes as Uint8Array<ArrayBuffer> });
	} catch {
		return { ok: false, status: 0, message: null };
	}
	const body: unknown = await response.json().catch(() => null);
	if (!response.ok) return { ok: false, status: response.status, message: serverMessage(body) };
	const stored = body as { sha256?: unknown; size?: unknown; mime?: unknown } | null;
	return {
		ok: true,
		sha256: typeof stored?.sha256 === 'string' ? stored.sha256 : sha256,
		size: typeof stored?.size === 'number' ? stored.size : bytes.length,
		mime: typeof stored?.mime === 'string' ? stored.mime : contentType
	};
}

/** A photo shown as a thumbnail: its hash and the words that name it. */
export interface ThumbItem {
	sha256: string;
	label: string;
}

export interface LoadedBlob {
	url: string;
	mime: string;
}

/**
 * Object URLs of blobs fetched with the bearer token, one fetch per SHA-256 however often it is asked for.
 * `revokeAll()` (when the page goes away) frees every URL it made; later calls then make fresh ones.
 */
export class BlobUrls {
	#deps: Deps;
	#create: (blob: Blob) => string;
	#revoke: (url: string) => void;
	#cache = new Map<string, Promise<LoadedBlob>>();
	#made: string[] = [];

	constructor(deps: Deps, urls: { create?: (blob: Blob) => string; revoke?: (url: string) => void } = {}) {
		this.#deps = deps;
		this.#create = urls.create ?? ((blob) => URL.createObjectURL(blob));
		this.#revoke = urls.revoke ?? ((url) => URL.revokeObjectURL(url));
	}

	/** The blob's object URL; rejects with the server's message (or null) when it cannot be read. */
	get(sha256: string): Promise<LoadedBlob> {
		const cached = this.#cache.get(sha256);
		if (cached) return cached;
		const loading = this.#load(sha256);
		this.#cache.set(sha256, loading);
		// a failure is not kept: the next ask tries again
		loading.catch(() => this.#cache.delete(sha256));
		return loading;
	}

	async #load(sha256: string): Promise<LoadedBlob> {
		const headers: Record<string, string> = {};
		const token = this.#deps.token();
		if (token) headers.authorization = `Bearer ${token}`;
		const response = await this.#deps.fetch(`/api/blobs/${encodeURIComponent(sha256)}`, { headers });
		if (!response.ok) throw new BlobLoadError(response.status, serverMessage(await response.json().catch(() => null)));
		const blob = await response.blob();
		const url = this.#create(blob);
		this.#made.push(url);
		return { url, mime: blob.type || response.headers.get('content-type') || 'application/octet-stream' };
	}

	revokeAll(): void {
		for (const url of this.#made) this.#revoke(url);
		this.#made = [];
		this.#cache.clear();
	}
}

export class BlobLoadError extends Error {
	constructor(
		readonly status: number,
		readonly serverMessage: string | null
	) {
		super(serverMessage ?? `HTTP ${status}`);
		this.name = 'BlobLoadError';
	}
}

/** A file name for a document downloaded from the console: its kind and the start of its hash. */
export function documentFileName(sha256: string, mime: string): string {
	const ext = mime === 'application/pdf' ? 'pdf' : mime === 'image/webp' ? 'webp' : mime === 'image/jpeg' ? 'jpg' : 'bin';
	return `tai-lieu-${sha256.slice(0, 8)}.${ext}`;
}
