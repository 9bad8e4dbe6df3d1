// A crew's visit (survey, installation, meter check) as the customer reads it, and the rule that a visit is never
// set in the past. Pure: the clock is an argument.

import { VN_OFFSET_MS, vnDayMonthYear } from './sla';

const MINUTE_MS = 60_000;

const two = (n: number) => String(n).padStart(2, '0');

/** The visit's time of day and date in Hà Nội: { time: "08:30", date: "05/12/2026" } (day/month/year, never year-month-day). */
export function visitWhen(at: Date): { time: string; date: string } {
	const vn = new Date(at.getTime() + VN_OFFSET_MS);
	return {
		time: `${two(vn.getUTCHours())}:${two(vn.getUTCMinutes())}`,
		date: vnDayMonthYear(at)
	};
}

/**
 * A visit set before the current minute is in the past (the form picks minutes, so the minute the supervisor is
 * in still counts as now).
 */
export function isPastVisit(at: Date, now: Date): boolean {
	return at.getTime() < Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
}
