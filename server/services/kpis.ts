// The supervisors' small dashboard: requests by state, on-time rate per service group over the last 30 days,
// overdue requests per crew now, and the median time each workflow step took.
import { getService } from '../../src/lib/domain/catalog';
import { TRANSITION_NAMES, TRANSITIONS } from '../../src/lib/domain/workflow';
import type { Db } from '../db/database';
import { closedSince, overdueByCrew, requestsByState, stepMedians } from '../db/kpis';

const DAY = 24 * 3_600_000;
/** The transitions that close a request (the supervisor's `complete`, a crew's meter check…), from the workflow. */
const CLOSING = TRANSITION_NAMES.filter((name) => TRANSITIONS[name].to === 'completed');

export async function kpis(db: Db, unitId: string | null, now: Date) {
	const since = new Date(now.getTime() - 30 * DAY);
	const byState = await requestsByState(db, unitId);

	// a request closed in the window is on time when its completion is not after its deadline
	const groups = new Map<number, { completed: number; onTime: number }>();
	for (const row of await closedSince(db, unitId, since, CLOSING)) {
		const group = getService(row.serviceNumber).group;
		const entry = groups.get(group) ?? { completed: 0, onTime: 0 };
		entry.completed++;
		if (row.deadline === null || row.completedAt <= row.deadline) entry.onTime++;
		groups.set(group, entry);
	}
	const onTimeByGroup = [1, 2, 3].map((group) => {
		const entry = groups.get(group) ?? { completed: 0, onTime: 0 };
		return { group, ...entry, rate: entry.completed ? entry.onTime / entry.completed : null };
	});

	return {
		byState,
		onTimeByGroup,
		overdueByCrew: await overdueByCrew(db, unitId, now),
		// time from the previous entry of the request's audit trail to each step, over the window
		stepMedians: await stepMedians(db, unitId),
		windowDays: 30,
		serverTime: now.toISOString()
	};
}
