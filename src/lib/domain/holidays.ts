// Vietnamese public holidays (Bộ luật Lao động 2019, Điều 112) and the default calendar.
// Pure: no I/O and no clock. Every date here is a civil date in Vietnam, 'YYYY-MM-DD'.
//
// Điều 112 khoản 1: Tết Dương lịch 1 day (1/1); Tết Âm lịch 5 days; Chiến thắng 1 day (30/4);
// Quốc tế Lao động 1 day (1/5); Quốc khánh 2 days (2/9 and 1/9 or 3/9); Giỗ Tổ Hùng Vương 1 day (10/3 âm lịch).
// Khoản 3: a holiday that falls on the weekly rest day gives a compensatory day off (nghỉ bù) on the next working day.
//
// Not modelled:
// - Day swaps (hoán đổi ngày làm việc) the government grants to civil servants, e.g. 30/4–1/5/2025 (Fri 2/5 off,
//   Sat 26/4 worked) or 2/9/2026 (Mon 31/8 off, Sat 22/8 worked): a calendar here cannot make a Saturday a working
//   day, so the swapped weekday stays a working day as well. An organisation that follows the swap can add the
//   weekday through an override.
// - Ngày Văn hóa Việt Nam (24/11): chosen as a paid day off by Nghị quyết 80-NQ/TW (January 2026), not yet written
//   into Điều 112. Add it through an override once it is law.

export type IsoDate = string;

export interface HolidayCalendar {
	/** True for a public holiday or compensatory day off (ordinary weekends are not holidays). */
	isHoliday(date: IsoDate): boolean;
	/** The year's holidays, sorted ascending, without duplicates; a fresh array the caller may keep. */
	holidaysOf(year: number): IsoDate[];
}

// ---------------------------------------------------------------------------------------------------------------
// Civil-date arithmetic on 'YYYY-MM-DD' (days are counted in UTC, which has no DST, so a day is always 86 400 000 ms).

const DAY_MS = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

