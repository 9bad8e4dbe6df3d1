// Field photos: shrink a camera photo on the tablet before it is queued for upload, burn in a stamp
// (capture time in Vietnam, GPS fix, request code) and name it by the SHA-256 of the final bytes
// (the blob id the survey command refers to, see docs/sync-protocol.md).
//
// Browser only for compressPhoto (createImageBitmap, OffscreenCanvas or <canvas>); the helpers above it
// are pure and unit-tested in node.
import type { GpsFix } from '$lib/domain/commands';
import { VN_OFFSET_MS } from '$lib/domain/sla';

export interface PhotoStamp {
	capturedAt: Date;
	location: GpsFix | null;
	requestCode: string;
}

export type PhotoMime = 'image/jpeg' | 'image/webp';

export interface CompressedPhoto {
	blob: Blob;
	sha256: string;
	mime: PhotoMime;
	width: number;
	height: number;
	size: number;
}

export interface CompressOptions {
	/** Long side of the output, in pixels (never upscaled). Default 1600. */
	maxSide?: number;
	/** Default 'image/jpeg'. A browser that cannot encode WebP gets JPEG. */
	mime?: PhotoMime;
	/** Quality is lowered step by step until the photo is at most this many bytes. Default 300 000. */
	targetBytes?: number;
	stamp: PhotoStamp;
}

export const DEFAULT_MAX_SIDE = 1600;
export const DEFAULT_TARGET_BYTES = 300_000;
export const DEFAULT_MIME: PhotoMime = 'image/jpeg';

/** Encoder qualities tried in order, best first; the first one that fits the target wins. */
export const QUALITY_STEPS: readonly number[] = [0.82, 0.74, 0.66, 0.58, 0.5];

/** When even the lowest quality is too big (a pathological scene), the photo is shrunk at most this many times. */
export const MAX_SHRINKS = 3;

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

/** Output size: the long side at most `maxSide`, aspect ratio kept, never upscaled, at least 1×1. */
export function targetSize(width: number, height: number, maxSide: number = DEFAULT_MAX_SIDE): { width: number; height: number } {
	if (!(width > 0) || !(height > 0)) throw new RangeError(`Kích thước ảnh không hợp lệ: ${width}×${height}`);
	if (!(maxSide >= 1)) throw new RangeError(`maxSide phải ≥ 1: ${maxSide}`);
	const long = Math.max(width, height);
	if (long <= maxSide) return { width: Math.round(width), height: Math.round(height) };
	const scale = maxSide / long;
	return {
		width: Math.max(1, Math.min(maxSide, Math.round(width * scale))),
		height: Math.max(1, Math.min(maxSide, Math.round(height * scale)))
	};
}

/**
 * The quality to try after `size` bytes came out at `current`, or null when the steps are exhausted.
 * Far above the target, steps are skipped (each step saves roughly 15–25 % on a photo).
 */
export function nextQuality(current: number, size: number, targetBytes: number, steps: readonly number[] = QUALITY_STEPS): number | null {
	const lower = steps.filter((q) => q < current - 1e-9);
	if (lower.length === 0) return null;
	const skip = size > targetBytes * 2 ? 2 : size > targetBytes * 1.4 ? 1 : 0;
	return lower[Math.min(skip, lower.length - 1)];
}

/** Scale for one more shrink when the lowest quality is still too big (bytes grow roughly with the pixel count). */
export function shrinkFactor(size: number, targetBytes: number): number {
	if (size <= targetBytes) return 1;
	return Math.max(0.3, Math.min(0.9, Math.sqrt(targetBytes / size) * 0.95));
}

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

/** 'dd/MM/yyyy HH:mm' in Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no DST), whatever the tablet's zone. */
export function formatStampTime(instant: Date): string {
	const ms = instant.getTime();
	if (Number.isNaN(ms)) throw new RangeError('Thời điểm chụp không hợp lệ');
	const d = new Date(ms + VN_OFFSET_MS);
	return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** '10.762622, 106.660172 ±12 m' (6 decimals ≈ 0.1 m), or a note that there was no fix. */
export function formatGps(location: GpsFix | null): string {
	if (!location) return 'GPS: không có vị trí';
	const accuracy = Math.round(location.accuracyM);
	return `GPS: ${location.lat.toFixed(6)}, ${location.lng.toFixed(6)} ±${accuracy} m`;
}

/** The stamp's lines, top to bottom. */
export function stampLines(stamp: PhotoStamp): string[] {
	const code = stamp.requestCode.trim();
	return [code ? `Mã YC: ${code}` : 'Mã YC: —', formatStampTime(stamp.capturedAt), formatGps(stamp.location)];
}

export interface StampLayout {
	fontPx: number;
	lineHeight: number;
	padding: number;
	/** Distance of the box from the image edges. */
	margin: number;
}

/** Text scaled to the image: about 2.6 % of the short side, never below 12 px, so it reads on a 1600 px photo and a thumbnail alike. */
export function stampLayout(width: number, height: number): StampLayout {
	const short = Math.min(width, height);
	const fontPx = Math.max(12, Math.round(short * 0.026));
	return {
		fontPx,
		lineHeight: Math.round(fontPx * 1.3),
		padding: Math.round(fontPx * 0.6),
		margin: Math.round(fontPx * 0.5)
	};
}

/** Hex of a digest. */
export function toHex(buffer: ArrayBuffer): string {
	const bytes = new Uint8Array(buffer);
	let out = '';
	for (let i = 0; i < bytes.length; i++) out += bytes[i].toString(16).padStart(2, '0');
	return out;
}

/** SHA-256 of the blob's bytes, lowercase hex (the blob id used in commands and uploads). */
export async function sha256Hex(blob: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
	return toHex(digest);
}

// ---------------------------------------------------------------------------------------------
// Browser part
// ---------------------------------------------------------------------------------------------

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;
type AnyContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

interface Decoded {
	source: CanvasImageSource;
	width: number;
	height: number;
	close(): void;
}

/** Decodes with EXIF orientation applied (a portrait photo stays portrait). */
async function decode(file: Blob): Promise<Decoded> {
	if (typeof createImageBitmap === 'function') {
		try {
			const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
			return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
		} catch (error) {
			if (typeof document === 'undefined') throw error;
			// Fall through to <img> (some WebViews refuse options they do not know).
		}
	}
	const url = URL.createObjectURL(file);
	try {
		const img = new Image();
		img.decoding = 'async';
		img.src = url;
		await img.decode();
		return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => undefined };
	} catch {
		throw new Error('Không đọc được ảnh (định dạng không hỗ trợ hoặc tệp hỏng)');
	} finally {
		URL.revokeObjectURL(url);
	}
}

