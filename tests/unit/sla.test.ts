import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ProcessingTime } from '../../src/lib/domain/catalog';
import {
	DEFAULT_HOLIDAYS,
	addDays,
	createHolidayCalendar,
	isWeekend,
	weekdayOf,
	type HolidayCalendar,
	type IsoDate
} from '../../src/lib/domain/holidays';
import {
	computeDeadline,
	deadlineStatus,
	isWorkingDay,
	vnDateOf,
	vnDayMonthYear,
	vnEndOfDay,
	vnStartOfDay,
	workingDaysLeft
} from '../../src/lib/domain/sla';

const HOUR = 3_600_000;

/** An instant given in VN wall-clock time, e.g. vn('2025-03-14T10:00'). */
const vn = (local: string): Date => new Date(`${local}:00+07:00`);
const days = (value: number): ProcessingTime => ({ kind: 'working_days', value });
const hours = (value: number): ProcessingTime => ({ kind: 'hours', value });

/** The VN date of a working-days deadline, checking it is the last millisecond of that day. */
function deadlineDay(time: ProcessingTime, receivedAt: Date, cal?: HolidayCalendar): IsoDate {
	const deadline = computeDeadline(time, receivedAt, cal);
	if (deadline === null) throw new Error('expected a deadline');
	const day = vnDateOf(deadline);
	expect(deadline.getTime()).toBe(vnEndOfDay(day).getTime());
	return day;
}

/** Working days in (from, to], counted independently of the module under test. */
function countWorkingDays(from: IsoDate, to: IsoDate, cal: HolidayCalendar = DEFAULT_HOLIDAYS): number {
	let n = 0;
	for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
	return n;
}

describe('VN time (UTC+7)', () => {
	it('maps instants to the VN civil date', () => {
		expect(vnDateOf(new Date('2025-03-14T16:59:59.999Z'))).toBe('2025-03-14');
		expect(vnDateOf(new Date('2025-03-14T17:00:00.000Z'))).toBe('2025-03-15');
		expect(vnDateOf(vn('2025-01-01T00:00'))).toBe('2025-01-01');
	});

	it('writes the VN day as Vietnamese documents do (dd/mm/yyyy), the day turning at 17:00 UTC', () => {
		expect(vnDayMonthYear(new Date('2025-12-31T16:59:59.999Z'))).toBe('31/12/2025');
		expect(vnDayMonthYear(new Date('2025-12-31T17:00:00.000Z'))).toBe('01/01/2026');
		expect(vnDayMonthYear(new Date('2026-03-05T00:00:00.000Z'))).toBe('05/03/2026');
	});

	it('gives the start and end instants of a VN day', () => {
		expect(vnStartOfDay('2025-03-15').toISOString()).toBe('2025-03-14T17:00:00.000Z');
		expect(vnEndOfDay('2025-03-15').toISOString()).toBe('2025-03-15T16:59:59.999Z');
	});

	it('rejects invalid instants and dates', () => {
		expect(() => vnDateOf(new Date(Number.NaN))).toThrow(RangeError);
		expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
		expect(() => DEFAULT_HOLIDAYS.isHoliday('2025-1-1')).toThrow(RangeError);
	});
});