/** True when `value` is a real calendar date written 'YYYY-MM-DD' (years 1000–9999). */
export function isIsoDate(value: string): boolean {
	const m = ISO_RE.exec(value);
	if (!m) return false;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
	return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a civil date; throws RangeError on anything but a valid 'YYYY-MM-DD'. */
export function dayNumberOf(date: IsoDate): number {
	if (!isIsoDate(date)) throw new RangeError(`Ngày không hợp lệ (cần YYYY-MM-DD): ${date}`);
	const [y, mo, d] = date.split('-').map(Number);
	return Date.UTC(y, mo - 1, d) / DAY_MS;
}

/** The civil date of a day number (inverse of dayNumberOf). */
export function isoDateOfDayNumber(dayNumber: number): IsoDate {
	if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`Số ngày không hợp lệ: ${dayNumber}`);
	const t = new Date(dayNumber * DAY_MS);
	const y = t.getUTCFullYear();
	if (y < 1000 || y > 9999) throw new RangeError(`Năm ngoài khoảng 1000–9999: ${y}`);
	return `${pad(y, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** `date` shifted by `days` calendar days (negative: backwards). */
export function addDays(date: IsoDate, days: number): IsoDate {
	if (!Number.isInteger(days)) throw new RangeError(`Số ngày phải là số nguyên: ${days}`);
	return isoDateOfDayNumber(dayNumberOf(date) + days);
}

/** Day of the week: 0 = Sunday (Chủ nhật), 1 = Monday (thứ Hai) … 6 = Saturday (thứ Bảy). */
export function weekdayOf(date: IsoDate): number {
	// 1970-01-01 was a Thursday (4).
	return (((dayNumberOf(date) + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday: the weekly rest days of a 40-hour office week. */
export function isWeekend(date: IsoDate): boolean {
	const w = weekdayOf(date);
	return w === 0 || w === 6;
}

function dateOf(year: number, month: number, day: number): IsoDate {
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function rangeOf(from: IsoDate, to: IsoDate): IsoDate[] {
	const out: IsoDate[] = [];
	for (let n = dayNumberOf(from), end = dayNumberOf(to); n <= end; n++) out.push(isoDateOfDayNumber(n));
	return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The lunar-dependent table, 2024–2030.
//
// Solar dates of 1/1 and 10/3 âm lịch were computed with the Vietnamese lunar calendar (Hồ Ngọc Đức's algorithm,
// meridian UTC+7); new moons near midnight were checked by hand (Tết 2027: new moon 22:56 on 6/2; Tết 2030: new moon
// 23:09 on 2/2, a day earlier than the Chinese new year of 3/2/2030, which is reckoned at UTC+8).
//
// `official`: the break the government announced, taken as is (it already contains the 5 Tết days, any nghỉ bù and
// the surrounding weekends). `estimated`: no decision known; the 5 legal days are the last day of the lunar year and
// mùng 1–4, and any of them that falls on a weekend gets a nghỉ bù on the next working day, as for every holiday.

interface TetBreak {
	from: IsoDate;
	to: IsoDate;
	source: 'official' | 'estimated';
}

interface LunarYear {
	tet: TetBreak;
	/** Giỗ Tổ Hùng Vương, 10/3 âm lịch. */
	hungKings: IsoDate;
}

const LUNAR_TABLE: Readonly<Record<number, LunarYear>> = {
	// Giáp Thìn: mùng 1 = Sat 10/2/2024. Official 7-day break Thu 8/2 (29 Chạp) – Wed 14/2 (mùng 5), approved by the
	// Prime Minister on MOLISA's proposal (Nov 2023). Hùng Vương: Thu 18/4.
	2024: { tet: { from: '2024-02-08', to: '2024-02-14', source: 'official' }, hungKings: '2024-04-18' },
	// Ất Tỵ: mùng 1 = Wed 29/1/2025. Official 9-day break Sat 25/1 (26 Chạp) – Sun 2/2 (mùng 5), no swap.
	// Hùng Vương: Mon 7/4.
	2025: { tet: { from: '2025-01-25', to: '2025-02-02', source: 'official' }, hungKings: '2025-04-07' },
	// Bính Ngọ: mùng 1 = Tue 17/2/2026. Official 9-day break Sat 14/2 (27 Chạp) – Sun 22/2 (mùng 6), approved by the
	// Prime Minister on the Ministry of Home Affairs' proposal (Oct 2025). Hùng Vương: Sun 26/4 → nghỉ bù Mon 27/4.
	2026: { tet: { from: '2026-02-14', to: '2026-02-22', source: 'official' }, hungKings: '2026-04-26' },
	// Đinh Mùi: mùng 1 = Sat 6/2/2027. Estimated Fri 5/2 – Tue 9/2 (+ nghỉ bù Wed 10/2, Thu 11/2). Hùng Vương: Fri 16/4.
	2027: { tet: { from: '2027-02-05', to: '2027-02-09', source: 'estimated' }, hungKings: '2027-04-16' },
	// Mậu Thân: mùng 1 = Wed 26/1/2028. Estimated Tue 25/1 – Sat 29/1 (+ nghỉ bù Mon 31/1). Hùng Vương: Tue 4/4.
	2028: { tet: { from: '2028-01-25', to: '2028-01-29', source: 'estimated' }, hungKings: '2028-04-04' },
	// Kỷ Dậu: mùng 1 = Tue 13/2/2029. Estimated Mon 12/2 – Fri 16/2. Hùng Vương: Mon 23/4.
	2029: { tet: { from: '2029-02-12', to: '2029-02-16', source: 'estimated' }, hungKings: '2029-04-23' },
	// Canh Tuất: mùng 1 = Sat 2/2/2030. Estimated Fri 1/2 – Tue 5/2 (+ nghỉ bù Wed 6/2, Thu 7/2). Hùng Vương: Fri 12/4.
	2030: { tet: { from: '2030-02-01', to: '2030-02-05', source: 'estimated' }, hungKings: '2030-04-12' }
};

/** First and last year of the shipped lunar table; other years get the solar holidays only. */
export const DEFAULT_TABLE_YEARS = { from: 2024, to: 2030 } as const;

/** The day the government paired with 2/9, where it has decided; otherwise the rule picks 3/9. */
const NATIONAL_DAY_SECOND: Readonly<Record<number, IsoDate>> = {
	2024: '2024-09-03', // Mon 2/9 + Tue 3/9 (break 31/8–3/9)
	2025: '2025-09-01', // Mon 1/9 + Tue 2/9 (break 30/8–2/9)
	2026: '2026-09-01' // Tue 1/9 + Wed 2/9 (break 29/8–2/9 with the 31/8 ↔ 22/8 swap, not modelled)
};

function assertYear(year: number): void {
	if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Năm không hợp lệ: ${year}`);
}

/**
 * The default holidays of a year: the solar holidays by rule, plus Tết and Giỗ Tổ Hùng Vương from the table, plus
 * nghỉ bù for every rule-based holiday that falls on a weekend. Years outside the table have no Tết and no Hùng
 * Vương (their lunar dates are not computed here): supply them through an override.
 */
function defaultHolidaysOf(year: number): IsoDate[] {
	const lunar = LUNAR_TABLE[year];
	// Days that get nghỉ bù when they fall on a weekend.
	const compensable: IsoDate[] = [
		dateOf(year, 1, 1),
		dateOf(year, 4, 30),
		dateOf(year, 5, 1),
		dateOf(year, 9, 2),
		NATIONAL_DAY_SECOND[year] ?? dateOf(year, 9, 3)
	];
	const fixed: IsoDate[] = [];
	if (lunar) {
		compensable.push(lunar.hungKings);
		const tetDays = rangeOf(lunar.tet.from, lunar.tet.to);
		if (lunar.tet.source === 'official') fixed.push(...tetDays);
		else compensable.push(...tetDays);
	}
	const days = new Set<IsoDate>([...compensable, ...fixed]);
	for (const day of [...compensable].sort()) {
		if (!isWeekend(day)) continue;
		let next = addDays(day, 1);
		while (isWeekend(next) || days.has(next)) next = addDays(next, 1);
		days.add(next);
	}
	return [...days].sort();
}

