// Clock and calendar formatting in Vietnam time (UTC+7, no DST), independent of the tablet's time zone setting.
import { VN_OFFSET_MS, vnDateOf } from '$lib/domain/sla';
import type { IsoDate } from '$lib/domain/holidays';

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

function vnShifted(instant: Date | string): Date {
	const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
	return new Date(ms + VN_OFFSET_MS);
}

/** 'HH:mm' in VN time. */
export function vnClock(instant: Date | string): string {
	const d = vnShifted(instant);
	return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** 'dd/MM' of a VN civil date. */
export function dayMonth(date: IsoDate): string {
	const [, m, d] = date.split('-');
	return `${d}/${m}`;
}

/** 'dd/MM/yyyy' of a VN civil date. */
export function dayMonthYear(date: IsoDate): string {
	const [y, m, d] = date.split('-');
	return `${d}/${m}/${y}`;
}

/** 'HH:mm dd/MM/yyyy' in VN time. */
export function vnDateTime(instant: Date | string): string {
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	return `${vnClock(date)} ${dayMonthYear(vnDateOf(date))}`;
}

/** 'HH:mm' when the instant is on the same VN day as `now`, else 'HH:mm dd/MM' (a crew may be offline for days). */
export function vnClockOrDay(instant: Date | string, now: Date): string {
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	const day = vnDateOf(date);
	return day === vnDateOf(now) ? vnClock(date) : `${vnClock(date)} ${dayMonth(day)}`;
}

/** Parses an ISO instant; null for null or an unparseable string (never throws in a render). */
export function parseInstant(value: string | null | undefined): Date | null {
	if (!value) return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}
