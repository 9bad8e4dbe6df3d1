import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReading, ROLLOVER_MAX_FACTOR, rolloverOf, type MeterReading } from '../../src/lib/domain/readings';

const at = (day: number) => new Date(Date.UTC(2026, 10, 1 + day, 3));
const single = (kwh: number): MeterReading[] => [{ at: at(0).toISOString(), kwh, source: 'utility' }];

describe('register rollover', () => {
	it('reads 99 990 → 12 on a 5-digit meter as 22 kWh, flagged for the second photo, in both languages', () => {
		const verdict = checkReading({ meter: { registerDigits: 5 }, history: single(99_990), kwh: 12, at: at(5) });
		expect(verdict).toMatchObject({ ok: true, rollover: true, abnormal: true, consumptionKwh: 22 });
		if (!verdict.ok) throw new Error('refused');
		expect(verdict.reason!.vi).toContain('quay vòng');
		expect(verdict.reason!.vi).toContain('22 kWh');
		expect(verdict.reason!.en).toContain('rollover');
	});

	it('refuses a real decrease: 50 000 → 40 000, and a turn far beyond the usual use', () => {
		const refused = checkReading({ meter: { registerDigits: 5 }, history: single(50_000), kwh: 40_000, at: at(5) });
		expect(refused).toMatchObject({ ok: false, code: 'below_previous' });
		if (!refused.ok) expect(refused.reason.vi).toContain('nhỏ hơn chỉ số lần trước');
		// 10 kWh a day usually; 99 990 → 5 000 would be 5 010 kWh in 5 days
		const history: MeterReading[] = [
			{ at: at(0).toISOString(), kwh: 99_890, source: 'utility' },
			{ at: at(10).toISOString(), kwh: 99_990, source: 'utility' }
		];
		expect(checkReading({ meter: { registerDigits: 5 }, history, kwh: 5_000, at: at(15) })).toMatchObject({ ok: false, code: 'below_previous' });
		expect(checkReading({ meter: { registerDigits: 5 }, history, kwh: 30, at: at(15) })).toMatchObject({ ok: true, rollover: true, consumptionKwh: 40 });
	});

	it('follows the register’s own digit count (a 4-digit meter turns after 9 999, a 6-digit one after 999 999)', () => {
		expect(checkReading({ meter: { registerDigits: 4 }, history: single(9_995), kwh: 3, at: at(2) })).toMatchObject({ ok: true, rollover: true, consumptionKwh: 8 });
		expect(checkReading({ meter: { registerDigits: 6 }, history: single(99_990), kwh: 12, at: at(2) })).toMatchObject({ ok: false, code: 'below_previous' });
	});

	it('property: a rollover’s consumption is never negative, and equals reading + 10ⁿ − previous', () => {
		fc.assert(
			fc.property(fc.integer({ min: 3, max: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 60 }), (digits, p, r, days) => {
				const size = 10 ** digits;
				const previous = Math.round(p * (size - 1) * 10) / 10;
				const kwh = Math.round(r * (size - 1) * 10) / 10;
				const verdict = checkReading({ meter: { registerDigits: digits }, history: single(previous), kwh, at: at(days) });
				if (verdict.ok && verdict.rollover) {
					expect(verdict.consumptionKwh!).toBeGreaterThan(0);
					expect(verdict.consumptionKwh!).toBeCloseTo(kwh + size - previous, 1);
					expect(verdict.abnormal).toBe(true);
				}
				if (verdict.ok && verdict.consumptionKwh !== null) expect(verdict.consumptionKwh).toBeGreaterThanOrEqual(0);
			})
		);
	});

	it('property: a decrease from below the top tenth of the register is always refused', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 3, max: 8 }).chain((digits) => fc.tuple(fc.constant(digits), fc.integer({ min: 1, max: 0.9 * 10 ** digits - 1 }))),
				fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
				([digits, previous], share) => {
					const kwh = Math.floor(share * previous * 10) / 10;
					fc.pre(kwh < previous);
					expect(checkReading({ meter: { registerDigits: digits }, history: single(previous), kwh, at: at(3) })).toMatchObject({ ok: false, code: 'below_previous' });
				}
			)
		);
	});

	it('property: with a known usual use, a rollover never implies more than ROLLOVER_MAX_FACTOR times it a day', () => {
		fc.assert(
			fc.property(fc.double({ min: 0.5, max: 200, noNaN: true }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 9_999 }), (usual, days, kwh) => {
				const consumption = rolloverOf({ registerDigits: 5, previousKwh: 99_000, kwh, days, usualDailyKwh: usual });
				if (consumption !== null) expect(consumption / days).toBeLessThanOrEqual(ROLLOVER_MAX_FACTOR * usual + 1e-9);
			})
		);
	});
});
