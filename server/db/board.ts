import { and, asc, count, eq, inArray, isNotNull, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import { BOARD_TOTAL_CAP, type BoardQuery } from '../../src/lib/domain/board';
import { servicesOfKind } from '../../src/lib/domain/processes';
import { TERMINAL_STATES } from '../../src/lib/domain/workflow';
import { rowsOf } from './changes';
import type { Db } from './database';
import { crews, customers, jobs, requests } from './schema';

/** A code typed whole or in part from its start ("YC-2026-04"): a prefix of the code, found by its own index. */
const CODE_PREFIX = /^yc-[\d-]*$/i;

/** The filter of a board query. Every condition can be checked in the board's indexes (migration 0010). */
function boardFilter(db: Db, unitId: string | null, query: BoardQuery, now: Date): SQL | undefined {
	const where: SQL[] = [];
	if (unitId) where.push(eq(requests.unitId, unitId));
	if (query.state.length) where.push(inArray(requests.state, query.state));
	if (query.service) where.push(eq(requests.serviceNumber, query.service));
	if (query.process) where.push(inArray(requests.serviceNumber, servicesOfKind(query.process)));
	// the same words as requests_board_open_idx's predicate, so the planner may read that partial index
	if (query.overdue) where.push(isNotNull(requests.deadline), lt(requests.deadline, now), notInArray(requests.state, [...TERMINAL_STATES]));
	if (query.crewId) {
		// the requests the crew holds an open job of, from jobs_crew_assigned_idx (a few hundred ids, hashed)
		const held = db
			.select({ requestId: jobs.requestId })
			.from(jobs)
			.where(and(eq(jobs.crewId, query.crewId), eq(jobs.status, 'assigned')));
		where.push(inArray(requests.id, held));
	}
	if (query.q) {
		// a phone typed with spaces or +84 is searched as its digits
		const digits = query.q.replace(/[\s.-]/g, '').replace(/^\+84/, '0');
		const text = (/^\d{4,}$/.test(digits) ? digits : query.q).replace(/[%_\\]/g, '');
		if (CODE_PREFIX.test(text)) where.push(sql`${requests.code} LIKE upper(${text}) || '%'`);
		else where.push(sql`${requests.searchText} LIKE '%' || lower(${text}) || '%'`);
	}
	return where.length ? and(...where) : undefined;
}

/**
 * The board's rows: one page sorted by deadline (none last), and the total for the filter counted up to
 * BOARD_TOTAL_CAP + 1. The page's ids come first, from an index alone; only those rows are then joined to their
 * customer and current crew. Paging is bounded (boardQuery refuses a page past the cap), so an offset never skips
 * more than the cap.
 */
export async function boardRows(db: Db, unitId: string | null, query: BoardQuery, now: Date) {
	const filter = boardFilter(db, unitId, query, now);
	const pageIds = db
		.select({ id: requests.id })
		.from(requests)
		.where(filter)
		.orderBy(sql`${requests.deadline} ASC NULLS LAST`, asc(requests.id))
		.limit(query.pageSize)
		.offset((query.page - 1) * query.pageSize)
		.as('page_ids');

	// the crew currently assigned: the latest open job of the request
	const currentJob = db
		.select({ requestId: jobs.requestId, crewId: jobs.crewId })
		.from(jobs)
		.where(and(eq(jobs.requestId, requests.id), eq(jobs.status, 'assigned')))
		.orderBy(sql`${jobs.scheduledAt} DESC`)
		.limit(1)
		.as('current_job');

	const matching = db
		.select({ one: sql`1` })
		.from(requests)
		.where(filter)
		.limit(BOARD_TOTAL_CAP + 1)
		.as('matching');

	const [rows, [counted]] = await Promise.all([
		db
			.select({ request: requests, customerName: customers.fullName, customerPhone: customers.phone, crewId: crews.id, crewName: crews.name })
			.from(pageIds)
			.innerJoin(requests, eq(requests.id, pageIds.id))
			.innerJoin(customers, eq(customers.id, requests.customerId))
			.leftJoinLateral(currentJob, sql`true`)
			.leftJoin(crews, eq(crews.id, currentJob.crewId))
			.orderBy(sql`${requests.deadline} ASC NULLS LAST`, asc(requests.id)),
		db.select({ n: count() }).from(matching)
	]);
	const n = Number(counted?.n ?? 0);
	return { rows, total: Math.min(n, BOARD_TOTAL_CAP), totalCapped: n > BOARD_TOTAL_CAP };
}

export async function nextRequestNumber(db: Db): Promise<number> {
	return Number(rowsOf(await db.execute(sql`SELECT nextval('request_number_seq') AS n`))[0]!.n);
}
