import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	formatGps,
	formatStampTime,
	nextQuality,
	QUALITY_STEPS,
	sha256Hex,
	shrinkFactor,
	stampLayout,
	stampLines,
	targetSize
} from '$lib/client/photo';
import { SHA256_HEX } from '$lib/domain/commands';

describe('targetSize', () => {
	it('scales a 12 MP landscape photo so the long side is 1600', () => {
		expect(targetSize(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
	});

	it('scales a portrait photo by its height', () => {
		expect(targetSize(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
	});

	it('never upscales a small photo', () => {
		expect(targetSize(800, 600, 1600)).toEqual({ width: 800, height: 600 });
		expect(targetSize(1600, 1600, 1600)).toEqual({ width: 1600, height: 1600 });
	});

	it('keeps the aspect ratio of odd sizes and never returns 0', () => {
		expect(targetSize(4032, 1960, 1600)).toEqual({ width: 1600, height: 778 });
		expect(targetSize(10_000, 3, 1600)).toEqual({ width: 1600, height: 1 });
	});

	it('defaults to 1600', () => {
		expect(targetSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
	});

	it('refuses an empty image or a zero max side', () => {
		expect(() => targetSize(0, 100, 1600)).toThrow(RangeError);
		expect(() => targetSize(100, 100, 0)).toThrow(RangeError);
	});
});

describe('quality steps', () => {
	it('go down from 0.82 to 0.5', () => {
		expect(QUALITY_STEPS[0]).toBe(0.82);
		expect(QUALITY_STEPS.at(-1)).toBe(0.5);
		for (let i = 1; i < QUALITY_STEPS.length; i++) expect(QUALITY_STEPS[i]).toBeLessThan(QUALITY_STEPS[i - 1]);
	});

	it('take the next step when a little over the target', () => {
		expect(nextQuality(0.82, 320_000, 300_000)).toBe(0.74);
		expect(nextQuality(0.74, 310_000, 300_000)).toBe(0.66);
	});

	it('skip steps when far over the target', () => {
		expect(nextQuality(0.82, 450_000, 300_000)).toBe(0.66);
		expect(nextQuality(0.82, 900_000, 300_000)).toBe(0.58);
		// Never below the last step.
		expect(nextQuality(0.66, 900_000, 300_000)).toBe(0.5);
	});

	it('end after the lowest step', () => {
		expect(nextQuality(0.5, 900_000, 300_000)).toBeNull();
	});

	it('shrink the photo only as much as needed when the lowest quality is too big', () => {
		expect(shrinkFactor(200_000, 300_000)).toBe(1);
		const f = shrinkFactor(400_000, 300_000);
		expect(f).toBeGreaterThan(0.75);
		expect(f).toBeLessThan(0.9);
		expect(shrinkFactor(100_000_000, 300_000)).toBe(0.3);
	});
});

describe('stamp text', () => {
	it('formats the capture time in Vietnam time, dd/MM/yyyy HH:mm', () => {
		// 17:05 UTC on 31/12/2025 is 00:05 on 01/01/2026 in Hà Nội.
		expect(formatStampTime(new Date('2025-12-31T17:05:59.000Z'))).toBe('01/01/2026 00:05');
		expect(formatStampTime(new Date('2025-11-27T02:41:00.000Z'))).toBe('27/11/2025 09:41');
	});

	it('refuses an invalid date', () => {
		expect(() => formatStampTime(new Date('nope'))).toThrow(RangeError);
	});

	it('formats the GPS fix with its accuracy', () => {
		expect(formatGps({ lat: 10.7626218, lng: 106.6601724, accuracyM: 12.4 })).toBe('GPS: 10.762622, 106.660172 ±12 m');
		expect(formatGps({ lat: -1, lng: -2.5, accuracyM: 0 })).toBe('GPS: -1.000000, -2.500000 ±0 m');
		expect(formatGps(null)).toBe('GPS: không có vị trí');
	});

	it('stacks request code, time and position', () => {
		expect(
			stampLines({
				requestCode: ' YC-2025-000123 ',
				capturedAt: new Date('2025-11-27T02:41:00.000Z'),
				location: { lat: 21.0285, lng: 105.8542, accuracyM: 8 }
			})
		).toEqual(['Mã YC: YC-2025-000123', '27/11/2025 09:41', 'GPS: 21.028500, 105.854200 ±8 m']);
	});

	it('scales the text to the image, with a legible minimum', () => {
		const big = stampLayout(1600, 1200);
		expect(big.fontPx).toBe(31);
		expect(big.lineHeight).toBeGreaterThan(big.fontPx);
		expect(stampLayout(1200, 1600).fontPx).toBe(big.fontPx);
		expect(stampLayout(200, 150).fontPx).toBe(12);
	});
});

describe('sha256Hex', () => {
	it('hashes the bytes of a blob as lowercase hex', async () => {
		const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
		const hex = await sha256Hex(new Blob([bytes], { type: 'image/jpeg' }));
		expect(hex).toMatch(SHA256_HEX);
		expect(hex).toBe(createHash('sha256').update(bytes).digest('hex'));
	});

	it('hashes an empty blob', async () => {
		expect(await sha256Hex(new Blob([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	});
});
