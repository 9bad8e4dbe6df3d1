// Meter reading checks (seeds 003 and 004), run on the tablet when the crew types a reading, on the customer's
// self-reading page and again on the server: a reading longer than the register is refused; a consumption far above
// the meter's usual daily use is flagged "bất thường" so the crew confirms it (second photo) before it is billed.
// A reading below the previous one is refused, unless it is a register rollover: an n-digit register counts modulo
// 10ⁿ, so 99 990 → 12 on a 5-digit meter is 22 kWh (see `rolloverOf` for when a lower reading counts as one).
// The words come from the catalog (common_reading_*), in both languages.
import type { Label } from './workflow';
import { m } from '../paraglide/messages.js';

export const METER_TYPES = ['mechanical', 'electronic'] as const;
export type MeterType = (typeof METER_TYPES)[number];

export interface MeterProfile {
	serial: string;
	phases: 1 | 3;
	type: MeterType;
	/** Digits of the register before the decimal point (a 5-digit register rolls over after 99999). */
	registerDigits: number;
}

export const READING_SOURCES = ['utility', 'crew', 'customer'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

export interface MeterReading {
	/** ISO instant the reading was taken. */
	at: string;
	kwh: number;
	source: ReadingSource;
}

/** Consumption above this multiple of the usual daily use is abnormal (configurable per deployment). */
export const DEFAULT_ABNORMAL_FACTOR = 3;

/**
 * Register rollover: a lower reading is a rollover only when the previous reading was in the top tenth of the
 * register (≥ 90 000 on a 5-digit meter), the new one is in the bottom tenth (< 10 000) — so the implied consumption
 * is under a fifth of the register — and, when the meter's usual daily use is known, the implied daily use is at most
 * ROLLOVER_MAX_FACTOR times it (far beyond that it is a misread, not a turn of the register). A rollover is always
 * flagged for the second photo, like an abnormal reading. Anything else lower than the previous reading is refused.
 */
export const ROLLOVER_TOP_SHARE = 0.1;
export const ROLLOVER_MAX_FACTOR = 10;

const DAY_MS = 24 * 3_600_000;

export type ReadingVerdict =
	| { ok: false; code: 'invalid_reading' | 'too_many_digits' | 'below_previous'; reason: Label }
	| {
			ok: true;
			abnormal: boolean;
			/** kWh since the previous reading (null without one, or for a new meter). */
			consumptionKwh: number | null;
			/** Average daily use over the previous readings (null when fewer than two span at least a day). */
			usualDailyKwh: number | null;
			/** Daily use since the previous reading. */
			dailyKwh: number | null;
			/** The register went past 10ⁿ − 1 and started again at 0 (the consumption counts the turn). */
			rollover: boolean;
			reason?: Label;
	  };

const fmtIn = (locale: 'vi' | 'en', kwh: number) => new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(kwh);

/** One catalog message in both languages, its kWh figures written the way each language writes them. */
function words(message: (inputs: never, options: { locale: 'vi' | 'en' }) => string, kwh: Record<string, number>, rest: Record<string, string | number> = {}): Label {
	const inLocale = (locale: 'vi' | 'en') => {
		const formatted = Object.fromEntries(Object.entries(kwh).map(([k, v]) => [k, fmtIn(locale, v)]));
		return message({ ...rest, ...formatted } as never, { locale });
	};
	return { vi: inLocale('vi'), en: inLocale('en') };
}

const round2 = (kwh: number) => Math.round(kwh * 100) / 100;

/**
 * The consumption of a reading lower than the previous one when it is a register rollover (see ROLLOVER_TOP_SHARE),
 * or null when it is a real decrease. `usualDailyKwh` and `days` (≥ 1) judge whether the implied use is plausible.
 */
export function rolloverOf(input: { registerDigits: number; previousKwh: number; kwh: number; days: number; usualDailyKwh: number | null; factor?: number }): number | null {
	const size = 10 ** input.registerDigits;
	const { previousKwh, kwh } = input;
	if (!(kwh < previousKwh) || previousKwh >= size || kwh < 0) return null;
	if (previousKwh < size * (1 - ROLLOVER_TOP_SHARE) || kwh >= size * ROLLOVER_TOP_SHARE) return null;
	const consumption = round2(kwh + size - previousKwh);
	const usual = input.usualDailyKwh;
	if (usual !== null && usual > 0 && consumption / Math.max(input.days, 1) > (input.factor ?? ROLLOVER_MAX_FACTOR) * usual) return null;
	return consumption;
}

/**
 * Checks one reading against the meter's register and its earlier readings. `replaced`: the reading is the first
 * of a new meter, so the old meter's readings say nothing about it.
 */
export function checkReading(input: {
	meter: Pick<MeterProfile, 'registerDigits'>;
	history: readonly MeterReading[];
	kwh: number;
	at: Date;
	replaced?: boolean;
	factor?: number;
}): ReadingVerdict {
	const { kwh, meter } = input;
	if (!Number.isFinite(kwh) || kwh < 0) {
		return { ok: false, code: 'invalid_reading', reason: words(m.selfReading_kwh_invalid, {}) };
	}
	if (kwh >= 10 ** meter.registerDigits) {
		return {
			ok: false,
			code: 'too_many_digits',
			reason: words(m.common_reading_tooManyDigits, {}, { digits: meter.registerDigits })
		};
	}
	const none = { ok: true as const, abnormal: false, consumptionKwh: null, usualDailyKwh: null, dailyKwh: null, rollover: false };
	if (input.replaced) return none;
	const earlier = input.history.filter((r) => Date.parse(r.at) <= input.at.getTime()).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	const previous = earlier.at(-1);
	if (!previous) return none;
	const days = Math.max((input.at.getTime() - Date.parse(previous.at)) / DAY_MS, 1);
	const first = earlier[0]!;
	const span = (Date.parse(previous.at) - Date.parse(first.at)) / DAY_MS;
	const usual = earlier.length >= 2 && span >= 1 ? (previous.kwh - first.kwh) / span : null;
	if (kwh < previous.kwh) {
		const turned = rolloverOf({ registerDigits: meter.registerDigits, previousKwh: previous.kwh, kwh, days, usualDailyKwh: usual });
		if (turned === null) {
			return { ok: false, code: 'below_previous', reason: words(m.common_reading_belowPrevious, { kwh, previous: previous.kwh }) };
		}
		return {
			ok: true,
			abnormal: true,
			rollover: true,
			consumptionKwh: turned,
			usualDailyKwh: usual,
			dailyKwh: turned / days,
			reason: words(m.common_reading_rollover, { kwh, previous: previous.kwh, consumption: turned }, { digits: meter.registerDigits })
		};
	}
	const consumption = kwh - previous.kwh;
	const daily = consumption / days;
	const factor = input.factor ?? DEFAULT_ABNORMAL_FACTOR;
	// strictly more than factor × usual: exactly three times the usual use is still normal
	const abnormal = usual !== null && daily > factor * usual;
	return {
		ok: true,
		abnormal,
		rollover: false,
		consumptionKwh: consumption,
		usualDailyKwh: usual,
		dailyKwh: daily,
		...(abnormal ? { reason: words(m.common_reading_abnormal, { daily, usual: usual! }, { factor }) } : {})
	};
}

/** What the reading rules say about each reading of a meter check (absent: not typed, or no replacement). */
export interface MeterCheckVerdicts {
	reading?: ReadingVerdict;
	oldFinal?: ReadingVerdict;
	newReading?: ReadingVerdict;
}

/**
 * The readings of a meter check, as the tablet and the server both check them: the current reading and the old
 * meter's final reading against the meter's history, the new meter's first reading against its own register only.
 */
export function checkMeterCheckReadings(input: {
	meter: Pick<MeterProfile, 'registerDigits'>;
	history: readonly MeterReading[];
	at: Date;
	factor?: number;
	readingKwh?: number;
	oldFinalKwh?: number;
	newMeter?: { registerDigits: number; kwh?: number };
}): MeterCheckVerdicts {
	const { meter, history, at, factor } = input;
	const verdicts: MeterCheckVerdicts = {};
	if (input.readingKwh !== undefined) verdicts.reading = checkReading({ meter, history, kwh: input.readingKwh, at, factor });
	if (input.oldFinalKwh !== undefined) verdicts.oldFinal = checkReading({ meter, history, kwh: input.oldFinalKwh, at, factor });
	if (input.newMeter?.kwh !== undefined) {
		verdicts.newReading = checkReading({ meter: { registerDigits: input.newMeter.registerDigits }, history: [], kwh: input.newMeter.kwh, at, replaced: true });
	}
	return verdicts;
}

/** Why a meter check's readings are abnormal, current reading first; empty when they are not (a second photo is then not needed). */
export function abnormalReasons(verdicts: MeterCheckVerdicts): Label[] {
	return [verdicts.reading, verdicts.oldFinal].flatMap((v) => (v?.ok === true && v.abnormal && v.reason ? [v.reason] : []));
}