describe('holiday calendar', () => {
	it('places the lunar holidays on the right solar dates', () => {
		const cal = DEFAULT_HOLIDAYS;
		expect(cal.isHoliday('2025-01-29')).toBe(true); // mùng 1 Ất Tỵ
		expect(cal.isHoliday('2026-02-17')).toBe(true); // mùng 1 Bính Ngọ
		expect(cal.isHoliday('2025-04-07')).toBe(true); // Giỗ Tổ 2025
		expect(cal.isHoliday('2026-04-26')).toBe(true); // Giỗ Tổ 2026
		expect(cal.isHoliday('2024-04-18')).toBe(true); // Giỗ Tổ 2024
	});

	it('uses the official Tết breaks of 2024–2026', () => {
		const between = (y: number, from: IsoDate, to: IsoDate) =>
			DEFAULT_HOLIDAYS.holidaysOf(y).filter((d) => d >= from && d <= to);
		expect(between(2024, '2024-01-15', '2024-03-01')).toEqual([
			'2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14'
		]);
		expect(between(2025, '2025-01-15', '2025-03-01')).toHaveLength(9);
		expect(between(2025, '2025-01-15', '2025-03-01')[0]).toBe('2025-01-25');
		expect(between(2026, '2026-01-15', '2026-03-01')).toHaveLength(9);
		expect(between(2026, '2026-01-15', '2026-03-01').at(-1)).toBe('2026-02-22');
		expect(isWorkingDay('2026-02-13')).toBe(true);
		expect(isWorkingDay('2026-02-23')).toBe(true);
	});

	it('pairs 2/9 with the officially fixed day, else 3/9', () => {
		expect(DEFAULT_HOLIDAYS.isHoliday('2024-09-03')).toBe(true);
		expect(DEFAULT_HOLIDAYS.isHoliday('2025-09-01')).toBe(true);
		expect(DEFAULT_HOLIDAYS.isHoliday('2025-09-03')).toBe(false);
		expect(DEFAULT_HOLIDAYS.isHoliday('2026-09-01')).toBe(true);
		expect(DEFAULT_HOLIDAYS.isHoliday('2027-09-03')).toBe(true);
	});

	it('gives the next working day off when a holiday falls on a weekend (nghỉ bù)', () => {
		// Giỗ Tổ 2026 is a Sunday: Monday 27/4 is off.
		expect(weekdayOf('2026-04-26')).toBe(0);
		expect(isWorkingDay('2026-04-27')).toBe(false);
		expect(isWorkingDay('2026-04-28')).toBe(true);
		// 1/1/2028 is a Saturday: Monday 3/1 is off.
		expect(weekdayOf('2028-01-01')).toBe(6);
		expect(isWorkingDay('2028-01-03')).toBe(false);
		// 30/4/2028 Sunday, 1/5 Monday (a holiday itself): the nghỉ bù moves to Tuesday 2/5.
		expect(isWorkingDay('2028-05-01')).toBe(false);
		expect(isWorkingDay('2028-05-02')).toBe(false);
		expect(isWorkingDay('2028-05-03')).toBe(true);
		// Estimated Tết 2027 (mùng 1 on Saturday): two nghỉ bù after mùng 4.
		expect(isWorkingDay('2027-02-10')).toBe(false);
		expect(isWorkingDay('2027-02-11')).toBe(false);
		expect(isWorkingDay('2027-02-12')).toBe(true);
	});

	it('gives exactly the 11 statutory days off on weekdays every year of the table', () => {
		for (let y = 2024; y <= 2030; y++) {
			const weekdays = DEFAULT_HOLIDAYS.holidaysOf(y).filter((d) => !isWeekend(d));
			expect(weekdays, String(y)).toHaveLength(11);
		}
	});

	it('gives years outside the table only the solar holidays (no Tết)', () => {
		expect(DEFAULT_HOLIDAYS.holidaysOf(2031)).toEqual([
			'2031-01-01', '2031-04-30', '2031-05-01', '2031-09-02', '2031-09-03'
		]);
		expect(DEFAULT_HOLIDAYS.holidaysOf(2023)).toContain('2023-01-02'); // 1/1/2023 was a Sunday
	});

	it('returns a sorted, duplicate-free, fresh list', () => {
		const list = DEFAULT_HOLIDAYS.holidaysOf(2026);
		expect([...list].sort()).toEqual(list);
		expect(new Set(list).size).toBe(list.length);
		list.length = 0;
		expect(DEFAULT_HOLIDAYS.holidaysOf(2026).length).toBeGreaterThan(0);
	});

	it('lets an override replace a whole year and leaves other years alone', () => {
		const cal = createHolidayCalendar({ 2027: ['2027-02-10', '2027-02-04', '2027-02-04'] });
		expect(cal.holidaysOf(2027)).toEqual(['2027-02-04', '2027-02-10']);
		expect(cal.isHoliday('2027-01-01')).toBe(false); // not in the override: replaced, not merged
		expect(cal.isHoliday('2027-02-05')).toBe(false);
		expect(cal.isHoliday('2026-02-16')).toBe(true);
		expect(cal.holidaysOf(2026)).toEqual(DEFAULT_HOLIDAYS.holidaysOf(2026));
		// Wed 3/2/2027, N=1: Thursday 4/2 is now off, so Friday 5/2 (a default Tết day) is the deadline.
		expect(deadlineDay(days(1), vn('2027-02-03T09:00'), cal)).toBe('2027-02-05');
		expect(deadlineDay(days(1), vn('2027-02-03T09:00'))).toBe('2027-02-04');
	});

	it('rejects malformed overrides', () => {
		expect(() => createHolidayCalendar({ 2027: ['2027-13-01'] })).toThrow(RangeError);
		expect(() => createHolidayCalendar({ 2027: ['2026-12-31'] })).toThrow(RangeError);
	});
});

