// Schemas and helpers several field commands share (photos, GPS, material lines, meter serials and readings).
import { z } from 'zod';
import { findMaterial } from '../materials';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const sha256 = z.string().regex(SHA256_HEX, 'Mã ảnh (SHA-256) không hợp lệ');

export const gpsFix = z.object({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracyM: z.number().min(0).max(100_000)
});
export type GpsFix = z.infer<typeof gpsFix>;

export const estimateLine = z.object({
	code: z.string().refine((code) => findMaterial(code) !== undefined, { message: 'Mã vật tư không có trong danh mục' }),
	quantity: z
		.number({ error: 'Nhập số lượng' })
		.gt(0, 'Số lượng phải lớn hơn 0')
		.max(10_000, 'Số lượng quá lớn')
		.refine((q) => Math.abs(q * 100 - Math.round(q * 100)) < 1e-6, { message: 'Số lượng tối đa 2 chữ số thập phân' })
});

export const materialLines = (min: string) =>
	z
		.array(estimateLine)
		.min(1, min)
		.max(100, 'Tối đa 100 dòng')
		.refine((lines) => new Set(lines.map((l) => l.code)).size === lines.length, { message: 'Mỗi vật tư chỉ một dòng' });

export const meterSerial = z
	.string({ error: 'Nhập số sê-ri công tơ' })
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9-]{4,32}$/, 'Số sê-ri công tơ: 4–32 chữ hoặc số');

/** The photo hashes found in `list` (a payload read loosely: it may not have passed its schema). */
export const hashesIn = (list: unknown): string[] => (Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string' && SHA256_HEX.test(s)) : []);

/** A payload read loosely, as an object whose fields may be anything. */
export const loose = (payload: unknown): Record<string, unknown> => (typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {});
