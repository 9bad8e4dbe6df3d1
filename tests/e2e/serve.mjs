// One e2e server: a fresh demo database of its own each run, then `npm start`. Several servers start side by side (one per
// Playwright project); the first to take the lock brings the PWA build up to date, the others wait and reuse it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { adminQuery } from '../support/pg-admin.mjs';

const lock = path.resolve('.tmp/e2e-build.lock');
fs.mkdirSync(path.dirname(lock), { recursive: true });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
for (;;) {
	try {
		fs.mkdirSync(lock);
		break;
	} catch {
		// a lock older than the longest build is left over from a killed run
		const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
		if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
		else await sleep(500);
	}
}
let built;
try {
	built = spawnSync(process.execPath, ['server/start.mjs', '--build-only'], { stdio: 'inherit', env: process.env });
} finally {
	fs.rmSync(lock, { recursive: true, force: true });
}
if (built.status !== 0) process.exit(built.status ?? 1);

fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true });
const database = await ownDatabase(process.env.DATABASE_URL, process.env.PORT);
const server = spawn(process.execPath, ['server/start.mjs'], { stdio: 'inherit', env: { ...process.env, SKIP_BUILD: '1', ...(database && { DATABASE_URL: database.url }) } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', async (code) => {
	await database?.drop().catch((error) => console.error(`[e2e] ${database.name} was not dropped: ${error.message}`));
	process.exit(code ?? 0);
});

/**
 * With DATABASE_URL (CI sets it), each server gets a fresh PostgreSQL database of its own beside that one, dropped
 * when the server stops: two servers on one database would share their demo data, so one spec's jobs and codes
 * would change what a spec on the other server counts. Without it, each server has its own PGlite under DATA_DIR.
 */
async function ownDatabase(adminUrl, port) {
	if (!adminUrl) return undefined;
	const url = new URL(adminUrl);
	const name = `${url.pathname.slice(1) || 'postgres'}_e2e_${port}`.replace(/[^a-zA-Z0-9_]/g, '_');
	const admin = (sql) => adminQuery(adminUrl, sql);
	await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	await admin(`CREATE DATABASE "${name}"`);
	url.pathname = `/${name}`;
	return { name, url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
