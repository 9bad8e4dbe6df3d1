// Browser side of the photo bench: a generated 12 MP camera-like JPEG, compressed by the app's compressPhoto
// and by browser-image-compression at the same settings.
import imageCompression from 'browser-image-compression';
import { compressPhoto } from '$lib/client/photo';

/**
 * Deterministic pseudo-random numbers (xorshift32), so every run compresses the same picture.
 * @param {number} seed
 */
function random(seed) {
	let x = seed >>> 0 || 1;
	return () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return (x >>> 0) / 4294967296;
	};
}

/**
 * A photo-like 4000×3000 JPEG: sky and ground gradients, a blurred texture (foliage, walls), hard edges (a pole,
 * wires, a meter box) and per-pixel sensor noise, so it compresses about like a phone camera shot.
 * 'medium': texture on the ground only (≈ 2.7 MB); 'high': finer texture everywhere (≈ 3 MB, harder to shrink);
 * 'noisy': 'high' with heavy sensor noise (a dark scene at high ISO: the worst case for the size target).
 * @param {'medium' | 'high' | 'noisy'} detail
 */
async function makePhoto(detail, width = 4000, height = 3000) {
	const high = detail !== 'medium';
	const rnd = random(20251127);
	const canvas = new OffscreenCanvas(width, height);
	const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));

	const sky = ctx.createLinearGradient(0, 0, 0, height * 0.55);
	sky.addColorStop(0, '#5d8fc9');
	sky.addColorStop(1, '#d8e4ef');
	ctx.fillStyle = sky;
	ctx.fillRect(0, 0, width, height * 0.55);
	const ground = ctx.createLinearGradient(0, height * 0.55, width, height);
	ground.addColorStop(0, '#6b6a4f');
	ground.addColorStop(0.5, '#8a7d63');
	ground.addColorStop(1, '#4d5a3a');
	ctx.fillStyle = ground;
	ctx.fillRect(0, height * 0.55, width, height * 0.45);

	// Texture: colour noise scaled up smoothly (foliage, plaster, clouds), strong on the ground, faint in the sky.
	const tw = high ? 1000 : 500;
	const th = high ? 750 : 375;
	const texture = new OffscreenCanvas(tw, th);
	const tctx = /** @type {OffscreenCanvasRenderingContext2D} */ (texture.getContext('2d'));
	const timg = tctx.createImageData(tw, th);
	for (let i = 0; i < timg.data.length; i += 4) {
		const g = 60 + rnd() * 120;
		timg.data[i] = g * (0.6 + rnd() * 0.3);
		timg.data[i + 1] = g * (0.8 + rnd() * 0.3);
		timg.data[i + 2] = g * (0.4 + rnd() * 0.3);
		timg.data[i + 3] = 255;
	}
	tctx.putImageData(timg, 0, 0);
	ctx.imageSmoothingQuality = 'high';
	if (high) {
		ctx.globalAlpha = 0.12;
		ctx.drawImage(texture, 0, 0, tw, th, 0, 0, width, height);
	}
	ctx.globalAlpha = high ? 0.5 : 0.45;
	ctx.drawImage(texture, 0, th * 0.35, tw, th * 0.65, 0, height * 0.35, width, height * 0.65);
	ctx.globalAlpha = 1;

	// Hard edges: a concrete pole, a meter box, sagging wires, a house wall with windows.
	ctx.fillStyle = '#9a9891';
	ctx.fillRect(width * 0.62, height * 0.08, width * 0.035, height * 0.8);
	ctx.fillStyle = '#d9d6cc';
	ctx.fillRect(width * 0.08, height * 0.3, width * 0.4, height * 0.5);
	if (high) {
		ctx.globalAlpha = 0.25;
		ctx.drawImage(texture, 0, 0, tw / 3, th / 3, width * 0.08, height * 0.3, width * 0.4, height * 0.5);
		ctx.globalAlpha = 1;
	}
	ctx.fillStyle = '#2f3b4a';
	for (let i = 0; i < 6; i++) ctx.fillRect(width * (0.11 + i * 0.06), height * 0.38, width * 0.04, height * 0.12);
	ctx.fillStyle = '#e8e8e0';
	ctx.fillRect(width * 0.66, height * 0.42, width * 0.08, height * 0.12);
	ctx.fillStyle = '#111';
	ctx.font = `bold ${Math.round(height * 0.02)}px sans-serif`;
	ctx.fillText('EVN 1 pha 5(20)A', width * 0.665, height * 0.48);
	ctx.strokeStyle = '#1b1b1b';
	ctx.lineWidth = 6;
	for (let i = 0; i < 4; i++) {
		ctx.beginPath();
		ctx.moveTo(0, height * (0.12 + i * 0.03));
		ctx.quadraticCurveTo(width * 0.3, height * (0.2 + i * 0.03), width * 0.64, height * (0.1 + i * 0.02));
		ctx.quadraticCurveTo(width * 0.85, height * (0.18 + i * 0.03), width, height * (0.11 + i * 0.03));
		ctx.stroke();
	}

	// Sensor noise, per pixel.
	const noise = detail === 'noisy' ? 70 : 14;
	const img = ctx.getImageData(0, 0, width, height);
	const d = img.data;
	for (let i = 0; i < d.length; i += 4) {
		const n = (rnd() - 0.5) * noise;
		d[i] += n + (rnd() - 0.5) * 4;
		d[i + 1] += n;
		d[i + 2] += n + (rnd() - 0.5) * 4;
	}
	ctx.putImageData(img, 0, 0);
	const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
	return new File([blob], 'IMG_20251127_094100.jpg', { type: 'image/jpeg', lastModified: Date.now() });
}

