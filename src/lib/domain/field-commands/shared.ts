// Schemas and helpers several field commands share (photos, GPS, material lines, meter serials and readings).
import { z } from 'zod';
import { m } from '../../paraglide/messages.js';
import { findMaterial } from '../materials';
import { SHA256_HEX } from '../photo-hash';

export { SHA256_HEX, sha256 } from '../photo-hash';

export const gpsFix = z.object({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracyM: z.number().min(0).max(100_000)
});
export type GpsFix = z.infer<typeof gpsFix>;

export const estimateLine = z.object({
	code: z.string().refine((code) => findMaterial(code) !== undefined, { message: m.crew_field_thisMaterialCodeIsNotIn({}, { locale: 'vi' }) }),
	quantity: z
		.number({ error: m.crew_field_enterTheQuantity({}, { locale: 'vi' }) })
		.gt(0, m.crew_field_theQuantityMustBeMoreThan({}, { locale: 'vi' }))
		.max(10_000, m.crew_field_theQuantityIsTooLarge({}, { locale: 'vi' }))
		.refine((q) => Math.abs(q * 100 - Math.round(q * 100)) < 1e-6, { message: m.crew_field_atMost2Decimals({}, { locale: 'vi' }) })
});

export const materialLines = (min: string) =>
	z
		.array(estimateLine)
		.min(1, min)
		.max(100, m.crew_field_atMost100Lines({}, { locale: 'vi' }))
		.refine((lines) => new Set(lines.map((l) => l.code)).size === lines.length, { message: m.crew_field_eachMaterialOnlyOnce({}, { locale: 'vi' }) });

export const meterSerial = z
	.string({ error: m.crew_field_enterTheMeterSerialNumber({}, { locale: 'vi' }) })
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9-]{4,32}$/, m.crew_field_meterSerial432LettersOr({}, { locale: 'vi' }));

/** The photo hashes found in `list` (a payload read loosely: it may not have passed its schema). */
export const hashesIn = (list: unknown): string[] => (Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string' && SHA256_HEX.test(s)) : []);

/** A payload read loosely, as an object whose fields may be anything. */
export const loose = (payload: unknown): Record<string, unknown> => (typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {});
