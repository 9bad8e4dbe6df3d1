// The start-up migration runner: applies drizzle-kit's generated SQL migrations (server/db/migrations, in the order
// of meta/_journal.json) under one advisory lock, on PGlite and PostgreSQL alike, recording each in schema_migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

// Several API processes may start at once against one PostgreSQL: they queue on this lock, which covers the
// migrations and the one-time start-up work after them (the demo seed), so exactly one process does each.
const STARTUP_LOCK = 727_001;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * The hand-written migrations the generated ones replaced. `0000_baseline` is exactly their SQL, so a database
 * that ran all of them is at the baseline already: it is recorded as applied, never run again.
 */
export const LEGACY_MIGRATIONS = [
	'0001_init',
	'0002_field_sync',
	'0003_payment_contract',
	'0004_signing',
	'0005_board',
	'0006_command_id_reuse',
	'0007_installation',
	'0008_board_search',
	'0009_meters',
	'0010_request_documents',
	'0011_meter_checks',
	'0012_blob_access',
	'0013_rate_limits'
] as const;
const BASELINE = '0000_baseline';

export interface Migration {
	name: string;
	sql: string;
}

/** drizzle-kit's migrations in journal order; the name (the journal's tag) is what schema_migrations records. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
	const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
	return [...journal.entries]
		.sort((a, b) => a.idx - b.idx)
		.map(({ tag }) => {
			if ((LEGACY_MIGRATIONS as readonly string[]).includes(tag)) throw new Error(`Migration ${tag} reuses the name of a legacy migration; generate it under another name`);
			return { name: tag, sql: fs.readFileSync(path.join(dir, `${tag}.sql`), 'utf8') };
		});
}

/** Start-up work that must run once however many processes start together; it sees the migrated schema. */
export type StartupWork = (database: Database) => Promise<void>;

export async function runMigrations(database: Database, afterMigrations?: StartupWork): Promise<string[]> {
	const migrations = readMigrations();
	return database.withConnection(async (query) => {
		await query(`SELECT pg_advisory_lock(${STARTUP_LOCK})`);
		try {
			await query(
				'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())'
			);
			const { rows } = await query('SELECT name FROM schema_migrations', []);
			const applied = new Set(rows.map((r) => String(r.name)));
			if (applied.has(LEGACY_MIGRATIONS[0]) && !applied.has(BASELINE)) {
				const missing = LEGACY_MIGRATIONS.filter((name) => !applied.has(name));
				if (missing.length > 0) {
					throw new Error(`The database stopped at an earlier migration (missing ${missing.join(', ')}): upgrade it with a release before the generated migrations first`);
				}
				await query('INSERT INTO schema_migrations (name) VALUES ($1)', [BASELINE]);
				applied.add(BASELINE);
			}
			const ran: string[] = [];
			for (const migration of migrations) {
				if (applied.has(migration.name)) continue;
				await query('BEGIN');
				try {
					// drizzle-kit separates statements by `--> statement-breakpoint` comments: the file runs as one script
					await query(migration.sql);
					await query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
					await query('COMMIT');
				} catch (err) {
					await query('ROLLBACK');
					throw new Error(`Migration ${migration.name} failed: ${(err as Error).message}`);
				}
				ran.push(migration.name);
			}
			// still under the lock (held by this connection): the next process waits and then sees this work done
			if (afterMigrations) await afterMigrations(database);
			return ran;
		} finally {
			await query(`SELECT pg_advisory_unlock(${STARTUP_LOCK})`);
		}
	});
}
