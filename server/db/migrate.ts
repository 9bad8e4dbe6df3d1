import type { Database } from './database';
import { MIGRATIONS } from './migrations';

// Several API processes may start at once against one PostgreSQL: they queue on this lock.
const MIGRATION_LOCK = 727_001;

export async function runMigrations(database: Database): Promise<string[]> {
	return database.withConnection(async (query) => {
		await query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
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
			return ran;
		} finally {
			await query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
		}
	});
}
