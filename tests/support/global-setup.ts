// Opening a fresh PGlite costs ~5 s: build one migrated database once and let every test file start from its dump.
import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminQuery } from './pg-admin.mjs';
import { randomBytes } from 'node:crypto';
import { openDatabase, PGLITE_EXTENSIONS, wrapPglite } from '../../server/db/database';
import { runMigrations } from '../../server/db/migrate';

export default async function setup(project: TestProject) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-template-'));
	const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
	await runMigrations(wrapPglite(client));
	const dump = await client.dumpDataDir('none');
	await client.close();
	const file = path.join(dir, 'template.tar');
	fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
	project.provide('pgliteTemplate', file);
	const adminUrl = process.env.DATABASE_URL;
	let dropTemplate = async () => {};
	if (!adminUrl) {
		console.log('[api tests] DATABASE_URL is not set: the PostgreSQL runs are skipped; only PGlite runs.');
		project.provide('postgresTemplate', '');
	} else {
		// one migrated PostgreSQL database that every test's database is copied from (CREATE DATABASE … TEMPLATE)
		const name = `ht_template_${randomBytes(6).toString('hex')}`;
		const admin = (sql: string) => adminQuery(adminUrl, sql);
		await admin(`CREATE DATABASE ${name}`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		const database = await openDatabase({ databaseUrl: url.toString() });
		await database.close();
		project.provide('postgresTemplate', name);
		dropTemplate = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	}
	return async () => {
		fs.rmSync(dir, { recursive: true, force: true });
		await dropTemplate();
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
		/** The migrated PostgreSQL database each test database is copied from ('' without DATABASE_URL). */
		postgresTemplate: string;
	}
}
