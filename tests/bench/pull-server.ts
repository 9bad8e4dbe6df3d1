// Pull on the server: one crew's whole pass of 20,000 jobs (among 100,000 of five crews), page after page of 200 as the
// tablet asks them, through pullForCrew on a scratch PostgreSQL database. Informational: the time the API spends on a
// 20,000-job pull and on its slowest page (the tablet's own figures are the Chromium rows).
import { performance } from 'node:perf_hooks';
import type { Database } from '../../server/db/database';
import { pullForCrew } from '../../server/services/pull';
import { type BenchRow, median, ms, onScratchPostgres } from './lib';

const BENCH = 'Pull pages (server)';
const CREWS = 5;
const PER_CREW = 20_000;
const PAGE = 200;
const NOW = new Date('2026-11-23T03:00:00Z');

async function seed(database: Database) {
	const total = CREWS * PER_CREW;
	await database.withConnection(async (q) => {
		await q(`INSERT INTO units (id, name) VALUES ('u-1', 'Điện lực Thử')`);
		await q(`INSERT INTO crews (id, unit_id, name) SELECT 'crew-' || i, 'u-1', 'Tổ ' || i FROM generate_series(1, ${CREWS}) i`);
		await q(`INSERT INTO customers (id, full_name, phone, email, address)
			SELECT 'kh-' || i, 'Khách hàng ' || i, '09' || lpad((10000000 + i * 7)::text, 8, '0'), NULL, 'Số ' || i || ' Lê Lợi' FROM generate_series(1, ${total}) i`);
		await q(`INSERT INTO requests (id, code, service_number, customer_id, unit_id, address, lat, lng, state, version, installed, received_at, deadline, updated_at, change_seq, search_text)
			SELECT 'yc-' || i, 'YC-2026-' || lpad(i::text, 7, '0'), 1, 'kh-' || i, 'u-1', 'Số ' || i || ' Lê Lợi', 16.4, 107.5,
				'survey_scheduled'::request_state, 2, false, $1::timestamptz - interval '2 days', $1::timestamptz + interval '3 days', $1::timestamptz, i, 'yc ' || i
			FROM generate_series(1, ${total}) i`, [NOW.toISOString()]);
		// nine in ten open, one in ten closed in the last week
		await q(`INSERT INTO jobs (id, request_id, crew_id, kind, status, scheduled_at, notes, updated_at, change_seq)
			SELECT 'job-' || lpad(i::text, 7, '0'), 'yc-' || i, 'crew-' || (1 + i % ${CREWS}), 'survey', CASE WHEN i % 10 = 0 THEN 'done' ELSE 'assigned' END,
				$1::timestamptz + (i % 48) * interval '1 hour', NULL, $1::timestamptz - (i % 7) * interval '1 day', ${total} + i
			FROM generate_series(1, ${total}) i`, [NOW.toISOString()]);
		await q(`SELECT setval('change_seq', ${2 * total})`);
		await q('VACUUM ANALYZE');
	});
}

export async function benchPullServer(): Promise<BenchRow[]> {
	const result = await onScratchPostgres(BENCH, '', async (database, variant) => {
		await seed(database);
		const pages: number[] = [];
		let jobs = 0;
		const start = performance.now();
		for (let cursor: string | undefined; ; ) {
			const t0 = performance.now();
			const page = await pullForCrew(database.db, { crewId: 'crew-1', userId: 'bench', cursor, limit: PAGE }, NOW);
			pages.push(performance.now() - t0);
			jobs += page.jobs.length;
			cursor = page.cursor;
			if (!page.more) break;
		}
		const total = performance.now() - start;
		if (jobs !== PER_CREW) throw new Error(`pulled ${jobs} jobs, expected ${PER_CREW}`);
		const sorted = [...pages].sort((a, b) => a - b);
		return [
			{
				bench: BENCH,
				variant: `${variant}, ${PER_CREW.toLocaleString('en-US')} jobs of one crew (${(CREWS * PER_CREW).toLocaleString('en-US')} in all), pages of ${PAGE}`,
				result: `${ms(total)} for the pass`,
				detail: `${pages.length} pages: median ${ms(median(pages))}, p95 ${ms(sorted[Math.floor(sorted.length * 0.95)]!)}, slowest ${ms(sorted[sorted.length - 1]!)}`,
				target: '',
				met: null
			}
		] satisfies BenchRow[];
	});
	return Array.isArray(result) ? result : [result];
}
