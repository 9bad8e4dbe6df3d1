// What the job list and detail pages derive from a JobView: grouping by VN day and the SLA deadline status.
import type { JobView } from '$lib/domain/api';
import { addDays, weekdayOf, type IsoDate } from '$lib/domain/holidays';
import { deadlineStatus, vnDateOf, workingDaysLeft, type DeadlineStatus } from '$lib/domain/sla';
import { isTerminal } from '$lib/domain/workflow';
import { parseInstant } from '$lib/format';

export type DayRelation = 'earlier' | 'yesterday' | 'today' | 'tomorrow' | 'later';

export interface DayGroup<J extends JobView = JobView> {
	/** VN civil date of the jobs' scheduledAt. */
	date: IsoDate;
	relation: DayRelation;
	/** 0 = Sunday … 6 = Saturday. */
	weekday: number;
	jobs: J[];
}

export function dayRelation(date: IsoDate, today: IsoDate): DayRelation {
	if (date === today) return 'today';
	if (date === addDays(today, 1)) return 'tomorrow';
	if (date === addDays(today, -1)) return 'yesterday';
	return date < today ? 'earlier' : 'later';
}

/** Jobs grouped by the VN date of scheduledAt, days ascending, jobs within a day by time. */
export function groupJobsByDay<J extends JobView>(jobs: readonly J[], now: Date): DayGroup<J>[] {
	const today = vnDateOf(now);
	const byDay = new Map<IsoDate, J[]>();
	for (const job of jobs) {
		const at = parseInstant(job.scheduledAt);
		if (!at) continue; // a job without a valid time cannot be placed on a day; the server never sends one
		const day = vnDateOf(at);
		const list = byDay.get(day);
		if (list) list.push(job);
		else byDay.set(day, [job]);
	}
	return [...byDay.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([date, dayJobs]) => ({
			date,
			relation: dayRelation(date, today),
			weekday: weekdayOf(date),
			jobs: dayJobs.sort(
				(a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt) || (a.id < b.id ? -1 : 1)
			)
		}));
}

export interface DeadlineInfo {
	deadline: Date | null;
	/**
	 * The SLA status the crew should act on. 'none' also when the clock no longer matters to this crew:
	 * the job is done or cancelled, or the request reached a terminal state.
	 */
	status: DeadlineStatus;
	/** False when the job or request is closed (the deadline is shown for information only). */
	active: boolean;
	/** workingDaysLeft() of the deadline; null without a deadline. */
	workingDaysLeft: number | null;
	/** Milliseconds until the deadline, negative when past; null without a deadline. */
	msLeft: number | null;
}

export function deadlineInfo(job: JobView, now: Date): DeadlineInfo {
	const deadline = parseInstant(job.request.deadline);
	const active = job.status === 'assigned' && !isTerminal(job.request.state);
	if (!deadline) return { deadline: null, status: 'none', active, workingDaysLeft: null, msLeft: null };
	return {
		deadline,
		status: active ? deadlineStatus(deadline, now) : 'none',
		active,
		workingDaysLeft: workingDaysLeft(deadline, now),
		msLeft: deadline.getTime() - now.getTime()
	};
}

export type TimeLeft =
	| { unit: 'working_days'; n: number; late: boolean }
	/** m is null when the caller asked for whole hours only. */
	| { unit: 'hours'; h: number; m: number | null; late: boolean }
	| { unit: 'minutes'; m: number; late: boolean };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How much time is left (or how late), in the unit a crew thinks in: working days when more than a day away,
 * hours and minutes within a day (hour-based SLAs such as outages and reconnection live there).
 * `precision: 'hours'` drops the minutes above one hour, so a list does not flicker every minute.
 */