function makeCanvas(width: number, height: number): AnyCanvas {
	if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	return canvas;
}

function context2d(canvas: AnyCanvas): AnyContext {
	const ctx = canvas.getContext('2d', { alpha: false }) as AnyContext | null;
	if (!ctx) throw new Error('Trình duyệt không vẽ được ảnh (canvas 2D)');
	return ctx;
}

function drawStamp(ctx: AnyContext, width: number, height: number, stamp: PhotoStamp): void {
	const lines = stampLines(stamp);
	const { fontPx, lineHeight, padding, margin } = stampLayout(width, height);
	ctx.save();
	ctx.font = `600 ${fontPx}px system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif`;
	ctx.textBaseline = 'middle';
	const textWidth = Math.max(...lines.map((line) => ctx.measureText(line).width));
	const boxWidth = Math.min(width - 2 * margin, Math.ceil(textWidth) + 2 * padding);
	const boxHeight = lines.length * lineHeight + 2 * padding - (lineHeight - fontPx);
	const x = margin;
	const y = height - margin - boxHeight;
	ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
	ctx.fillRect(x, y, boxWidth, boxHeight);
	ctx.fillStyle = '#ffffff';
	ctx.shadowColor = 'rgba(0, 0, 0, 0.8)';
	ctx.shadowBlur = Math.max(1, Math.round(fontPx / 8));
	lines.forEach((line, i) => {
		ctx.fillText(line, x + padding, y + padding + fontPx / 2 + i * lineHeight, boxWidth - 2 * padding);
	});
	ctx.restore();
}

function render(decoded: Decoded, width: number, height: number, stamp: PhotoStamp): AnyCanvas {
	const canvas = makeCanvas(width, height);
	const ctx = context2d(canvas);
	ctx.imageSmoothingEnabled = true;
	ctx.imageSmoothingQuality = 'high';
	ctx.drawImage(decoded.source, 0, 0, width, height);
	drawStamp(ctx, width, height, stamp);
	return canvas;
}

function encode(canvas: AnyCanvas, mime: PhotoMime, quality: number): Promise<Blob> {
	if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: mime, quality });
	return new Promise((resolve, reject) => {
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Không mã hoá được ảnh'))), mime, quality);
	});
}

function releaseCanvas(canvas: AnyCanvas): void {
	// Frees the backing store at once (iOS caps total canvas memory).
	canvas.width = 1;
	canvas.height = 1;
}

/**
 * Shrinks a camera photo to at most `maxSide` px on the long side, stamps it, and encodes it at the best quality
 * that fits `targetBytes` (quality steps, then, only if the lowest quality is still too big, a smaller size).
 */
export async function compressPhoto(file: Blob, opts: CompressOptions): Promise<CompressedPhoto> {
	const maxSide = opts.maxSide ?? DEFAULT_MAX_SIDE;
	const targetBytes = opts.targetBytes ?? DEFAULT_TARGET_BYTES;
	let mime: PhotoMime = opts.mime ?? DEFAULT_MIME;

	const decoded = await decode(file);
	try {
		let { width, height } = targetSize(decoded.width, decoded.height, maxSide);
		let best: { blob: Blob; width: number; height: number } | null = null;

		for (let shrink = 0; shrink <= MAX_SHRINKS; shrink++) {
			const canvas = render(decoded, width, height, opts.stamp);
			try {
				let quality: number | null = QUALITY_STEPS[0];
				let blob: Blob | null = null;
				while (quality !== null) {
					blob = await encode(canvas, mime, quality);
					if (blob.type !== mime) {
						// No encoder for this type here (WebP on older Safari): JPEG instead, same steps.
						if (mime === 'image/jpeg') throw new Error(`Trình duyệt không mã hoá được ${mime}`);
						mime = 'image/jpeg';
						continue;
					}
					if (blob.size <= targetBytes) break;
					quality = nextQuality(quality, blob.size, targetBytes);
				}
				if (!blob) throw new Error('Không mã hoá được ảnh');
				if (!best || blob.size < best.blob.size) best = { blob, width, height };
				if (blob.size <= targetBytes || shrink === MAX_SHRINKS) break;
				const factor = shrinkFactor(blob.size, targetBytes);
				width = Math.max(1, Math.round(width * factor));
				height = Math.max(1, Math.round(height * factor));
			} finally {
				releaseCanvas(canvas);
			}
		}

		if (!best) throw new Error('Không mã hoá được ảnh');
		const { blob } = best;
		return {
			blob,
			sha256: await sha256Hex(blob),
			mime: blob.type === 'image/webp' ? 'image/webp' : 'image/jpeg',
			width: best.width,
			height: best.height,
			size: blob.size
		};
	} finally {
		decoded.close();
	}
}