/** @type {Map<string, File>} */
const photos = new Map();

/** @param {'medium' | 'high' | 'noisy'} detail */
async function photoOf(detail) {
	let file = photos.get(detail);
	if (!file) {
		file = await makePhoto(detail);
		photos.set(detail, file);
	}
	return file;
}

/** @param {'medium' | 'high' | 'noisy'} detail */
async function benchPhotoInput(detail) {
	const photo = await photoOf(detail);
	const bitmap = await createImageBitmap(photo);
	const out = { bytes: photo.size, width: bitmap.width, height: bitmap.height };
	bitmap.close();
	return out;
}

/** @param {Blob} blob */
async function dimensions(blob) {
	const bitmap = await createImageBitmap(blob);
	const out = { width: bitmap.width, height: bitmap.height };
	bitmap.close();
	return out;
}

/**
 * @param {'ours-jpeg' | 'ours-webp' | 'bic-main' | 'bic-worker' | 'bic-keep-size'} variant
 * @param {'medium' | 'high' | 'noisy'} detail
 */
async function benchPhoto(variant, detail) {
	const file = await photoOf(detail);
	const start = performance.now();
	/** @type {Blob} */
	let blob;
	if (variant === 'ours-jpeg' || variant === 'ours-webp') {
		const result = await compressPhoto(file, {
			maxSide: 1600,
			mime: variant === 'ours-webp' ? 'image/webp' : 'image/jpeg',
			targetBytes: 300_000,
			stamp: { capturedAt: new Date(), location: { lat: 16.463713, lng: 107.590866, accuracyM: 8 }, requestCode: 'YC-2025-000123' }
		});
		blob = result.blob;
	} else {
		blob = await imageCompression(file, {
			maxSizeMB: 0.3,
			maxWidthOrHeight: 1600,
			fileType: 'image/jpeg',
			useWebWorker: variant === 'bic-worker',
			alwaysKeepResolution: variant === 'bic-keep-size',
			libURL: `${location.origin}/bic.js`
		});
	}
	const ms = performance.now() - start;
	return { ms, bytes: blob.size, type: blob.type, ...(await dimensions(blob)) };
}

/** One output of compressPhoto as base64, with the hash it claims (checked against the bytes in node). */
async function benchPhotoSample() {
	const file = await photoOf('high');
	const result = await compressPhoto(file, {
		stamp: { capturedAt: new Date('2025-11-27T02:41:00.000Z'), location: { lat: 16.463713, lng: 107.590866, accuracyM: 8 }, requestCode: 'YC-2025-000123' }
	});
	const bytes = new Uint8Array(await result.blob.arrayBuffer());
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return { base64: btoa(binary), sha256: result.sha256, size: result.size, mime: result.mime, width: result.width, height: result.height };
}

/**
 * The JPEG with an EXIF APP1 segment carrying only an Orientation tag, inserted right after SOI.
 * @param {Blob} jpeg
 * @param {number} orientation 1–8 (6: the camera was turned 90° clockwise)
 */
async function withExifOrientation(jpeg, orientation) {
	const bytes = new Uint8Array(await jpeg.arrayBuffer());
	// 'Exif\0\0', then a big-endian TIFF header, one IFD with one SHORT entry (0x0112), no next IFD.
	const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
	const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
	const length = payload.length + 2;
	const app1 = new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
	return new Blob([bytes.subarray(0, 2), app1, bytes.subarray(2)], { type: 'image/jpeg' });
}

/** Behaviour checks of compressPhoto that need a real browser: EXIF orientation, size limits, the hash. */
async function benchPhotoChecks() {
	const canvas = new OffscreenCanvas(400, 300);
	const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
	ctx.fillStyle = '#3060a0';
	ctx.fillRect(0, 0, 400, 300);
	ctx.fillStyle = '#ff0000';
	ctx.fillRect(0, 0, 200, 150);
	const landscape = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
	const rotated = await withExifOrientation(landscape, 6);
	const stamp = { capturedAt: new Date(), location: null, requestCode: 'YC-1' };
	const small = await compressPhoto(rotated, { maxSide: 200, stamp });
	const unscaled = await compressPhoto(landscape, { maxSide: 1600, stamp });
	// Orientation 6 turns the top-left corner into the top-right one: red must be there.
	const bitmap = await createImageBitmap(small.blob);
	const probe = new OffscreenCanvas(bitmap.width, bitmap.height);
	const pctx = /** @type {OffscreenCanvasRenderingContext2D} */ (probe.getContext('2d'));
	pctx.drawImage(bitmap, 0, 0);
	const [r, g, b] = pctx.getImageData(bitmap.width - 10, 10, 1, 1).data;
	bitmap.close();
	return {
		portrait: small.width === 150 && small.height === 200,
		redTopRight: r > 180 && g < 80 && b < 80,
		neverUpscaled: unscaled.width === 400 && unscaled.height === 300,
		dims: `${small.width}×${small.height}`
	};
}

Object.assign(window, { benchPhoto, benchPhotoChecks, benchPhotoInput, benchPhotoSample, benchReady: true });
