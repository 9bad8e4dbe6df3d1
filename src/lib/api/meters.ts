// The meter register (supervisors) and the customer's reading-day page (/api/self-reading/{token}).
import { z } from 'zod';
import { sha256 } from '../domain/photo-hash';
import { METER_TYPES, READING_SOURCES } from '../domain/readings';
import { m } from '../paraglide/messages.js';
import { schemaText } from '../domain/schema-text';

export const serialParam = z.object({ serial: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{4,32}$/, schemaText(m.common_schema_invalidMeterSerial)) });

const kwh = z.number({ error: schemaText(m.common_schema_enterReading) }).min(0, schemaText(m.common_schema_readingNegative)).max(999_999_999, schemaText(m.crew_field_theReadingIsTooLarge));

/** A meter of the supervisor's unit with its customer and every reading. */
export const meterDetail = z.object({
	meter: z.looseObject({
		serial: z.string(),
		phases: z.number().int(),
		type: z.enum(METER_TYPES),
		registerDigits: z.number().int(),
		installedAt: z.string(),
		removedAt: z.string().nullable()
	}),
	customer: z.object({ id: z.string(), name: z.string(), phone: z.string(), email: z.string().nullable().optional(), address: z.string().optional() }),
	readings: z.array(z.object({ kwh: z.number(), at: z.string(), source: z.enum(READING_SOURCES), abnormal: z.boolean(), photo: z.string().nullable() }))
});

export const utilityReadingBody = z.object({ kwh, takenAt: z.iso.datetime({ offset: true }).optional(), photoSha256: sha256.optional() });
export const utilityReadingRecorded = z.object({ abnormal: z.boolean(), complaint: z.object({ code: z.string() }).nullable() });

export const readingLinkBody = z.object({ readingDate: z.iso.date(schemaText(m.common_schema_readingDateShape)) });

export const selfReadingPhotoParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, schemaText(m.server_refusal_wholePath)), sha256 });

export const selfReadingView = z.object({
	meter: z.object({
		serial: z.string(),
		phases: z.number().int(),
		type: z.enum(METER_TYPES),
		registerDigits: z.number().int().positive()
	}),
	customerName: z.string(),
	/** 'YYYY-MM-DD', the reading day the link was sent for. */
	readingDate: z.string(),
	lastReading: z.object({ kwh: z.number(), at: z.string(), source: z.enum(READING_SOURCES) }).nullable(),
	submitted: z.boolean()
});
export type SelfReadingView = z.infer<typeof selfReadingView>;

export const selfReadingBody = z.object({ kwh, photoSha256: sha256 });
export const selfReadingSubmitted = z.object({ ok: z.literal(true), complaint: z.object({ code: z.string() }).nullable() });
export type SelfReadingSubmitted = z.infer<typeof selfReadingSubmitted>;

export const meterCheckAsked = z.object({ code: z.string(), created: z.boolean() });
export type MeterCheckAsked = z.infer<typeof meterCheckAsked>;
