// One e2e server: a fresh demo database each run, then `npm start`. Several servers start side by side (one per
// Playwright project); the first to take the lock brings the PWA build up to date, the others wait and reuse it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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
const server = spawn(process.execPath, ['server/start.mjs'], { stdio: 'inherit', env: { ...process.env, SKIP_BUILD: '1' } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
