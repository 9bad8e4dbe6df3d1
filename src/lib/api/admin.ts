// The administration's API contract (admins only): users, crews, the dated price list, VAT rates, holidays, and the
// record of changes. Every refusal names the field in Vietnamese.
import { z } from 'zod';
import { isIsoDate } from '../domain/holidays';
import { material } from './common';
import { m } from '../paraglide/messages.js';
import { capitalised, schemaText, type FieldName } from '../domain/schema-text';


/** Printable words: letters, digits, punctuation, symbols and spaces, no control or invisible characters. */
const words = (field: FieldName, min: number, max: number) =>
	z
		.string({ error: schemaText(m.common_schema_enterField, (locale) => ({ what: field({}, { locale }) })) })
		.trim()
		.min(
			min,
			min > 1
				? schemaText(m.common_schema_enterFieldAtLeast, (locale) => ({ what: field({}, { locale }), min }))
				: schemaText(m.common_schema_enterField, (locale) => ({ what: field({}, { locale }) }))
		)
		.max(max, schemaText(m.common_schema_fieldTooLong, (locale) => ({ what: capitalised(field({}, { locale })), max })))
		.regex(/^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u, schemaText(m.common_schema_fieldBadCharacters, (locale) => ({ what: capitalised(field({}, { locale })) })))
		.transform((s) => s.normalize('NFC').replace(/\s+/g, ' '));

const isoDay = z
	.string({ error: schemaText(m.common_schema_enterDate) })
	.refine((s) => isIsoDate(s) && s >= '2000-01-01' && s <= '2100-12-31', schemaText(m.common_schema_dateOutOfRange));

const id = z.string().min(1).max(64);
export const adminIdParam = z.object({ id });
export const holidayDateParam = z.object({ date: isoDay });
export const holidayYearQuery = z.object({
	year: z.coerce.number({ error: schemaText(m.common_schema_invalidYear) }).int(schemaText(m.common_schema_invalidYear)).min(2000, schemaText(m.common_schema_yearRange)).max(2100, schemaText(m.common_schema_yearRange))
});

export const userRoleInput = z.enum(['crew', 'supervisor', 'admin'], { error: schemaText(m.common_schema_chooseRole) });

export const newUserBody = z.object({
	fullName: words(m.common_schema_field_fullName, 2, 120),
	username: z
		.string({ error: schemaText(m.crew_login_usernameRequired) })
		.trim()
		.regex(/^[a-zA-Z0-9._-]{3,32}$/, schemaText(m.common_schema_usernameShape)),
	role: userRoleInput,
	unitId: id.nullable().default(null),
	crewId: id.nullable().default(null),
	phone: z
		.string()
		.trim()
		.regex(/^0\d{9}$/, schemaText(m.common_schema_phoneShape))
		.nullable()
		.default(null)
});
export type NewUserBody = z.input<typeof newUserBody>;

export const userPlacementBody = z.object({
	fullName: words(m.common_schema_field_fullName, 2, 120).optional(),
	role: userRoleInput,
	unitId: id.nullable().default(null),
	crewId: id.nullable().default(null)
});
export type UserPlacementBody = z.input<typeof userPlacementBody>;

export const disableBody = z.object({ disabled: z.boolean({ error: schemaText(m.common_schema_chooseLock) }) });

/** A password shown once to the administrator (never stored in clear, never shown again). */
export const issuedPassword = z.object({ username: z.string(), password: z.string() });

export const adminUser = z.object({
	id: z.string(),
	username: z.string(),
	fullName: z.string(),
	role: z.enum(['crew', 'supervisor', 'admin']),
	unitId: z.string().nullable(),
	unitName: z.string().nullable(),
	crewId: z.string().nullable(),
	crewName: z.string().nullable(),
	phone: z.string().nullable(),
	disabledAt: z.string().nullable(),
	createdAt: z.string()
});
export type AdminUser = z.infer<typeof adminUser>;
export const adminCrew = z.object({
	id: z.string(),
	name: z.string(),
	unitId: z.string(),
	unitName: z.string(),
	deactivatedAt: z.string().nullable(),
	members: z.number().int()
});
export type AdminCrew = z.infer<typeof adminCrew>;
export const adminUnit = z.object({ id: z.string(), name: z.string() });
export const adminOverview = z.object({ users: z.array(adminUser), crews: z.array(adminCrew), units: z.array(adminUnit) });
export type AdminOverview = z.infer<typeof adminOverview>;

export const newCrewBody = z.object({ unitId: id, name: words(m.common_schema_field_crewName, 2, 80) });
/** A unit (điện lực): its name, the address and the representative its contracts name as party A. */
export const newUnitBody = z.object({ name: words(m.common_schema_field_unitName, 2, 120), address: words(m.common_schema_field_unitAddress, 5, 200), representative: words(m.common_schema_field_representative, 2, 120) });
export type NewUnitBody = z.input<typeof newUnitBody>;
export const renameCrewBody = z.object({ name: words(m.common_schema_field_crewName, 2, 80) });
export const createdId = z.object({ id: z.string() });

export const priceEntry = material.extend({ effectiveFrom: z.string() });
export const vatRate = z.object({ percent: z.number().int(), effectiveFrom: z.string() });
export const priceListOverview = z.object({
	today: z.string(),
	materials: z.array(material),
	entries: z.array(priceEntry),
	vatPercent: z.number().int(),
	vatRates: z.array(vatRate)
});
export type PriceListOverview = z.infer<typeof priceListOverview>;

export const newPriceBody = z.object({
	code: z.string({ error: schemaText(m.server_refusal_chooseMaterial) }).min(1, schemaText(m.server_refusal_chooseMaterial)).max(40),
	unitPrice: z
		.number({ error: schemaText(m.common_schema_enterUnitPrice) })
		.int(schemaText(m.common_schema_unitPriceWhole))
		.min(0, schemaText(m.common_schema_unitPriceNegative))
		.max(1_000_000_000, schemaText(m.common_schema_unitPriceTooLarge)),
	effectiveFrom: isoDay,
	name: words(m.common_schema_field_materialName, 2, 200).optional()
});
export type NewPriceBody = z.input<typeof newPriceBody>;

export const newVatBody = z.object({
	percent: z.number({ error: schemaText(m.common_schema_enterVatRate) }).int(schemaText(m.common_schema_vatRateWhole)).min(0, schemaText(m.common_schema_vatRateNegative)).max(20, schemaText(m.common_schema_vatRateMax)),
	effectiveFrom: isoDay
});

export const holidayList = z.object({
	year: z.number().int(),
	/** False: the year's defaults, not yet changed by anyone. */
	stored: z.boolean(),
	holidays: z.array(z.object({ date: z.string(), name: z.string() }))
});
export type HolidayList = z.infer<typeof holidayList>;
export const newHolidayBody = z.object({ date: isoDay, name: words(m.common_schema_field_holidayName, 2, 120) });

export const adminChangeList = z.object({
	changes: z.array(z.object({ at: z.string(), actorName: z.string(), words: z.object({ vi: z.string(), en: z.string() }) }))
});
export type AdminChangeList = z.infer<typeof adminChangeList>;

/** GET /api/materials: the list in force today, and what takes effect later (a tablet prices offline with both). */
export const tabletPriceList = z.object({
	date: z.string(),
	materials: z.array(material),
	vatPercent: z.number().int(),
	upcoming: z.array(priceEntry),
	upcomingVat: z.array(vatRate)
});
