// Opens the one schema on either driver: embedded PGlite (default, file-backed) or PostgreSQL (DATABASE_URL).
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { schema } from './schema';
import { runMigrations, type StartupWork } from './migrate';
import { pgliteChangeFeed, postgresChangeFeed, type ChangeFeed } from './change-feed';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Runs raw SQL on one pinned connection; without params it may hold several statements. */
export type RawQuery = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface Database {
	kind: 'pglite' | 'postgres';
	db: Db;
	/** Borrow one connection for work that must not hop connections (migrations, advisory locks). */
	withConnection<T>(fn: (query: RawQuery) => Promise<T>): Promise<T>;
	/** Committed changes, as the database notifies them (live event streams). */
	changes: ChangeFeed;
	close(): Promise<void>;
}

export function wrapPglite(client: PGlite): Database {
	const query: RawQuery = async (sql, params) => {
		if (params) return client.query(sql, params) as Promise<{ rows: Record<string, unknown>[] }>;
		const results = await client.exec(sql);
		return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
	};
	const changes = pgliteChangeFeed(client);
	return {
		kind: 'pglite',
		db: drizzlePglite(client, { schema }) as unknown as Db,
		withConnection: (fn) => fn(query),
		changes,
		async close() {
			await changes.close();
			await client.close();
		}
	};
}

export function wrapPostgres(pool: pg.Pool): Database {
	const changes = postgresChangeFeed(pool.options);
	return {
		kind: 'postgres',
		db: drizzlePg(pool, { schema }) as unknown as Db,
		async withConnection(fn) {
			const client = await pool.connect();
			try {
				return await fn((sql, params) => client.query(sql, params as unknown[] | undefined));
			} finally {
				client.release();
			}
		},
		changes,
		async close() {
			await changes.close();
			await pool.end();
		}
	};
}

export interface OpenOptions {
	databaseUrl?: string;
	/** PGlite data directory; omitted: in memory. */
	pgliteDir?: string;
	/** A dumped PGlite data directory to start from (tests). */
	pgliteTemplate?: Blob;
	/** Runs once the schema is migrated, under the same start-up lock (the demo seed of an empty database). */
	afterMigrations?: StartupWork;
}

/** Extensions the migrations use; every PGlite this project opens must load them. */
export const PGLITE_EXTENSIONS = { pg_trgm };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
	let database: Database;
	if (opts.databaseUrl) {
		const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
		// Without a listener an idle client's network error would crash the process.
		pool.on('error', (err) => console.error('[db] idle client error:', err.message));
		database = wrapPostgres(pool);
	} else {
		const client = await PGlite.create({
			dataDir: opts.pgliteDir,
			loadDataDir: opts.pgliteTemplate,
			extensions: PGLITE_EXTENSIONS
		});
		database = wrapPglite(client);
	}
	await runMigrations(database, opts.afterMigrations);
	return database;
}