/**
 * A holiday calendar: the defaults (2024–2030 table, solar holidays by rule for every year), where `overrides[year]`,
 * when present, REPLACES that year's whole list verbatim (no nghỉ bù is added to it), since the government fixes the
 * days each year. Years outside 2024–2030 without an override get only the solar holidays (1/1, 30/4, 1/5, 2/9 + 3/9
 * and their nghỉ bù): no Tết, no Giỗ Tổ Hùng Vương.
 * Throws RangeError when an override key is not a year or a date is malformed or belongs to another year.
 */
export function createHolidayCalendar(overrides?: Record<number, IsoDate[]>): HolidayCalendar {
	const cache = new Map<number, ReadonlySet<IsoDate>>();
	for (const [key, dates] of Object.entries(overrides ?? {})) {
		const year = Number(key);
		assertYear(year);
		for (const date of dates) {
			if (!isIsoDate(date)) throw new RangeError(`Ngày nghỉ không hợp lệ (cần YYYY-MM-DD): ${date}`);
			if (Number(date.slice(0, 4)) !== year) throw new RangeError(`Ngày ${date} không thuộc năm ${year}`);
		}
		cache.set(year, new Set([...dates].sort()));
	}
	const setOf = (year: number): ReadonlySet<IsoDate> => {
		let set = cache.get(year);
		if (!set) {
			assertYear(year);
			set = new Set(defaultHolidaysOf(year));
			cache.set(year, set);
		}
		return set;
	};
	return {
		isHoliday(date: IsoDate): boolean {
			dayNumberOf(date); // validates
			return setOf(Number(date.slice(0, 4))).has(date);
		},
		holidaysOf(year: number): IsoDate[] {
			return [...setOf(year)];
		}
	};
}

/** The default calendar: table 2024–2030, solar holidays by rule for other years. */
export const DEFAULT_HOLIDAYS: HolidayCalendar = createHolidayCalendar();

// ---------------------------------------------------------------------------------------------------------------
// The administrator's list. Each year the government fixes Tết and the swaps, so the list of a year is kept in the
// database and, once a year has one, it REPLACES that year's defaults; years without a list keep the base calendar.

export interface NamedHoliday {
	date: IsoDate;
	name: string;
}

/** A calendar made of year lists over a base (kept so a newer list is laid over the same base, not over this). */
export interface LayeredCalendar extends HolidayCalendar {
	readonly base: HolidayCalendar;
}

/** `base` for every year, except the years of `holidays`, whose days are exactly those listed. */
export function calendarWithYearLists(base: HolidayCalendar, holidays: readonly Pick<NamedHoliday, 'date'>[]): LayeredCalendar {
	if ('base' in base) base = (base as LayeredCalendar).base;
	const byYear: Record<number, IsoDate[]> = {};
	for (const h of holidays) (byYear[Number(h.date.slice(0, 4))] ??= []).push(h.date);
	const listed = createHolidayCalendar(byYear);
	const hasList = (year: number) => byYear[year] !== undefined;
	return {
		base,
		isHoliday(date: IsoDate): boolean {
			dayNumberOf(date);
			return hasList(Number(date.slice(0, 4))) ? listed.isHoliday(date) : base.isHoliday(date);
		},
		holidaysOf(year: number): IsoDate[] {
			return hasList(year) ? listed.holidaysOf(year) : base.holidaysOf(year);
		}
	};
}

/** The name of a default holiday, in Vietnamese (what the seeded list and a year's defaults are called). */
export function defaultHolidayName(date: IsoDate): string {
	const year = Number(date.slice(0, 4));
	const md = date.slice(5);
	const lunar = LUNAR_TABLE[year];
	if (md === '01-01') return 'Tết Dương lịch';
	if (md === '04-30') return 'Ngày Chiến thắng';
	if (md === '05-01') return 'Quốc tế Lao động';
	if (md === '09-02' || date === (NATIONAL_DAY_SECOND[year] ?? dateOf(year, 9, 3))) return 'Quốc khánh';
	if (lunar && date === lunar.hungKings) return 'Giỗ Tổ Hùng Vương';
	if (lunar && date >= lunar.tet.from && date <= lunar.tet.to) return 'Tết Nguyên đán';
	return 'Nghỉ bù';
}

/** The base calendar's days of a year with their names. */
export function namedHolidaysOf(calendar: HolidayCalendar, year: number): NamedHoliday[] {
	return calendar.holidaysOf(year).map((date) => ({ date, name: defaultHolidayName(date) }));
}
