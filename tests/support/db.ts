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

/** A fresh, migrated, empty database of its own for one test; `persistent` puts PGlite on disk so it can be reopened. */
export async function freshDatabase(driver: Driver, opts: { persistent?: boolean } = {}): Promise<TestDatabase> {
	if (driver === 'pglite') {
		const template = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
		const dir = opts.persistent ? fs.mkdtempSync(path.join(os.tmpdir(), 'ht-pglite-')) : undefined;
		const wrap = (database: Database): TestDatabase => ({
			...database,
			async drop() {
				await database.close();
				if (dir) fs.rmSync(dir, { recursive: true, force: true });
			},
			async reopen() {
				if (!dir) throw new Error('reopen needs freshDatabase(driver, { persistent: true })');
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
	await admin.query(`CREATE DATABASE ${name}`);
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
