// Several real server processes started at once. On one empty PostgreSQL database all come up and the demo is seeded
// once; on one PGlite directory (which must never be shared) exactly one comes up and the others refuse, naming the lock.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../server/db/data-dir-lock';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/services/demo-seed';

const adminUrl = process.env.DATABASE_URL;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROCESSES = 3;

interface Started {
	child: ChildProcess;
	port: number;
	output: () => string;
}

interface Refused {
	exitCode: number | null;
	output: string;
}

/** Starts `server/main.ts` as `npm start` does; resolves with the port it listens on, or how it exited before that. */
function launchServer(env: Record<string, string>): Promise<Started | Refused> {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
		cwd: root,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '1', NOTIFY_INTERVAL_MS: '600000', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	return new Promise((resolve) => {
		const collect = (chunk: Buffer) => {
			output += chunk.toString();
			const listening = /\[start\] Hiện Trường on http:\/\/localhost:(\d+)/.exec(output);
			if (listening) resolve({ child, port: Number(listening[1]), output: () => output });
		};
		child.stdout!.on('data', collect);
		child.stderr!.on('data', collect);
		child.on('exit', (exitCode) => resolve({ exitCode, output }));
	});
}

/** Starts a server that must come up. */
async function startServer(env: Record<string, string>, n: number): Promise<Started> {
	const started = await launchServer(env);
	if (!('port' in started)) throw new Error(`server ${n} exited with ${started.exitCode} before listening:\n${started.output}`);
	return started;
}

function stopAll(servers: Started[]) {
	return Promise.all(
		servers.map(
			({ child }) =>
				new Promise<void>((resolve) => {
					if (child.exitCode !== null) return resolve();
					child.once('exit', () => resolve());
					child.kill('SIGTERM');
				})
		)
	);
}

async function loginStatus(server: Started) {
	const login = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'giamsat', password: DEMO_PASSWORD })
	});
	return login.status;
}

// Like every API test, the PostgreSQL half runs when DATABASE_URL names a server (CI sets it); the PGlite half always runs.
if (adminUrl) describe('start-up of several processes on one empty PostgreSQL database', () => {
	const name = `ht_startup_${randomBytes(6).toString('hex')}`;
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-startup-'));
	let servers: Started[] = [];
	let databaseUrl = '';

	async function admin<T>(fn: (client: pg.Client) => Promise<T>, url = adminUrl!): Promise<T> {
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			return await fn(client);
		} finally {
			await client.end();
		}
	}

	beforeAll(async () => {
		await admin((c) => c.query(`CREATE DATABASE ${name}`));
		const url = new URL(adminUrl!);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		fs.mkdirSync(path.join(scratch, 'no-build'));
		servers = await Promise.all(
			Array.from({ length: PROCESSES }, (_, n) =>
				startServer({ DATABASE_URL: databaseUrl, DATA_DIR: fs.mkdtempSync(path.join(scratch, `data-${n}-`)), STATIC_DIR: path.join(scratch, 'no-build') }, n)
			)
		);
	}, 180_000);

	afterAll(async () => {
		await stopAll(servers);
		await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
		fs.rmSync(scratch, { recursive: true, force: true });
	}, 60_000);

	it('brings every process up: each answers its health check and logs the demo supervisor in', async () => {
		expect(servers).toHaveLength(PROCESSES);
		for (const server of servers) {
			const health = await fetch(`http://127.0.0.1:${server.port}/api/health`);
			expect(health.status, server.output()).toBe(200);
			expect(await health.json()).toMatchObject({ ok: true, database: 'postgres' });
			expect(await loginStatus(server), server.output()).toBe(200);
		}
	});

	it('seeds the demo exactly once, by one of them', async () => {
		const counts = await admin(async (c) => {
			const units = await c.query('SELECT count(*)::int AS n FROM units');
			const users = await c.query('SELECT count(*)::int AS n FROM users');
			return { units: units.rows[0].n, users: users.rows[0].n };
		}, databaseUrl);
		expect(counts).toEqual({ units: 2, users: DEMO_ACCOUNTS.length });
		const seeders = servers.filter((s) => s.output().includes('demo data seeded'));
		expect(seeders).toHaveLength(1);
	});
});

describe('start-up of several processes on one PGlite directory', () => {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-startup-pglite-'));
	let outcomes: Array<Started | Refused> = [];

	beforeAll(async () => {
		fs.mkdirSync(path.join(scratch, 'no-build'));
		const env = { DATABASE_URL: '', DATA_DIR: path.join(scratch, 'data'), STATIC_DIR: path.join(scratch, 'no-build') };
		outcomes = await Promise.all(Array.from({ length: PROCESSES }, () => launchServer(env)));
	}, 180_000);

	afterAll(async () => {
		await stopAll(outcomes.filter((o): o is Started => 'port' in o));
		fs.rmSync(scratch, { recursive: true, force: true });
	}, 60_000);

	it('brings exactly one process up, seeded and serving; the others stop at once naming the lock file', async () => {
		const up = outcomes.filter((o): o is Started => 'port' in o);
		const refused = outcomes.filter((o): o is Refused => !('port' in o));
		expect(up, outcomes.map((o) => ('port' in o ? o.output() : o.output)).join('\n---\n')).toHaveLength(1);
		const health = await fetch(`http://127.0.0.1:${up[0]!.port}/api/health`);
		expect(await health.json()).toMatchObject({ ok: true, database: 'pglite' });
		expect(await loginStatus(up[0]!)).toBe(200);
		expect(refused).toHaveLength(PROCESSES - 1);
		for (const r of refused) {
			expect(r.exitCode).toBe(1);
			expect(r.output).toContain('is in use by another process');
			expect(r.output).toContain(LOCK_FILE_NAME);
		}
	});
});
