// The words of the crew's job list and of the staff frame (kinds, statuses, states, days, deadlines, sync errors):
// the part of labels.ts the app's first page needs, without the command registry, the catalog or the form words
// (labels.ts re-exports all of it). Message functions read the language store, so callers follow a switch.
import type { JobKind, JobStatus } from '$lib/domain/api';
import { stateLabelFor, type RequestState } from '$lib/domain/workflow';
import { i18n } from '$lib/i18n.svelte';
import type { DayGroup, TimeLeft } from './job-view';
import type { SyncError } from './sync';
import { dayMonth, dayMonthYear, vnClock } from '$lib/format';
import { vnDateOf } from '$lib/domain/sla';
import { m } from '$lib/paraglide/messages.js';

const KIND_MESSAGES: Record<JobKind, () => string> = {
	survey: m.common_kind_survey,
	installation: m.crew_kind_installation,
	meter_check: m.common_kind_meter_check,
	repair: m.common_kind_repair
};

const JOB_STATUS_MESSAGES: Record<JobStatus, () => string> = {
	assigned: m.crew_jobStatus_assigned,
	done: m.common_jobStatus_done,
	cancelled: m.common_jobStatus_cancelled
};

const WEEKDAY_MESSAGES: readonly (() => string)[] = [
	m.crew_day_weekday0,
	m.crew_day_weekday1,
	m.crew_day_weekday2,
	m.crew_day_weekday3,
	m.crew_day_weekday4,
	m.crew_day_weekday5,
	m.crew_day_weekday6
];

export function kindLabel(kind: JobKind): string {
	return KIND_MESSAGES[kind]();
}

export function jobStatusLabel(status: JobStatus): string {
	return JOB_STATUS_MESSAGES[status]();
}

/** With the request's service, a meter check's states read as a meter check's. */
export function stateLabel(state: RequestState, serviceNumber?: number): string {
	return i18n.label(stateLabelFor(state, serviceNumber));
}

export function weekdayName(weekday: number): string {
	return WEEKDAY_MESSAGES[weekday]();
}

/** "Thứ Năm, 27/11". */
export function weekdayAndDate(group: Pick<DayGroup, 'date' | 'weekday'>): string {
	return `${weekdayName(group.weekday)}, ${dayMonth(group.date)}`;
}

/** "Hôm nay" / "Ngày mai" / "Hôm qua", or null when the day has no relative name. */
export function relativeDayName(group: Pick<DayGroup, 'relation'>): string | null {
	switch (group.relation) {
		case 'today':
			return m.crew_day_today();
		case 'tomorrow':
			return m.crew_day_tomorrow();
		case 'yesterday':
			return m.crew_day_yesterday();
		default:
			return null;
	}
}

/** A deadline as the crew reads it: end-of-day deadlines (working-day SLAs) as a date, others with the hour. */
export function deadlineWhen(deadline: Date): string {
	const clock = vnClock(deadline);
	const date = dayMonthYear(vnDateOf(deadline));
	return clock === '23:59' ? date : `${clock} ${date}`;
}

export function timeLeftText(left: TimeLeft): string {
	switch (left.unit) {
		case 'working_days':
			return (left.late ? m.crew_deadline_overdueWorkingDays : m.crew_deadline_workingDaysLeft)({ n: left.n });
		case 'hours':
			if (left.m === null) return (left.late ? m.crew_deadline_overdueWholeHours : m.crew_deadline_wholeHoursLeft)({ h: left.h });
			return (left.late ? m.crew_deadline_overdueHours : m.crew_deadline_hoursLeft)({ h: left.h, m: left.m });
		case 'minutes':
			return (left.late ? m.crew_deadline_overdueMinutes : m.crew_deadline_minutesLeft)({ m: left.m });
	}
}

export function syncErrorText(error: SyncError): string {
	switch (error.kind) {
		case 'offline':
			return m.crew_sync_error_offline();
		case 'timeout':
			return m.crew_sync_error_timeout();
		case 'auth':
			return m.crew_sync_error_auth();
		case 'server':
			return m.crew_sync_error_server({ status: error.status ?? '?' });
		case 'invalid_response':
			return m.crew_sync_error_invalid_response();
		case 'storage':
			return m.crew_sync_error_storage();
	}
}
