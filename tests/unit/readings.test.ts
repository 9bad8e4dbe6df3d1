import { describe, expect, it } from 'vitest';
import { abnormalReasons, checkMeterCheckReadings, checkReading, type MeterReading } from '../../src/lib/domain/readings';

const meter = { registerDigits: 5 };
const at = (day: number) => new Date(Date.UTC(2026, 10, 1 + day, 3));
/** Ten days of 10 kWh a day: 1000 → 1100. */
const history: MeterReading[] = [
	{ at: at(0).toISOString(), kwh: 1000, source: 'utility' },
	{ at: at(10).toISOString(), kwh: 1100, source: 'utility' }
];

describe('meter reading checks', () => {
	it('accepts a normal reading and reports the consumption', () => {
		const verdict = checkReading({ meter, history, kwh: 1150, at: at(15) });
		expect(verdict).toMatchObject({ ok: true, abnormal: false, consumptionKwh: 50, usualDailyKwh: 10, dailyKwh: 10 });
	});

	it('flags more than three times the usual daily use, but not exactly three times', () => {
		expect(checkReading({ meter, history, kwh: 1100 + 3 * 10 * 5, at: at(15) })).toMatchObject({ ok: true, abnormal: false });
		const over = checkReading({ meter, history, kwh: 1100 + 3 * 10 * 5 + 0.1, at: at(15) });
		expect(over).toMatchObject({ ok: true, abnormal: true });
		if (over.ok) expect(over.reason?.vi).toContain('Bất thường');
	});

	it('uses a configured threshold instead of 3×', () => {
		expect(checkReading({ meter, history, kwh: 1200, at: at(15), factor: 2 })).toMatchObject({ abnormal: false });
		expect(checkReading({ meter, history, kwh: 1201, at: at(15), factor: 2 })).toMatchObject({ abnormal: true });
	});

	it('refuses a reading below the previous one, and accepts an equal one', () => {
		const below = checkReading({ meter, history, kwh: 1099.9, at: at(15) });
		expect(below).toMatchObject({ ok: false, code: 'below_previous' });
		if (!below.ok) expect(below.reason.vi).toContain('nhỏ hơn chỉ số lần trước');
		expect(checkReading({ meter, history, kwh: 1100, at: at(15) })).toMatchObject({ ok: true, consumptionKwh: 0 });
	});

	it('refuses more digits than the register holds', () => {
		expect(checkReading({ meter, history: [], kwh: 99999.9, at: at(15) }).ok).toBe(true);
		expect(checkReading({ meter, history: [], kwh: 100000, at: at(15) })).toMatchObject({ ok: false, code: 'too_many_digits' });
		expect(checkReading({ meter: { registerDigits: 6 }, history: [], kwh: 100000, at: at(15) }).ok).toBe(true);
	});

	it('takes a lower reading near the top of the register as a rollover, flagged for the second photo', () => {
		const nearFull: MeterReading[] = [
			{ at: at(0).toISOString(), kwh: 99_900, source: 'utility' },
			{ at: at(10).toISOString(), kwh: 99_990, source: 'utility' }
		];
		// 99 990 → 20 on a 5-digit register: 30 kWh in 5 days (6 a day, the usual 9)
		expect(checkReading({ meter, history: nearFull, kwh: 20, at: at(15) })).toMatchObject({ ok: true, rollover: true, abnormal: true, consumptionKwh: 30 });
		expect(checkReading({ meter, history: nearFull, kwh: 20, at: at(15), replaced: true })).toMatchObject({ ok: true, abnormal: false, consumptionKwh: null });
	});

	it('cannot judge the usual use from a single earlier reading, and refuses nonsense', () => {
		expect(checkReading({ meter, history: history.slice(1), kwh: 5000, at: at(15) })).toMatchObject({ ok: true, abnormal: false, usualDailyKwh: null });
		expect(checkReading({ meter, history, kwh: Number.NaN, at: at(15) })).toMatchObject({ ok: false, code: 'invalid_reading' });
		expect(checkReading({ meter, history, kwh: -1, at: at(15) })).toMatchObject({ ok: false, code: 'invalid_reading' });
	});

	it('ignores readings taken after the one being checked', () => {
		const withLater = [...history, { at: at(20).toISOString(), kwh: 1300, source: 'utility' as const }];
		expect(checkReading({ meter, history: withLater, kwh: 1150, at: at(15) })).toMatchObject({ ok: true, consumptionKwh: 50 });
	});
});

describe('the readings of a meter check', () => {
	it('checks the old meter’s final reading like the current one, and the new meter against its own register only', () => {
		// 20 days after the last reading: 1200 is the usual 10 a day, 2100 is 50 a day
		const verdicts = checkMeterCheckReadings({ meter, history, at: at(20), readingKwh: 1200, oldFinalKwh: 2100, newMeter: { registerDigits: 4, kwh: 12_345 } });
		expect(verdicts.reading).toMatchObject({ ok: true, abnormal: false });
		expect(verdicts.oldFinal).toMatchObject({ ok: true, abnormal: true });
		expect(verdicts.newReading).toMatchObject({ ok: false, code: 'too_many_digits' });
		const reasons = abnormalReasons(verdicts);
		expect(reasons).toHaveLength(1);
		expect(reasons[0]!.vi).toContain('Bất thường');
		// nothing typed yet: nothing to say
		expect(checkMeterCheckReadings({ meter, history, at: at(20) })).toEqual({});
		expect(abnormalReasons({})).toEqual([]);
	});
});

