// The crew's job list as the crew works it: what is late and today's jobs first, then the coming days, the closed
// jobs folded away at the end; and a search by request code, customer name or address that ignores Vietnamese
// diacritics (a crew types "nguyen van" or "ly thai to" on a tablet keyboard). Pure: `now` is an argument.
import type { JobView } from '$lib/domain/api';
import { vnDateOf } from '$lib/domain/sla';
import { isTerminal } from '$lib/domain/workflow';
import { groupJobsByDay, type DayGroup } from './job-view';

/**
 * Text folded for a search: lower case, without diacritics (đ as d), runs of spaces as one. "Nguyễn Văn Đức"
 * and "nguyen van duc" fold to the same text.
 */
export function foldForSearch(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** Whether a job matches every word of the search in its request code, customer name or address. */
export function jobMatchesSearch(job: Pick<JobView, 'request'>, query: string): boolean {
	const words = foldForSearch(query).split(' ').filter(Boolean);
	if (words.length === 0) return true;
	const haystack = foldForSearch([job.request.code, job.request.customer.name, job.request.address].join(' '));
	return words.every((word) => haystack.includes(word));
}

/** Whether the crew still has to act on a job: assigned to it and its request still running. */
export function isOpenJob(job: Pick<JobView, 'status' | 'request'>): boolean {
	return job.status === 'assigned' && !isTerminal(job.request.state);
}

export interface JobListSections<J extends JobView> {
	/** Open jobs scheduled on an earlier day: the crew is behind on them. */
	late: J[];
	/** Today's jobs still open (and today's closed ones the crew still has unsent work on). */
	today: J[];
	/** Open jobs of the coming days, a group per day. */
	coming: DayGroup<J>[];
	/** Closed jobs, newest day first: folded away in the list. */
	closed: DayGroup<J>[];
}

/**
 * The list's sections. `keepInView` marks jobs that stay among the open ones although closed (the crew's unsent or
 * refused work on them is still the crew's to see).
 */
export function jobListSections<J extends JobView>(jobs: readonly J[], now: Date, keepInView: (job: J) => boolean = () => false): JobListSections<J> {
	const today = vnDateOf(now);
	const open: J[] = [];
	const closed: J[] = [];
	for (const job of jobs) (isOpenJob(job) || keepInView(job) ? open : closed).push(job);
	const late: J[] = [];
	const todays: J[] = [];
	const coming: DayGroup<J>[] = [];
	for (const group of groupJobsByDay(open, now)) {
		if (group.date < today) late.push(...group.jobs);
		else if (group.date === today) todays.push(...group.jobs);
		else coming.push(group);
	}
	return { late, today: todays, coming, closed: groupJobsByDay(closed, now).reverse() };
}
