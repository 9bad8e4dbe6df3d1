// One formatter for what people read besides words: dates and times in Vietnam time (Asia/Ho_Chi_Minh, UTC+7,
// whatever the device's zone), kWh (one precision everywhere), money (VND) and percentages. Pure; the language is an
// argument where it changes the digits' grouping.
// the language type straight from Paraglide (as $lib/i18n.svelte's Lang), so server code can use this formatter too
import type { Locale as Lang } from '$lib/paraglide/runtime.js';
// relative, not $lib: the API server (tsx) imports this module too; Vietnam is UTC+7 all year (no daylight saving)
import { VN_OFFSET_MS } from './domain/sla';

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** kWh are shown with at most this many decimals, on the tablet, the console, the portal and in messages. */
export const KWH_DECIMALS = 1;

const NUMBER_LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };


type VnParts = Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
/** What an unreadable instant shows (instead of a throw in the middle of a render). */
const UNKNOWN_PARTS: VnParts = { year: '----', month: '--', day: '--', hour: '--', minute: '--' };

const two = (n: number) => String(n).padStart(2, '0');

// By arithmetic, not an Intl.DateTimeFormat in the Vietnam zone: building that formatter loads the browser's time-zone
// data, ~50 ms of a tablet's cold start before the first job card, for an offset that never changes.
function vnParts(instant: Date | string): VnParts {
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	const ms = date.getTime();
	if (Number.isNaN(ms)) return UNKNOWN_PARTS;
	const vn = new Date(ms + VN_OFFSET_MS);
	return { year: String(vn.getUTCFullYear()), month: two(vn.getUTCMonth() + 1), day: two(vn.getUTCDate()), hour: two(vn.getUTCHours()), minute: two(vn.getUTCMinutes()) };
}

/** 'HH:mm' in Vietnam time. */
export function vnClock(instant: Date | string): string {
	const p = vnParts(instant);
	return `${p.hour}:${p.minute}`;
}

/** 'dd/mm/yyyy' of the Vietnamese calendar day of an instant. */
export function vnDate(instant: Date | string): string {
	const p = vnParts(instant);
	return `${p.day}/${p.month}/${p.year}`;
}

/** 'HH:mm dd/mm/yyyy' in Vietnam time. */
export function vnDateTime(instant: Date | string): string {
	return `${vnClock(instant)} ${vnDate(instant)}`;
}

/** 'HH:mm' when the instant is on the same Vietnamese day as `now`, else 'HH:mm dd/mm' (a crew may be offline for days). */
export function vnClockOrDay(instant: Date | string, now: Date): string {
	const p = vnParts(instant);
	return vnDate(instant) === vnDate(now) ? vnClock(instant) : `${p.hour}:${p.minute} ${p.day}/${p.month}`;
}

/** 'YYYY-MM-DD' (a calendar day, no time zone involved) → 'dd/mm'; anything else as it came. */
export function dayMonth(isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	return match ? `${match[3]}/${match[2]}` : isoDate;
}

/** Parses an ISO instant; null for null or an unparseable string (never throws in a render). */
export function parseInstant(value: string | null | undefined): Date | null {
	if (!value) return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** 'YYYY-MM-DD' (a calendar day, no time zone involved) → 'dd/mm/yyyy'; anything else as it came. */
export function dayMonthYear(isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

// a formatter per language and decimals, made once: making one costs far more than formatting (a page of readings, a
// push batch's notices)
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number grouped by thousands in the language's way ("1.234,5" / "1,234.5"), at most `decimals` decimals. */
export function decimal(n: number, lang: Lang, decimals: number): string {
	const key = `${lang}:${decimals}`;
	let format = numberFormats.get(key);
	if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumFractionDigits: decimals })));
	const digits = format.format(Math.abs(n));
	// a typographic minus, and none for what rounds to zero
	return n < 0 && /[1-9]/.test(digits) ? `−${digits}` : digits;
}

/** A kWh figure without the unit: "12.345,6" (vi) or "12,345.6" (en). */
export function formatKwh(kwh: number, lang: Lang = 'vi'): string {
	return decimal(kwh, lang, KWH_DECIMALS);
}

/** A kWh figure with the unit: "12.345,6 kWh". */
export function kwhText(kwh: number, lang: Lang = 'vi'): string {
	return `${formatKwh(kwh, lang)} kWh`;
}

/** Money in đồng: "1.234.567 ₫" in every language (whole đồng). */
export function vnd(amount: number): string {
	const rounded = Math.round(amount);
	const sign = rounded < 0 ? '-' : '';
	return `${sign}${String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

/** A rate (0–1) as a whole percentage, null as null. */
export function percent(rate: number | null): number | null {
	return rate === null ? null : Math.round(rate * 100);
}

/** A signed percentage with at most two decimals: "+2,5%", "−1.25%" (a true minus sign), "0%". */
export function signedPercent(value: number, lang: Lang): string {
	return `${value > 0 ? '+' : ''}${decimal(value, lang, 2)}%`;
}
