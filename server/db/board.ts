import { and, asc, count, eq, exists, inArray, isNotNull, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { BoardQuery } from '../../src/lib/domain/board';
import { TERMINAL_STATES } from '../../src/lib/domain/workflow';
import { rowsOf } from './changes';
import type { Db } from './database';
import { crews, customers, jobs, requests } from './schema';


/** The board's rows: one page, sorted by deadline (none last), and the total for the filter. */
export async function boardRows(db: Db, unitId: string | null, query: BoardQuery, now: Date) {
	const where: SQL[] = [];
	if (unitId) where.push(eq(requests.unitId, unitId));
	if (query.state.length) where.push(inArray(requests.state, query.state));
	if (query.service) where.push(eq(requests.serviceNumber, query.service));
	if (query.overdue) where.push(isNotNull(requests.deadline), lt(requests.deadline, now), notInArray(requests.state, [...TERMINAL_STATES]));
	if (query.crewId) {
		where.push(
			exists(
				db
					.select({ one: sql`1` })
					.from(jobs)
					.where(and(eq(jobs.requestId, requests.id), eq(jobs.crewId, query.crewId), eq(jobs.status, 'assigned')))
			)
		);
	}
	if (query.q) {
		// a phone typed with spaces or +84 is searched as its digits
		const digits = query.q.replace(/[\s.-]/g, '').replace(/^\+84/, '0');
		const text = (/^\d{4,}$/.test(digits) ? digits : query.q).replace(/[%_\\]/g, '');
		where.push(sql`${requests.searchText} LIKE '%' || lower(${text}) || '%'`);
	}
	const filter = where.length ? and(...where) : undefined;

	// the crew currently assigned: the latest open job of the request
	const currentJob = db
		.select({ requestId: jobs.requestId, crewId: jobs.crewId })
		.from(jobs)
		.where(and(eq(jobs.requestId, requests.id), eq(jobs.status, 'assigned')))
		.orderBy(sql`${jobs.scheduledAt} DESC`)
		.limit(1)
		.as('current_job');

	const rows = await db
		.select({ request: requests, customerName: customers.fullName, customerPhone: customers.phone, crewId: crews.id, crewName: crews.name })
		.from(requests)
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.leftJoinLateral(currentJob, sql`true`)
		.leftJoin(crews, eq(crews.id, currentJob.crewId))
		.where(filter)
		.orderBy(sql`${requests.deadline} ASC NULLS LAST`, asc(requests.id))
		.limit(query.pageSize)
		.offset((query.page - 1) * query.pageSize);
	const [total] = await db.select({ n: count() }).from(requests).where(filter);
	return { rows, total: Number(total?.n ?? 0) };
}

export async function nextRequestNumber(db: Db): Promise<number> {
	return Number(rowsOf(await db.execute(sql`SELECT nextval('request_number_seq') AS n`))[0]!.n);
}