export function timeLeft(info: DeadlineInfo, precision: 'minutes' | 'hours' = 'minutes'): TimeLeft | null {
	if (info.msLeft === null || info.workingDaysLeft === null) return null;
	const late = info.msLeft < 0;
	const absMs = Math.abs(info.msLeft);
	const days = late ? -info.workingDaysLeft : info.workingDaysLeft;
	if (absMs >= DAY_MS && days >= 1) return { unit: 'working_days', n: days, late };
	const totalMinutes = Math.floor(absMs / MINUTE_MS);
	if (totalMinutes < 60) return { unit: 'minutes', m: totalMinutes, late };
	const h = Math.floor(totalMinutes / 60);
	return { unit: 'hours', h, m: precision === 'hours' ? null : totalMinutes % 60, late };
}

/** The field step a crew can take on a job now: survey a survey job, then draw up its estimate. */
export type FieldAction = 'survey' | 'estimate';

export function fieldAction(job: Pick<JobView, 'kind' | 'status'> & { request: Pick<JobView['request'], 'state'> }): FieldAction | null {
	if (job.kind !== 'survey' || job.status === 'cancelled') return null;
	if (job.request.state === 'survey_scheduled') return 'survey';
	if (job.request.state === 'surveyed') return 'estimate';
	return null;
}

/** A quantity with the Vietnamese decimal comma: 12.5 → "12,5". */
export function formatQuantity(quantity: number): string {
	return String(quantity).replace('.', ',');
}

/** Bytes as the crew reads them: "850 KB", "1,2 MB", "3,4 GB". */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '?';
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const text = value >= 100 ? String(Math.round(value)) : (Math.round(value * 10) / 10).toString().replace('.', ',');
	return `${text} ${units[unit]}`;
}

/** What a crew can do on an installation job now: record the installation, have the customer sign, or send for online signing. */
export type InstallationAction = 'install' | 'sign' | 'remote';

export function installationActions(
	job: Pick<JobView, 'kind' | 'status'> & { request: Pick<JobView['request'], 'state' | 'installed'> }
): InstallationAction[] {
	if (job.kind !== 'installation' || job.status === 'cancelled') return [];
	const actions: InstallationAction[] = [];
	const installable = ['contract_drafted', 'awaiting_remote_signature', 'correction_requested', 'customer_signed', 'utility_signed'];
	if (!job.request.installed && installable.includes(job.request.state)) actions.push('install');
	if (job.request.state === 'contract_drafted') actions.push('sign', 'remote');
	return actions;
}

export type SigningStatus = 'none' | 'unsigned' | 'remote' | 'correction' | 'customer' | 'both';

/** Where the contract signature stands, from the request's state. */
export function signingStatus(request: Pick<JobView['request'], 'state' | 'contract'>): SigningStatus {
	switch (request.state) {
		case 'contract_drafted':
			return 'unsigned';
		case 'awaiting_remote_signature':
			return 'remote';
		case 'correction_requested':
			return 'correction';
		case 'customer_signed':
			return 'customer';
		case 'utility_signed':
		case 'completed':
			return 'both';
		default:
			return request.contract ? 'unsigned' : 'none';
	}
}

/** A meter check job waiting for its check: the crew can open the check form (until the result is recorded). */
export function meterCheckOpen(
	job: Pick<JobView, 'kind' | 'status'> & { request: Pick<JobView['request'], 'state' | 'meterCheck'> }
): boolean {
	return job.kind === 'meter_check' && job.status !== 'cancelled' && job.request.state === 'survey_scheduled' && !job.request.meterCheck;
}

/** A repair job whose report the crew can still send (the request waits for it in crew_dispatched). */
export function repairOpen(job: Pick<JobView, 'kind' | 'status'> & { request: Pick<JobView['request'], 'state'> }): boolean {
	return job.kind === 'repair' && job.status !== 'cancelled' && job.request.state === 'crew_dispatched';
}

/** The meter's readings newest first, at most `limit` (the pull sends them oldest first). */
export function latestReadings<R extends { at: string }>(readings: readonly R[] | undefined, limit = 6): R[] {
	return [...(readings ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, limit);
}
