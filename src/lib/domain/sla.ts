// Service-level deadlines: when a request must be done, and how much time is left, in Vietnamese working days.
// Pure: no I/O and no clock; "now" is always an argument.
//
// Time zone: Asia/Ho_Chi_Minh is UTC+7 all year (no DST), so a VN civil date is the UTC date of instant + 7 h.
import type { ProcessingTime } from './catalog';
import {
	DEFAULT_HOLIDAYS,
	dayNumberOf,
	isoDateOfDayNumber,
	isWeekend,
	type HolidayCalendar,
	type IsoDate
} from './holidays';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Offset of Vietnam time from UTC. */
export const VN_OFFSET_MS = 7 * HOUR_MS;
/** A calendar that has no working day for this long is treated as broken rather than looped over forever. */
const MAX_NON_WORKING_RUN = 800;

function instantMs(instant: Date, what: string): number {
	const ms = instant.getTime();
	if (Number.isNaN(ms)) throw new RangeError(`${what}: thời điểm không hợp lệ`);
	return ms;
}

/** The VN civil date (UTC+7) of an instant. */
export function vnDateOf(instant: Date): IsoDate {
	return isoDateOfDayNumber(Math.floor((instantMs(instant, 'vnDateOf') + VN_OFFSET_MS) / DAY_MS));
}

/** The VN civil date of an instant as Vietnamese documents write it: dd/mm/yyyy. */
export function vnDayMonthYear(instant: Date): string {
	const [year, month, day] = vnDateOf(instant).split('-');
	return `${day}/${month}/${year}`;
}

/** The instant of 00:00 VN time at the start of a VN civil date. */
export function vnStartOfDay(date: IsoDate): Date {
	return new Date(dayNumberOf(date) * DAY_MS - VN_OFFSET_MS);
}

/** The last instant of a VN civil date: 24:00 VN time minus 1 ms, i.e. 23:59:59.999 (+07:00). */
export function vnEndOfDay(date: IsoDate): Date {
	return new Date((dayNumberOf(date) + 1) * DAY_MS - VN_OFFSET_MS - 1);
}

/** A working day is Monday–Friday and not a holiday of the calendar. */
export function isWorkingDay(date: IsoDate, cal: HolidayCalendar = DEFAULT_HOLIDAYS): boolean {
	return !isWeekend(date) && !cal.isHoliday(date);
}

/** isWorkingDay on a day number (days since 1970-01-01), skipping weekends before building the date string. */
function isWorkingDayNumber(dayNumber: number, cal: HolidayCalendar): boolean {
	const weekday = (((dayNumber + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
	return weekday !== 0 && weekday !== 6 && !cal.isHoliday(isoDateOfDayNumber(dayNumber));
}

/** The day number of the first working day strictly after the given day number. */
function nextWorkingDay(dayNumber: number, cal: HolidayCalendar): number {
	for (let n = dayNumber + 1; n <= dayNumber + MAX_NON_WORKING_RUN; n++) {
		if (isWorkingDayNumber(n, cal)) return n;
	}
	const after = isoDateOfDayNumber(dayNumber);
	throw new Error(`Lịch nghỉ không có ngày làm việc nào trong ${MAX_NON_WORKING_RUN} ngày sau ${after}`);
}

/** Working days in the half-open interval (from, to] of day numbers; 0 when to <= from. */
function workingDaysBetween(from: number, to: number, cal: HolidayCalendar): number {
	let count = 0;
	for (let n = from + 1; n <= to; n++) if (isWorkingDayNumber(n, cal)) count++;
	return count;
}

/**
 * The deadline of a request received at `receivedAt`, or null when the catalog gives no computable time.
 * - working_days N (N a positive integer): the end (23:59:59.999 VN, see vnEndOfDay) of the Nth working day after
 *   the VN date of receipt. The day of receipt never counts, whatever the hour or weekday: Friday → N=1 is Monday,
 *   Saturday → N=1 is Monday.
 * - hours N (N ≥ 0): receivedAt + N clock hours, weekends and holidays included.
 * - immediate, by_agreement, per_contract: null.
 */
export function computeDeadline(
	time: ProcessingTime,
	receivedAt: Date,
	cal: HolidayCalendar = DEFAULT_HOLIDAYS
): Date | null {
	const received = instantMs(receivedAt, 'computeDeadline');
	switch (time.kind) {
		case 'working_days': {
			if (!Number.isInteger(time.value) || time.value < 1) {
				throw new RangeError(`Số ngày làm việc phải là số nguyên dương: ${time.value}`);
			}
			let day = dayNumberOf(vnDateOf(receivedAt));
			for (let i = 0; i < time.value; i++) day = nextWorkingDay(day, cal);
			return vnEndOfDay(isoDateOfDayNumber(day));
		}
		case 'hours': {
			if (!Number.isFinite(time.value) || time.value < 0) {
				throw new RangeError(`Số giờ phải là số không âm: ${time.value}`);
			}
			return new Date(received + Math.round(time.value * HOUR_MS));
		}
		case 'immediate':
		case 'by_agreement':
		case 'per_contract':
			return null;
	}
}

// Definition: the working days in (today, deadline day] when the deadline day is after today (VN dates), 0 when it
// is today, and minus the working days in (deadline day, today] when it is before (so a Friday deadline is -1 on
// Monday and still 0 on the Saturday in between).
export function workingDaysLeft(deadline: Date, now: Date, cal: HolidayCalendar = DEFAULT_HOLIDAYS): number {
	const d = dayNumberOf(vnDateOf(deadline));
	const t = dayNumberOf(vnDateOf(now));
	if (d >= t) return workingDaysBetween(t, d, cal);
	const past = workingDaysBetween(d, t, cal);
	return past === 0 ? 0 : -past; // never -0
}

export type DeadlineStatus = 'none' | 'ok' | 'due_soon' | 'overdue';

/**
 * none: no deadline; overdue: now is past the deadline instant; due_soon: not overdue and either at most 24 h are
 * left or the deadline is at most one working day away (workingDaysLeft ≤ 1); ok otherwise.
 */
export function deadlineStatus(
	deadline: Date | null,
	now: Date,
	cal: HolidayCalendar = DEFAULT_HOLIDAYS
): DeadlineStatus {
	if (deadline === null) return 'none';
	const left = instantMs(deadline, 'deadlineStatus') - instantMs(now, 'deadlineStatus');
	if (left < 0) return 'overdue';
	if (left <= DAY_MS || workingDaysLeft(deadline, now, cal) <= 1) return 'due_soon';
	return 'ok';
}
