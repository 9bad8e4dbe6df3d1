// The administration's API contract (admins only): users, crews, the dated price list, VAT rates, holidays, and the
// record of changes. Every refusal names the field in Vietnamese.
import { z } from 'zod';
import { isIsoDate } from '../domain/holidays';
import { material } from './common';

/** Printable words: letters, digits, punctuation, symbols and spaces, no control or invisible characters. */
const words = (what: string, min: number, max: number) =>
	z
		.string({ error: `Nhập ${what}` })
		.trim()
		.min(min, `Nhập ${what}${min > 1 ? ` (ít nhất ${min} ký tự)` : ''}`)
		.max(max, `${what[0]!.toUpperCase()}${what.slice(1)} quá dài (tối đa ${max} ký tự)`)
		.regex(/^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u, `${what[0]!.toUpperCase()}${what.slice(1)} có ký tự không hợp lệ`)
		.transform((s) => s.normalize('NFC').replace(/\s+/g, ' '));

const isoDay = z
	.string({ error: 'Nhập ngày' })
	.refine((s) => isIsoDate(s) && s >= '2000-01-01' && s <= '2100-12-31', 'Ngày không hợp lệ (từ năm 2000 đến 2100)');

const id = z.string().min(1).max(64);
export const adminIdParam = z.object({ id });
export const holidayDateParam = z.object({ date: isoDay });
export const holidayYearQuery = z.object({
	year: z.coerce.number({ error: 'Năm không hợp lệ' }).int('Năm không hợp lệ').min(2000, 'Năm từ 2000 đến 2100').max(2100, 'Năm từ 2000 đến 2100')
});

export const userRoleInput = z.enum(['crew', 'supervisor', 'admin'], { error: 'Chọn vai trò: nhân viên tổ đội, giám sát hoặc quản trị' });

export const newUserBody = z.object({
	fullName: words('họ tên', 2, 120),
	username: z
		.string({ error: 'Nhập tên đăng nhập' })
		.trim()
		.regex(/^[a-zA-Z0-9._-]{3,32}$/, 'Tên đăng nhập gồm 3–32 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới'),
	role: userRoleInput,
	unitId: id.nullable().default(null),
	crewId: id.nullable().default(null),
	phone: z
		.string()
		.trim()
		.regex(/^0\d{9}$/, 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0')
		.nullable()
		.default(null)
});
export type NewUserBody = z.input<typeof newUserBody>;

export const userPlacementBody = z.object({
	fullName: words('họ tên', 2, 120).optional(),
	role: userRoleInput,
	unitId: id.nullable().default(null),
	crewId: id.nullable().default(null)
});
export type UserPlacementBody = z.input<typeof userPlacementBody>;

export const disableBody = z.object({ disabled: z.boolean({ error: 'Chọn khoá hoặc mở lại' }) });

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

export const newCrewBody = z.object({ unitId: id, name: words('tên tổ', 2, 80) });
/** A unit (điện lực): its name, the address and the representative its contracts name as party A. */
export const newUnitBody = z.object({ name: words('tên đơn vị', 2, 120), address: words('địa chỉ đơn vị', 5, 200), representative: words('người đại diện', 2, 120) });
export type NewUnitBody = z.input<typeof newUnitBody>;
export const renameCrewBody = z.object({ name: words('tên tổ', 2, 80) });
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
	code: z.string({ error: 'Chọn vật tư' }).min(1, 'Chọn vật tư').max(40),
	unitPrice: z
		.number({ error: 'Nhập đơn giá (đồng)' })
		.int('Đơn giá là số đồng nguyên')
		.min(0, 'Đơn giá không âm')
		.max(1_000_000_000, 'Đơn giá quá lớn (tối đa 1 tỷ đồng)'),
	effectiveFrom: isoDay,
	name: words('tên vật tư', 2, 200).optional()
});
export type NewPriceBody = z.input<typeof newPriceBody>;

export const newVatBody = z.object({
	percent: z.number({ error: 'Nhập thuế suất (%)' }).int('Thuế suất là số nguyên').min(0, 'Thuế suất không âm').max(20, 'Thuế suất tối đa 20%'),
	effectiveFrom: isoDay
});

export const holidayList = z.object({
	year: z.number().int(),
	/** False: the year's defaults, not yet changed by anyone. */
	stored: z.boolean(),
	holidays: z.array(z.object({ date: z.string(), name: z.string() }))
});
export type HolidayList = z.infer<typeof holidayList>;
export const newHolidayBody = z.object({ date: isoDay, name: words('tên ngày nghỉ', 2, 120) });

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
