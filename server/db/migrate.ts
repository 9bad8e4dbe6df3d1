import type { Database } from './database';
import { MIGRATIONS } from './migrations';

// Several API processes may start at once against one PostgreSQL: they queue on this lock, which covers the
// migrations and the one-time start-up work after them (the demo seed), so exactly one process does each.
const STARTUP_LOCK = 727_001;

/** Start-up work that must run once however many processes start together; it sees the migrated schema. */
export type StartupWork = (database: Database) => Promise<void>;

export async function runMigrations(database: Database, afterMigrations?: StartupWork): Promise<string[]> {
	return database.withConnection(async (query) => {
		await query(`SELECT pg_advisory_lock(${STARTUP_LOCK})`);
		try {
			await query(
				'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())'
			);
			const { rows } = await query('SELECT name FROM schema_migrations', []);
			const applied = new Set(rows.map((r) => String(r.name)));
			const ran: string[] = [];
			for (const migration of MIGRATIONS) {
				if (applied.has(migration.name)) continue;
				await query('BEGIN');
				try {
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
