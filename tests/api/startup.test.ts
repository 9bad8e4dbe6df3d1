// Several real server processes started at once on one empty PostgreSQL database: all come up, the demo is seeded once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/services/demo-seed';

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) console.log('[startup test] DATABASE_URL is not set: skipped (several processes cannot share one PGlite directory).');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROCESSES = 3;

interface Started {
	child: ChildProcess;
	port: number;
	output: () => string;
}

/** Starts `server/main.ts` as `npm start` does and resolves with the port it listens on. */
function startServer(databaseUrl: string, scratch: string, n: number): Promise<Started> {
	const dataDir = fs.mkdtempSync(path.join(scratch, `data-${n}-`));
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
		cwd: root,
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			STATIC_DIR: path.join(scratch, 'no-build'),
			SEED_DEMO: '1',
			NOTIFY_INTERVAL_MS: '600000'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	return new Promise((resolve, reject) => {
		const collect = (chunk: Buffer) => {
			output += chunk.toString();
			const listening = /\[start\] Hiện Trường on http:\/\/localhost:(\d+)/.exec(output);
			if (listening) resolve({ child, port: Number(listening[1]), output: () => output });
		};
		child.stdout!.on('data', collect);
		child.stderr!.on('data', collect);
		child.on('exit', (code) => reject(new Error(`server ${n} exited with ${code} before listening:\n${output}`)));
	});
}

describe.skipIf(!adminUrl)('start-up of several processes on one empty PostgreSQL database', () => {
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
		servers = await Promise.all(Array.from({ length: PROCESSES }, (_, n) => startServer(databaseUrl, scratch, n)));
	}, 180_000);

	afterAll(async () => {
		await Promise.all(
			servers.map(
				({ child }) =>
					new Promise<void>((resolve) => {
						if (child.exitCode !== null) return resolve();
						child.once('exit', () => resolve());
						child.kill('SIGTERM');
					})
			)
		);
		await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
		fs.rmSync(scratch, { recursive: true, force: true });
	}, 60_000);

	it('brings every process up: each answers its health check and logs the demo supervisor in', async () => {
		expect(servers).toHaveLength(PROCESSES);
		for (const server of servers) {
			const health = await fetch(`http://127.0.0.1:${server.port}/api/health`);
			expect(health.status, server.output()).toBe(200);
			expect(await health.json()).toMatchObject({ ok: true, database: 'postgres' });
			const login = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'giamsat', password: DEMO_PASSWORD })
			});
			expect(login.status, server.output()).toBe(200);
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
