// The pure lookups of the administration: the price list and VAT rate in force on a date, and a year's holiday list
// laid over the base calendar (the SLA's working days count with it).
import { describe, expect, it } from 'vitest';
import { DEFAULT_VAT_PERCENT, priceEstimate, vatPercentOn } from '../../src/lib/domain/estimate';
import { calendarWithYearLists, DEFAULT_HOLIDAYS, defaultHolidayName, namedHolidaysOf } from '../../src/lib/domain/holidays';
import { findMaterial, MATERIALS, priceListOn, priceLookupOn, upcomingEntries, type PriceListEntry } from '../../src/lib/domain/materials';
import { computeDeadline, isWorkingDay } from '../../src/lib/domain/sla';

const cb = findMaterial('CB-BV-1P-40')!;
const entry = (unitPrice: number, effectiveFrom: string, overrides: Partial<PriceListEntry> = {}): PriceListEntry => ({ ...cb, unitPrice, effectiveFrom, ...overrides });

describe('the price list in force on a date', () => {
	const entries = [entry(200_000, '2027-01-01'), entry(180_000, '2026-12-01'), entry(210_000, '2027-06-15')];

	it('takes the built-in price before any entry, then the latest entry started on or before the date', () => {
		const price = (date: string) => priceListOn(entries, date).find((m) => m.code === cb.code)!.unitPrice;
		expect(price('2026-11-30')).toBe(165_000);
		expect(price('2026-12-01')).toBe(180_000);
		expect(price('2026-12-31')).toBe(180_000);
		expect(price('2027-01-01')).toBe(200_000);
		expect(price('2027-06-14')).toBe(200_000);
		expect(price('2027-06-15')).toBe(210_000);
	});

	it('keeps every other material and its order, adds a new code once it starts, and carries no date', () => {
		const newCode = entry(50_000, '2027-01-01', { code: 'DAY-MOI', name: 'Dây mới' });
		expect(priceListOn([newCode], '2026-12-31')).toHaveLength(MATERIALS.length);
		const after = priceListOn([newCode], '2027-01-01');
		expect(after.map((m) => m.code)).toEqual([...MATERIALS.map((m) => m.code), 'DAY-MOI']);
		expect(after.at(-1)).not.toHaveProperty('effectiveFrom');
	});

	it('prices the same lines differently on either side of the date; an unknown code is still refused', () => {
		const lines = [{ code: cb.code, quantity: 2 }];
		expect(priceEstimate(lines, 10, priceLookupOn(entries, '2026-11-30')).total).toBe(363_000);
		expect(priceEstimate(lines, 10, priceLookupOn(entries, '2026-12-01')).total).toBe(396_000);
		expect(priceLookupOn(entries, '2027-01-01')('KHONG-CO')).toBeUndefined();
	});

	it('lists the entries still to come, in date order', () => {
		expect(upcomingEntries(entries, '2026-12-01').map((e) => e.effectiveFrom)).toEqual(['2027-01-01', '2027-06-15']);
		expect(upcomingEntries(entries, '2027-06-15')).toEqual([]);
	});
});

describe('the VAT rate in force on a date', () => {
	const rates = [{ percent: 8, effectiveFrom: '2026-07-01' }, { percent: 10, effectiveFrom: '2027-01-01' }];
	it('is the standard rate before any entry, then the latest started', () => {
		expect(vatPercentOn([], '2026-12-01')).toBe(DEFAULT_VAT_PERCENT);
		expect(vatPercentOn(rates, '2026-06-30')).toBe(10);
		expect(vatPercentOn(rates, '2026-07-01')).toBe(8);
		expect(vatPercentOn(rates, '2026-12-31')).toBe(8);
		expect(vatPercentOn(rates, '2027-01-01')).toBe(10);
	});
});

describe('holiday year lists over the base calendar', () => {
	it('replaces only the listed years; a deadline moves with an added day', () => {
		const cal = calendarWithYearLists(DEFAULT_HOLIDAYS, [...namedHolidaysOf(DEFAULT_HOLIDAYS, 2027), { date: '2027-01-04', name: 'Nghỉ bù' }]);
		expect(isWorkingDay('2027-01-04', DEFAULT_HOLIDAYS)).toBe(true);
		expect(isWorkingDay('2027-01-04', cal)).toBe(false);
		expect(cal.holidaysOf(2026)).toEqual(DEFAULT_HOLIDAYS.holidaysOf(2026));
		const received = new Date('2026-12-30T03:00:00Z');
		const time = { kind: 'working_days' as const, value: 5 };
		expect(computeDeadline(time, received, DEFAULT_HOLIDAYS)?.toISOString()).toBe('2027-01-07T16:59:59.999Z');
		expect(computeDeadline(time, received, cal)?.toISOString()).toBe('2027-01-08T16:59:59.999Z');
	});

	it('a listed year without 1/1 makes New Year a working day; a newer list is laid over the same base', () => {
		const first = calendarWithYearLists(DEFAULT_HOLIDAYS, [{ date: '2027-04-30' }]);
		expect(first.isHoliday('2027-01-01')).toBe(false);
		const second = calendarWithYearLists(first, []);
		expect(second.isHoliday('2027-01-01')).toBe(true);
		expect(() => first.isHoliday('2027-02-30')).toThrow(RangeError);
	});

	it('names the default holidays in Vietnamese', () => {
		expect(defaultHolidayName('2026-01-01')).toBe('Tết Dương lịch');
		expect(defaultHolidayName('2026-02-17')).toBe('Tết Nguyên đán');
		expect(defaultHolidayName('2026-04-27')).toBe('Nghỉ bù');
		expect(defaultHolidayName('2026-04-26')).toBe('Giỗ Tổ Hùng Vương');
		expect(defaultHolidayName('2026-09-01')).toBe('Quốc khánh');
	});
});
