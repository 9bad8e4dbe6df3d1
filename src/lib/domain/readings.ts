// Meter reading checks (seeds 003 and 004), run on the tablet when the crew types a reading and again on the
// server: a reading below the previous one or longer than the register is refused; a consumption far above the
// meter's usual daily use is flagged "bất thường" so the crew confirms it (second photo) before it is billed.
import type { Label } from './workflow';

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
			reason?: Label;
	  };

const fmt = (kwh: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(kwh);

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
		return { ok: false, code: 'invalid_reading', reason: { vi: 'Chỉ số phải là số không âm', en: 'The reading must be a non-negative number' } };
	}
	if (kwh >= 10 ** meter.registerDigits) {
		return {
			ok: false,
			code: 'too_many_digits',
			reason: {
				vi: `Chỉ số có nhiều chữ số hơn mặt số của công tơ (${meter.registerDigits} chữ số); hãy đọc lại`,
				en: `The reading has more digits than the meter's register (${meter.registerDigits}); read it again`
			}
		};
	}
	const none = { ok: true as const, abnormal: false, consumptionKwh: null, usualDailyKwh: null, dailyKwh: null };
	if (input.replaced) return none;
	const earlier = input.history.filter((r) => Date.parse(r.at) <= input.at.getTime()).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	const previous = earlier.at(-1);
	if (!previous) return none;
	if (kwh < previous.kwh) {
		return {
			ok: false,
			code: 'below_previous',
			reason: {
				vi: `Chỉ số ${fmt(kwh)} nhỏ hơn chỉ số lần trước (${fmt(previous.kwh)} kWh); hãy đọc lại. Nếu công tơ đã được thay, ghi nhận thay công tơ`,
				en: `The reading ${kwh} is below the previous one (${previous.kwh} kWh); read it again, or record the meter replacement`
			}
		};
	}
	const consumption = kwh - previous.kwh;
	const days = Math.max((input.at.getTime() - Date.parse(previous.at)) / DAY_MS, 1);
	const daily = consumption / days;
	const first = earlier[0]!;
	const span = (Date.parse(previous.at) - Date.parse(first.at)) / DAY_MS;
	const usual = earlier.length >= 2 && span >= 1 ? (previous.kwh - first.kwh) / span : null;
	const factor = input.factor ?? DEFAULT_ABNORMAL_FACTOR;
	// strictly more than factor × usual: exactly three times the usual use is still normal
	const abnormal = usual !== null && daily > factor * usual;
	return {
		ok: true,
		abnormal,
		consumptionKwh: consumption,
		usualDailyKwh: usual,
		dailyKwh: daily,
		...(abnormal
			? {
					reason: {
						vi: `Bất thường: ${fmt(daily)} kWh/ngày từ lần đọc trước, hơn ${factor} lần mức thường ngày (${fmt(usual!)} kWh/ngày). Chụp thêm ảnh mặt công tơ để xác nhận hoặc đọc lại`,
						en: `Abnormal: ${daily.toFixed(1)} kWh/day since the previous reading, more than ${factor}× the usual ${usual!.toFixed(1)} kWh/day. Take a second photo to confirm, or read again`
					}
				}
			: {})
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
