import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database';
// Shared bits of the benchmarks: result rows, timing, the printed table.

export interface BenchRow {
	bench: string;
	/** What was measured, e.g. "PGlite" or "ours, JPEG". */
	variant: string;
	/** The headline number, formatted. */
	result: string;
	/** Extra figures (sizes, spreads). */
	detail: string;
	/** The target in words, '' when the row is informational. */
	target: string;
	/** true/false against the target; null for informational rows and skipped benches. */
	met: boolean | null;
}

export function ms(value: number): string {
	return value >= 10 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

export function kb(bytes: number): string {
	return `${(bytes / 1000).toFixed(1)} kB`;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printTable(rows: BenchRow[]): string {
	const header = ['Bench', 'Variant', 'Result', 'Detail', 'Target', 'Met'];
	const cells = rows.map((r) => [r.bench, r.variant, r.result, r.detail, r.target, r.met === null ? '—' : r.met ? 'yes' : 'NO']);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
	const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
	const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
	return [line(header), sep, ...cells.map(line)].join('\n');
}

/** A bench that could not run (no PostgreSQL, no Chromium): one row saying why, never a crash of the whole run. */
export function skipped(bench: string, variant: string, why: string, target = ''): BenchRow {
	return { bench, variant, result: 'skipped', detail: why, target, met: null };
}

export function failed(bench: string, variant: string, error: unknown, target = ''): BenchRow {
	const message = error instanceof Error ? error.message : String(error);
	return { bench, variant, result: 'error', detail: message.split('\n')[0]!.slice(0, 120), target, met: false };
}

const DEFAULT_PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `measure` on a fresh file-backed PGlite in a temp dir, removed afterwards. */
export async function onScratchPglite<T>(bench: string, measure: (database: Database, variant: string) => Promise<T>): Promise<T | BenchRow> {
	const variant = 'PGlite (file, in-process)';
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-bench-pglite-'));
	let database: Database | undefined;
	try {
		database = await openDatabase({ pgliteDir: dir });
		return await measure(database, variant);
	} catch (error) {
		return failed(bench, variant, error);
	} finally {
		await database?.close().catch(() => undefined);
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Runs `measure` on a scratch PostgreSQL database created for it and dropped afterwards, on the server of
 * BENCH_DATABASE_URL, DATABASE_URL or the local one; a row saying "skipped" when there is none.
 */
export async function onScratchPostgres<T>(
	bench: string,
	target: string,
	measure: (database: Database, variant: string) => Promise<T>
): Promise<T | BenchRow> {
	const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_PG_ADMIN;
	const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
	try {
		await admin.connect();
	} catch (error) {
		return skipped(bench, 'PostgreSQL', `no PostgreSQL at ${new URL(adminUrl).host} (${(error as Error).message}); set DATABASE_URL`, target);
	}
	const name = `ht_bench_${randomBytes(6).toString('hex')}`;
	let database: Database | undefined;
	try {
		await admin.query(`CREATE DATABASE ${name}`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		database = await openDatabase({ databaseUrl: url.toString() });
		const version = (await admin.query('SHOW server_version')).rows[0]?.server_version as string | undefined;
		return await measure(database, `PostgreSQL ${version?.split(' ')[0] ?? ''}`.trim());
	} catch (error) {
		return failed(bench, 'PostgreSQL', error, target);
	} finally {
		await database?.close().catch(() => undefined);
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
		await admin.end().catch(() => undefined);
	}
}
