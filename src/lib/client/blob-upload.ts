// Photos first: every photo a pending command names is PUT to /api/blobs/:sha256 before the command is pushed.
// A 400/413/415 is permanent for that photo (the crew must retake it); a 5xx or no network is retried later.
import type { SyncError } from './sync';
import { serverMessageOf } from './sync';
import type { LocalStore } from './store';

export interface PhotoUploadOptions {
	fetch: typeof globalThis.fetch;
	store: LocalStore;
	token: string;
	baseUrl?: string;
	timeoutMs?: number;
	/** 0 when a photo starts uploading, 1 when the server has it. */
	onProgress?: (sha256: string, fraction: number) => void;
}

export interface PhotoUploadReport {
	/** Photos the server now has (uploaded now, or found there). */
	onServer: Set<string>;
	/** Permanent refusals, Vietnamese text per photo: the crew must retake these. */
	permanent: Record<string, string>;
	/** Problems worth retrying later, Vietnamese text per photo. */
	transient: Record<string, string>;
	/** Set when the whole upload stopped on a 401 or a dead network. */
	error?: SyncError;
}

export const DEFAULT_UPLOAD_TIMEOUT_MS = 120_000;

export const PHOTO_MESSAGES = {
	tooLarge: 'Ảnh quá lớn, máy chủ không nhận. Hãy chụp lại ảnh này.',
	unsupported: 'Ảnh không phải JPEG/WebP, máy chủ không nhận. Hãy chụp lại ảnh này.',
	corrupt: 'Ảnh trên máy bị hỏng (mã SHA-256 không khớp). Hãy chụp lại ảnh này.',
	missing: 'Ảnh không còn trên máy và máy chủ chưa có. Hãy chụp lại ảnh này.',
	offline: 'Chưa tải ảnh lên được: không có kết nối, sẽ thử lại.',
	server: 'Máy chủ đang lỗi khi nhận ảnh, sẽ thử lại.'
} as const;

/** Uploads the given photos (those not yet marked uploaded), in order, marking each uploaded as it lands. */
export async function uploadPhotos(options: PhotoUploadOptions, sha256s: readonly string[]): Promise<PhotoUploadReport> {
	const { fetch, store, token, baseUrl = '', timeoutMs = DEFAULT_UPLOAD_TIMEOUT_MS, onProgress } = options;
	const report: PhotoUploadReport = { onServer: new Set(), permanent: {}, transient: {} };
	const auth = { Authorization: `Bearer ${token}` };

	for (const sha of new Set(sha256s)) {
		const photo = await store.getPhoto(sha);
		if (photo?.uploaded) {
			report.onServer.add(sha);
			continue;
		}
		const url = `${baseUrl}/api/blobs/${sha}`;
		let response: Response;
		try {
			onProgress?.(sha, 0);
			response = photo
				? await fetch(url, { method: 'PUT', headers: { ...auth, 'Content-Type': photo.mime }, body: photo.blob, signal: AbortSignal.timeout(timeoutMs) })
				: // Not on this tablet (evicted or taken on another one): the server may still have it.
					await fetch(url, { method: 'HEAD', headers: auth, signal: AbortSignal.timeout(timeoutMs) });
		} catch (error) {
			report.transient[sha] = PHOTO_MESSAGES.offline;
			report.error = { kind: 'offline', detail: error instanceof Error ? error.message : String(error) };
			return report;
		}
		const body = photo && !response.ok ? await response.json().catch(() => undefined) : undefined;
		if (response.status === 401) {
			report.error = { kind: 'auth', status: 401, serverMessage: serverMessageOf(body) };
			return report;
		}
		if (response.ok) {
			// Re-read: the row may have changed while the bytes were on the wire.
			const current = await store.getPhoto(sha);
			if (current && !current.uploaded) await store.putPhoto({ ...current, uploaded: true });
			report.onServer.add(sha);
			onProgress?.(sha, 1);
		} else if (!photo) {
			report.permanent[sha] = PHOTO_MESSAGES.missing;
		} else if (response.status === 413 || response.status === 415 || response.status === 400) {
			report.permanent[sha] = response.status === 413 ? PHOTO_MESSAGES.tooLarge : response.status === 415 ? PHOTO_MESSAGES.unsupported : PHOTO_MESSAGES.corrupt;
		} else {
			report.transient[sha] = PHOTO_MESSAGES.server;
			report.error = { kind: 'server', status: response.status, serverMessage: serverMessageOf(body) };
			return report;
		}
	}
	return report;
}