describe('computeDeadline: working days', () => {
	it('Friday receipt, N=1 → end of Monday', () => {
		const deadline = computeDeadline(days(1), vn('2025-03-14T10:00'));
		expect(deadline?.toISOString()).toBe('2025-03-17T16:59:59.999Z'); // Mon 17/3 23:59:59.999 VN
	});

	it('never counts the day of receipt, even at 07:00 on a working day', () => {
		expect(deadlineDay(days(1), vn('2025-03-12T07:00'))).toBe('2025-03-13');
		expect(deadlineDay(days(3), vn('2025-03-12T07:00'))).toBe('2025-03-17');
	});

	it('Saturday receipt, N=1 → Monday', () => {
		expect(deadlineDay(days(1), vn('2025-03-15T09:00'))).toBe('2025-03-17');
	});

	it('uses the VN date when the UTC date is still the day before', () => {
		// 18:30 UTC Thursday 13/3 = 01:30 VN Friday 14/3: the receipt day is Friday, so N=1 is Monday, not Friday.
		const receivedAt = new Date('2025-03-13T18:30:00Z');
		expect(vnDateOf(receivedAt)).toBe('2025-03-14');
		expect(deadlineDay(days(1), receivedAt)).toBe('2025-03-17');
	});

	it('skips the Tết 2026 break', () => {
		expect(deadlineDay(days(1), vn('2026-02-12T15:00'))).toBe('2026-02-13');
		// Friday 13/2, N=3: 14–22/2 off, then Mon 23, Tue 24, Wed 25.
		expect(deadlineDay(days(3), vn('2026-02-13T09:00'))).toBe('2026-02-25');
		// Received during the break.
		expect(deadlineDay(days(1), vn('2026-02-18T10:00'))).toBe('2026-02-23');
	});

	it('skips 30/4–1/5', () => {
		// Tue 29/4/2025, N=2: Wed 30/4 and Thu 1/5 off; Fri 2/5 (the civil-servant swap is not modelled), Mon 5/5.
		expect(deadlineDay(days(2), vn('2025-04-29T14:00'))).toBe('2025-05-05');
		// Fri 24/4/2026, N=3: Mon 27/4 nghỉ bù Giỗ Tổ; Tue 28, Wed 29; Thu 30/4, Fri 1/5 off; Mon 4/5.
		expect(deadlineDay(days(3), vn('2026-04-24T08:00'))).toBe('2026-05-04');
	});

	it('skips Quốc khánh 2025 (Mon 1/9 and Tue 2/9)', () => {
		expect(weekdayOf('2025-09-02')).toBe(2);
		expect(deadlineDay(days(1), vn('2025-08-29T16:00'))).toBe('2025-09-03');
		expect(deadlineDay(days(1), vn('2025-09-01T10:00'))).toBe('2025-09-03');
	});

	it('handles long spans (30 working days)', () => {
		const receivedAt = vn('2025-01-20T09:00');
		const day = deadlineDay(days(30), receivedAt);
		expect(countWorkingDays('2025-01-20', day)).toBe(30);
		expect(isWorkingDay(day)).toBe(true);
	});

	it('rejects a non-positive or fractional number of working days', () => {
		expect(() => computeDeadline(days(0), vn('2025-03-14T10:00'))).toThrow(RangeError);
		expect(() => computeDeadline(days(1.5), vn('2025-03-14T10:00'))).toThrow(RangeError);
	});
});

describe('computeDeadline: hours and open-ended kinds', () => {
	it('adds clock hours, weekends and holidays included', () => {
		const receivedAt = vn('2025-03-14T23:30');
		expect(computeDeadline(hours(2), receivedAt)?.getTime()).toBe(receivedAt.getTime() + 2 * HOUR);
		expect(computeDeadline(hours(8), vn('2026-02-16T10:00'))?.getTime()).toBe(vn('2026-02-16T18:00').getTime());
	});

	it('returns null for immediate, by agreement and per contract', () => {
		const at = vn('2025-03-14T10:00');
		expect(computeDeadline({ kind: 'immediate' }, at)).toBeNull();
		expect(computeDeadline({ kind: 'by_agreement' }, at)).toBeNull();
		expect(computeDeadline({ kind: 'per_contract' }, at)).toBeNull();
	});
});

