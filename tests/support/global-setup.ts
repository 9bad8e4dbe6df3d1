// Opening a fresh PGlite costs ~5 s: build one migrated database once and let every test file start from its dump.
import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGLITE_EXTENSIONS, wrapPglite } from '../../server/db/database';
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
	if (!process.env.DATABASE_URL) {
		console.log('[api tests] DATABASE_URL is not set: the PostgreSQL runs are skipped; only PGlite runs.');
	}
	return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
	}
}
