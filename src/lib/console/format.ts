// Pure wording for the console: time left on a deadline, durations, date inputs. Language is an argument.
// Money, kWh, percentages and times are $lib/format.ts.
import type { Lang } from '$lib/i18n.svelte';
import type { BoardItem } from '$lib/domain/board';
import { vnDateOf } from '$lib/domain/sla';
import { m } from '$lib/paraglide/messages.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DeadlineFacts = Pick<BoardItem, 'deadline' | 'deadlineStatus' | 'workingDaysLeft' | 'msLeft'>;

/**
 * "còn 3 ngày làm việc" for working-day services (from workingDaysLeft), hours or minutes otherwise (from msLeft);
 * "quá hạn 2 ngày" once past. A closed request (status none with a deadline) and one without a deadline say so.
 */
export function timeLeftText(item: DeadlineFacts, lang: Lang): string {
	if (item.deadline === null || item.msLeft === null) return m.common_deadline_none({}, { locale: lang });
	if (item.deadlineStatus === 'none') return m.common_deadline_closed({}, { locale: lang });
	const ms = item.msLeft;
	if (ms >= 0) {
		if (item.workingDaysLeft !== null) {
			return item.workingDaysLeft > 0 ? m.console_left_workingDays({ n: item.workingDaysLeft }, { locale: lang }) : m.console_left_today({}, { locale: lang });
		}
		if (ms < HOUR) return m.console_left_minutes({ n: Math.max(1, Math.floor(ms / MINUTE)) }, { locale: lang });
		return m.console_left_hours({ n: Math.floor(ms / HOUR) }, { locale: lang });
	}
	const past = -ms;
	if (item.workingDaysLeft !== null && item.workingDaysLeft < 0) return m.console_left_overdueDays({ n: -item.workingDaysLeft }, { locale: lang });
	if (past < HOUR) return m.console_left_overdueMinutes({ n: Math.max(1, Math.floor(past / MINUTE)) }, { locale: lang });
	if (past < 2 * DAY) return m.console_left_overdueHours({ n: Math.floor(past / HOUR) }, { locale: lang });
	return m.console_left_overdueDays({ n: Math.floor(past / DAY) }, { locale: lang });
}

/** A step's duration: minutes under an hour, hours under two days, days (one decimal) beyond. */
export function durationText(seconds: number, lang: Lang): string {
	const ms = seconds * 1000;
	if (ms < HOUR) return m.console_duration_minutes({ n: Math.max(0, Math.round(ms / MINUTE)) }, { locale: lang });
	if (ms < 2 * DAY) return m.console_duration_hours({ n: formatDecimal(ms / HOUR, lang) }, { locale: lang });
	return m.console_duration_days({ n: formatDecimal(ms / DAY, lang) }, { locale: lang });
}

function formatDecimal(n: number, lang: Lang): string {
	const rounded = Math.round(n * 10) / 10;
	const s = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
	return lang === 'vi' ? s.replace('.', ',') : s;
}

/** "YYYY-MM-DD" of the Vietnamese calendar day `days` after `now`. */
export function vnDateInput(now: Date, days = 0): string {
	return vnDateOf(new Date(now.getTime() + days * DAY));
}

/** The instant of a date and time picked in Vietnam time (UTC+7 all year). */
export function vnLocalToIso(date: string, time: string): string | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
	return `${date}T${time}:00+07:00`;
}