describe('workingDaysLeft', () => {
	const monday = vnEndOfDay('2025-03-17');
	const friday = vnEndOfDay('2025-03-14');

	it('counts working days after today up to the deadline day', () => {
		expect(workingDaysLeft(monday, vn('2025-03-13T09:00'))).toBe(2); // Thu: Fri, Mon
		expect(workingDaysLeft(monday, vn('2025-03-14T09:00'))).toBe(1); // Fri: Mon
		expect(workingDaysLeft(monday, vn('2025-03-15T09:00'))).toBe(1); // Sat: Mon
		expect(workingDaysLeft(monday, vn('2025-03-17T00:00'))).toBe(0);
		expect(workingDaysLeft(monday, vn('2025-03-17T23:00'))).toBe(0);
	});

	it('goes negative by the working days past the deadline day', () => {
		expect(workingDaysLeft(monday, vn('2025-03-18T08:00'))).toBe(-1);
		expect(workingDaysLeft(monday, vn('2025-03-20T08:00'))).toBe(-3);
		expect(workingDaysLeft(friday, vn('2025-03-15T08:00'))).toBe(0); // Saturday: no working day past yet
		expect(workingDaysLeft(friday, vn('2025-03-17T08:00'))).toBe(-1);
	});

	it('skips holidays', () => {
		// Deadline Wed 25/2/2026 seen on Fri 13/2: Mon 23, Tue 24, Wed 25.
		expect(workingDaysLeft(vnEndOfDay('2026-02-25'), vn('2026-02-13T10:00'))).toBe(3);
	});
});

describe('deadlineStatus', () => {
	const deadline = vnEndOfDay('2025-03-19'); // Wednesday

	it('classifies', () => {
		expect(deadlineStatus(null, vn('2025-03-14T10:00'))).toBe('none');
		expect(deadlineStatus(deadline, vn('2025-03-14T10:00'))).toBe('ok'); // Fri: Mon, Tue, Wed left
		expect(deadlineStatus(deadline, vn('2025-03-17T10:00'))).toBe('ok'); // Mon: Tue, Wed left
		expect(deadlineStatus(deadline, vn('2025-03-18T10:00'))).toBe('due_soon'); // one working day left
		expect(deadlineStatus(deadline, deadline)).toBe('due_soon');
		expect(deadlineStatus(deadline, new Date(deadline.getTime() + 1))).toBe('overdue');
	});

	it('is due soon one working day ahead even with more than 24 h left', () => {
		// Deadline Monday end, seen Friday 10:00: ~86 h, but only Monday is left.
		expect(deadlineStatus(vnEndOfDay('2025-03-17'), vn('2025-03-14T10:00'))).toBe('due_soon');
	});

	it('is due soon within 24 h for an hours deadline', () => {
		const d = computeDeadline(hours(2), vn('2025-03-14T10:00'));
		expect(deadlineStatus(d, vn('2025-03-14T11:00'))).toBe('due_soon');
		expect(deadlineStatus(d, vn('2025-03-14T12:30'))).toBe('overdue');
	});
});

describe('properties', () => {
	const MIN = vn('2024-01-01T00:00').getTime();
	const MAX = vn('2030-12-31T23:59').getTime();
	const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));

	it('a working-days deadline ends a working day exactly N working days after the receipt date', () => {
		fc.assert(
			fc.property(instant, fc.integer({ min: 1, max: 15 }), (receivedAt, n) => {
				const deadline = computeDeadline(days(n), receivedAt);
				if (deadline === null) return false;
				const received = vnDateOf(receivedAt);
				const due = vnDateOf(deadline);
				expect(isWorkingDay(due)).toBe(true);
				expect(due > received).toBe(true);
				expect(countWorkingDays(received, due)).toBe(n);
				expect(vnDateOf(new Date(deadline.getTime() + 1))).toBe(addDays(due, 1));
				expect(workingDaysLeft(deadline, receivedAt)).toBe(n);
				return true;
			}),
			{ numRuns: 500 }
		);
	});

	it('an hours deadline is exactly N hours later', () => {
		fc.assert(
			fc.property(instant, fc.integer({ min: 0, max: 240 }), (receivedAt, n) => {
				const deadline = computeDeadline(hours(n), receivedAt);
				return deadline !== null && deadline.getTime() - receivedAt.getTime() === n * HOUR;
			}),
			{ numRuns: 500 }
		);
	});

	it('no working days are left at the start of the deadline day', () => {
		fc.assert(
			fc.property(instant, fc.integer({ min: 1, max: 15 }), (receivedAt, n) => {
				const deadline = computeDeadline(days(n), receivedAt);
				if (deadline === null) return false;
				return workingDaysLeft(deadline, vnStartOfDay(vnDateOf(deadline))) === 0;
			}),
			{ numRuns: 300 }
		);
	});

	it('workingDaysLeft is antisymmetric and overdue means now after the deadline', () => {
		fc.assert(
			fc.property(instant, instant, (a, b) => {
				const ab = workingDaysLeft(a, b);
				const ba = workingDaysLeft(b, a);
				expect(ab + ba).toBe(0);
				expect(Object.is(ab, -0) || Object.is(ba, -0)).toBe(false);
				expect(deadlineStatus(a, b) === 'overdue').toBe(b.getTime() > a.getTime());
				return true;
			}),
			{ numRuns: 100 }
		);
	});
});
