// The supervisors' small dashboard: requests by state, on-time rate per service group over the last 30 days,
// overdue requests per crew now, and the median time each workflow step took.
import { sql } from 'drizzle-orm';
import { getService } from '../../src/lib/domain/catalog';
import { rowsOf } from '../db/changes';
import type { Db } from '../db/database';

const DAY = 24 * 3_600_000;

export async function kpis(db: Db, unitId: string | null, now: Date) {
	const unit = unitId ? sql`r.unit_id = ${unitId}` : sql`true`;
	const since = new Date(now.getTime() - 30 * DAY).toISOString();
	const nowIso = now.toISOString();

	const byState = rowsOf(await db.execute(sql`SELECT r.state, count(*)::int AS n FROM requests r WHERE ${unit} GROUP BY r.state ORDER BY r.state`));

	// a request closed in the window is on time when its completion is not after its deadline
	const closed = rowsOf(
		await db.execute(sql`
			SELECT r.service_number, r.deadline, a.at AS completed_at
			FROM requests r JOIN audit_log a ON a.request_id = r.id AND a.transition IN ('complete', 'recordMeterCheck')
			WHERE ${unit} AND a.at >= ${since}::timestamptz`)
	);
	const groups = new Map<number, { completed: number; onTime: number }>();
	for (const row of closed) {
		const group = getService(Number(row.service_number)).group;
		const entry = groups.get(group) ?? { completed: 0, onTime: 0 };
		entry.completed++;
		if (row.deadline === null || new Date(row.completed_at as string) <= new Date(row.deadline as string)) entry.onTime++;
		groups.set(group, entry);
	}
	const onTimeByGroup = [1, 2, 3].map((group) => {
		const entry = groups.get(group) ?? { completed: 0, onTime: 0 };
		return { group, ...entry, rate: entry.completed ? entry.onTime / entry.completed : null };
	});

	const overdueByCrew = rowsOf(
		await db.execute(sql`
			SELECT c.id AS crew_id, c.name AS crew_name, count(DISTINCT r.id)::int AS n
			FROM requests r
			JOIN jobs j ON j.request_id = r.id AND j.status = 'assigned'
			JOIN crews c ON c.id = j.crew_id
			WHERE ${unit} AND r.deadline < ${nowIso}::timestamptz AND r.state NOT IN ('completed', 'cancelled')
			GROUP BY c.id, c.name ORDER BY n DESC, c.name`)
	).map((r) => ({ crewId: r.crew_id as string, crewName: r.crew_name as string, overdue: Number(r.n) }));

	// time from the previous entry of the request's audit trail to each step, over the window
	const steps = rowsOf(
		await db.execute(sql`
			SELECT transition, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds, count(*)::int AS n
			FROM (
				SELECT a.transition, extract(epoch FROM a.at - lag(a.at) OVER (PARTITION BY a.request_id ORDER BY a.id)) AS seconds
				FROM audit_log a JOIN requests r ON r.id = a.request_id
				WHERE ${unit}
			) s
			WHERE seconds IS NOT NULL
			GROUP BY transition ORDER BY transition`)
	).map((r) => ({ transition: r.transition as string, medianSeconds: Number(r.median_seconds), count: Number(r.n) }));

	return {
		byState: byState.map((r) => ({ state: r.state as string, count: Number(r.n) })),
		onTimeByGroup,
		overdueByCrew,
		stepMedians: steps,
		windowDays: 30,
		serverTime: nowIso
	};
}
