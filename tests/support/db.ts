import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database';

export type Driver = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const DRIVERS: Driver[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export type TestDatabase = Database & {
	drop(): Promise<void>;
	/** Closes this connection and opens the same database again, as a restarted server would. */
	reopen(): Promise<TestDatabase>;
};

/**
 * Puts a database back to the migrated, empty state its template had: every public table emptied, every sequence
 * restarted, snapshot schemas dropped, the session's settings, locks and listeners discarded.
 */
const RESET_SQL = `DO $$ DECLARE r record; tables text; BEGIN
	SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables FROM pg_tables WHERE schemaname = 'public';
	IF tables IS NOT NULL THEN EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE'; END IF;
	FOR r IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' LOOP
		EXECUTE format('ALTER SEQUENCE public.%I RESTART', r.sequence_name);
	END LOOP;
	FOR r IN SELECT nspname FROM pg_namespace WHERE nspname LIKE 'snapshot\\_%' LOOP
		EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
	END LOOP;
END $$`;

/**
 * Opening a PGlite from the template dump costs seconds (WASM start-up and the copy); emptying one costs milliseconds.
 * A test file's worker keeps the PGlite databases its tests dropped and hands them out again, emptied. A database is
 * only reused after the test that had it dropped it, so no two tests ever share one at the same time.
 */
const idlePglite: Database[] = [];

async function pooledPglite(): Promise<Database> {
	const reused = idlePglite.pop();
	if (reused) return reused;
	const template = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
	return openDatabase({ pgliteTemplate: template });
}

async function emptied(database: Database): Promise<Database> {
	await database.withConnection(async (query) => {
		await query(RESET_SQL);
		await query('DISCARD ALL');
	});
	return database;
}

/** A fresh, migrated, empty database of its own for one test; `persistent` puts PGlite on disk so it can be reopened. */
export async function freshDatabase(driver: Driver, opts: { persistent?: boolean } = {}): Promise<TestDatabase> {
	if (driver === 'pglite' && !opts.persistent) {
		const database = await pooledPglite();
		let dropped = false;
		return {
			...database,
			async drop() {
				if (dropped) return;
				dropped = true;
				try {
					idlePglite.push(await emptied(database));
				} catch {
					// a test left it unusable (closed, or mid-failure): let it go rather than hand it out again
					await database.close().catch(() => undefined);
				}
			},
			async reopen() {
				throw new Error('reopen needs freshDatabase(driver, { persistent: true })');
			}
		};
	}
	if (driver === 'pglite') {
		const template = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-pglite-'));
		const wrap = (database: Database): TestDatabase => ({
			...database,
			async drop() {
				await database.close();
				fs.rmSync(dir, { recursive: true, force: true });
			},
			async reopen() {
				await database.close();
				return wrap(await openDatabase({ pgliteDir: dir }));
			}
		});
		return wrap(await openDatabase({ pgliteTemplate: template, pgliteDir: dir }));
	}
	const adminUrl = process.env.DATABASE_URL!;
	const name = `ht_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	// a copy of the migrated template database global-setup made: no migrations to run per test
	await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const wrap = (database: Database): TestDatabase => ({
		...database,
		async drop() {
			await database.close();
			const again = new pg.Client({ connectionString: adminUrl });
			await again.connect();
			await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await again.end();
		},
		async reopen() {
			await database.close();
			return wrap(await openDatabase({ databaseUrl: url.toString() }));
		}
	});
	return wrap(await openDatabase({ databaseUrl: url.toString() }));
}

/** A copy of every table and sequence of a test database, taken while it runs (see snapshotDatabase). */
export interface DatabaseSnapshot {
	/** Puts every table and sequence back as they were at the snapshot: what a restore from that backup does. */
	restore(database: Database): Promise<void>;
}

/**
 * A mid-day backup of the database, the same way on both drivers: every table of the public schema copied into
 * a schema of its own, with the sequences' positions (change_seq decides what a pull sends). Restoring empties
 * the tables and copies the rows back with foreign keys deferred by `session_replication_role`.
 */
export async function snapshotDatabase(database: Database): Promise<DatabaseSnapshot> {
	const schema = `snapshot_${randomBytes(6).toString('hex')}`;
	const { tables, sequences } = await database.withConnection(async (query) => {
		const tables = (await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`, [])).rows.map((r) => String(r.tablename));
		const names = (await query(`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public'`, [])).rows.map((r) => String(r.relname));
		await query(`CREATE SCHEMA ${schema}; ${tables.map((t) => `CREATE TABLE ${schema}.${t} AS TABLE public.${t};`).join(' ')}`);
		const sequences: Array<{ name: string; lastValue: string; isCalled: boolean }> = [];
		for (const name of names) {
			const row = (await query(`SELECT last_value::text AS last_value, is_called FROM public.${name}`, [])).rows[0]!;
			sequences.push({ name, lastValue: String(row.last_value), isCalled: Boolean(row.is_called) });
		}
		return { tables, sequences };
	});
	return {
		async restore(target) {
			await target.withConnection((query) =>
				query(
					[
						'BEGIN;',
						'SET LOCAL session_replication_role = replica;',
						`TRUNCATE ${tables.map((t) => `public.${t}`).join(', ')};`,
						...tables.map((t) => `INSERT INTO public.${t} OVERRIDING SYSTEM VALUE SELECT * FROM ${schema}.${t};`),
						...sequences.map((q) => `SELECT setval('public.${q.name}', ${q.lastValue}, ${q.isCalled});`),
						'COMMIT;'
					].join('\n')
				)
			);
		}
	};
}
