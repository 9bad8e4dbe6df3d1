// Board query: the supervisors' requests board (listBoard) over 100,000 requests and 2,000 crews, on PostgreSQL
// and PGlite. Data is generated in SQL (generate_series), then a mix of the board's real queries is timed.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { boardQuery } from '../../src/lib/domain/board';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { openDatabase, type Database } from '../../server/db/database';
import { listBoard } from '../../server/services/board';
import { type BenchRow, ms, onScratchPglite, onScratchPostgres } from './lib';

const BENCH = 'Board query (100k requests, 2k crews)';
const REQUESTS = 100_000;
const CREWS = 2_000;
const TARGET_P95_MS = 50;
const RUNS_PER_QUERY = 25;
const DEFAULT_PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-23T03:00:00Z');

/** Two units: the measured one holds 80 % of everything (the worst case for its supervisor). */
export async function seed(database: Database) {
	await database.withConnection(async (q) => {
		await q(`INSERT INTO units (id, name) VALUES ('u-big', 'Điện lực Lớn'), ('u-small', 'Điện lực Nhỏ')`);
		await q(`INSERT INTO crews (id, unit_id, name)
			SELECT 'crew-' || i, CASE WHEN i % 5 = 0 THEN 'u-small' ELSE 'u-big' END, 'Tổ ' || i FROM generate_series(1, ${CREWS}) i`);
		await q(`INSERT INTO customers (id, full_name, phone, email, address)
			SELECT 'kh-' || i,
				(ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi'])[1 + i % 8] || ' ' || (ARRAY['Văn','Thị','Đức','Minh'])[1 + i % 4] || ' ' || (ARRAY['An','Bình','Cường','Dũng','Hải','Lan','Mai','Nam','Phúc','Quân'])[1 + i % 10] || ' ' || i,
				'09' || lpad((10000000 + i * 7)::text, 8, '0'), NULL, 'Số ' || i || ' Đường Thử'
			FROM generate_series(1, ${REQUESTS}) i`);
		await q(`INSERT INTO requests (id, code, service_number, customer_id, unit_id, address, lat, lng, state, version, installed, received_at, deadline, updated_at, change_seq)
			SELECT 'yc-' || i, 'YC-2026-' || lpad(i::text, 6, '0'), 1 + i % 40, 'kh-' || i, CASE WHEN i % 5 = 0 THEN 'u-small' ELSE 'u-big' END,
				'Số ' || i || ' Đường Thử', 21.0 + (i % 1000) / 10000.0, 105.8 + (i % 997) / 10000.0,
				(ARRAY['submitted','survey_scheduled','surveyed','estimated','paid','contract_drafted','customer_signed','completed','cancelled'])[1 + i % 9],
				1, false,
				$1::timestamptz - (i % 720) * interval '1 hour',
				CASE WHEN i % 7 = 0 THEN NULL ELSE $1::timestamptz - (i % 720) * interval '1 hour' + (3 + i % 10) * interval '1 day' END,
				$1::timestamptz, i
			FROM generate_series(1, ${REQUESTS}) i`, [NOW.toISOString()]);
		await q(`INSERT INTO jobs (id, request_id, crew_id, kind, status, scheduled_at, notes, updated_at, change_seq)
			SELECT 'job-' || i, 'yc-' || i,
				-- a crew of the request's own unit (crews whose number is a multiple of 5 are the small unit's)
				'crew-' || CASE WHEN i % 5 = 0 THEN 5 * (1 + (i / 5) % ${CREWS / 5}) ELSE 5 * ((i * 7) % ${CREWS / 5}) + 1 + i % 4 END, 'survey', CASE WHEN i % 9 < 7 THEN 'assigned' ELSE 'done' END,
				$1::timestamptz + (i % 48) * interval '1 hour', NULL, $1::timestamptz, ${REQUESTS} + i
			FROM generate_series(1, ${REQUESTS}) i WHERE i % 3 <> 0`, [NOW.toISOString()]);
		await q(`UPDATE requests r SET search_text = lower(r.code || ' ' || c.full_name || ' ' || c.phone) FROM customers c WHERE c.id = r.customer_id`);
		await q('VACUUM ANALYZE');
	});
}

/** The board's everyday queries, as the console sends them. */
const QUERIES: Record<string, Record<string, string>> = {
	'first page by deadline': {},
	'state filter': { state: 'survey_scheduled,surveyed' },
	overdue: { overdue: '1' },
	'one crew': { crewId: 'crew-37' },
	'service + page 40': { service: '2', page: '40' },
	'phone search': { q: '0910000' },
	'code search': { q: 'YC-2026-0420' },
	'name search': { q: 'Hải 42' }
};

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(database: Database, variant: string): Promise<BenchRow[]> {
	const started = performance.now();
	await seed(database);
	const setup = performance.now() - started;
	const ctx = { clock: () => NOW, newId: () => randomBytes(8).toString('hex'), holidays: DEFAULT_HOLIDAYS };
	const all: number[] = [];
	const perQuery: string[] = [];
	for (const [name, params] of Object.entries(QUERIES)) {
		const query = boardQuery.parse(params);
		await listBoard(database.db, ctx, 'u-big', query); // warm-up: plans and caches
		const times: number[] = [];
		let total = 0;
		for (let i = 0; i < RUNS_PER_QUERY; i++) {
			const t0 = performance.now();
			const page = await listBoard(database.db, ctx, 'u-big', query);
			times.push(performance.now() - t0);
			total = page.total;
		}
		all.push(...times);
		perQuery.push(`${name} p95 ${ms(percentile(times, 95))} (${total})`);
	}
	const p95 = percentile(all, 95);
	const isPostgres = variant.startsWith('PostgreSQL');
	return [
		{
			bench: BENCH,
			variant,
			result: `p95 ${ms(p95)}`,
			detail: `p50 ${ms(percentile(all, 50))}; ${perQuery.join('; ')}; setup ${Math.round(setup / 1000)} s`,
			target: isPostgres ? `p95 ≤ ${TARGET_P95_MS} ms` : '',
			met: isPostgres ? p95 <= TARGET_P95_MS : null
		}
	];
}

const asRows = (result: BenchRow[] | BenchRow): BenchRow[] => (Array.isArray(result) ? result : [result]);

/** BENCH_BOARD_DRIVERS=postgres (or pglite) runs one driver only. */
export async function benchBoard(drivers = (process.env.BENCH_BOARD_DRIVERS ?? 'postgres,pglite').split(',')): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	if (drivers.includes('postgres')) rows.push(...asRows(await onScratchPostgres(BENCH, `p95 ≤ ${TARGET_P95_MS} ms`, measure)));
	if (drivers.includes('pglite')) rows.push(...asRows(await onScratchPglite(BENCH, measure)));
	return rows;
}
