// Several API processes on one PostgreSQL (docs/deploy.md): 1, 2 and 4 real `server/main.ts` processes on a scratch
// database with the demo data, each on its own port. Measured from outside, over HTTP:
// - pull: crews' full pulls per second, 16 clients dealt round robin over the processes;
// - events: the database transactions per second that 300 idle event streams (dealt over the processes) add.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { type BenchRow, failed, skipped } from './lib';
import { freePort } from '../support/ports';

const BENCH = 'Several API processes (PostgreSQL)';
const COUNTS = [1, 2, 4];
const PULL_CLIENTS = 16;
const PULL_SECONDS = 5;
const IDLE_STREAMS = 300;
const IDLE_SECONDS = 5;
const STATS_SETTLE_MS = 12_000;
const CREWS = ['doi1.an', 'doi2.cuong', 'doi3.hai'];
const DEFAULT_PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

async function startProcess(databaseUrl: string, dataDir: string): Promise<{ child: ChildProcess; base: string }> {
	const port = await freePort();
	const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
		env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: path.join(dataDir, 'no-build'), SEED_DEMO: '1', LOGIN_MAX_FAILURES: '1000' },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let errors = '';
	child.stderr?.on('data', (chunk) => (errors += String(chunk)));
	const base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`an API process stopped at start: ${errors.split('\n').slice(-3).join(' ')}`);
		if (Date.now() > deadline) throw new Error('an API process did not answer /api/health within 90 s');
		const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
		if (ok) return { child, base };
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

async function login(base: string, username: string): Promise<string> {
	const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'hientruong' }) });
	if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
	return ((await res.json()) as { token: string }).token;
}

/** Resolves once the stream said 'ready'; the rest of it is left unread (an idle client). */
async function readyOf(res: Response): Promise<void> {
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	while (!text.includes('event: ready')) {
		const { value, done } = await reader.read();
		if (done) throw new Error('an event stream closed before it was ready');
		text += decoder.decode(value);
	}
}

async function transactions(admin: pg.Client, database: string): Promise<number> {
	await admin.query('SELECT pg_stat_clear_snapshot()');
	const { rows } = await admin.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [database]);
	return Number(rows[0]?.n ?? 0);
}

async function measure(count: number, adminUrl: string): Promise<BenchRow[]> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	const name = `ht_bench_procs_${randomBytes(5).toString('hex')}`;
	const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-procs-'));
	const processes: ChildProcess[] = [];
	const streams: AbortController[] = [];
	try {
		await admin.query(`CREATE DATABASE ${name}`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		const bases: string[] = [];
		// the first one migrates and seeds; the others start on the ready database
		for (let i = 0; i < count; i++) {
			const started = await startProcess(url.toString(), path.join(dataRoot, `p${i}`));
			processes.push(started.child);
			bases.push(started.base);
		}
		const tokens = await Promise.all(CREWS.map((crew) => login(bases[0]!, crew)));
		const supervisor = await login(bases[0]!, 'giamsat');

		let pulls = 0;
		const until = performance.now() + PULL_SECONDS * 1000;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: PULL_CLIENTS }, async (_, client) => {
				for (let i = 0; performance.now() < until; i++) {
					const base = bases[(client + i) % bases.length]!;
					const res = await fetch(`${base}/api/sync/pull`, { headers: { Authorization: `Bearer ${tokens[client % tokens.length]}`, 'Accept-Encoding': 'gzip' } });
					await res.arrayBuffer();
					if (!res.ok) throw new Error(`pull answered ${res.status}`);
					pulls++;
				}
			})
		);
		const pullRate = pulls / ((performance.now() - started) / 1000);

		// what the processes do with no stream open (the notice dispatcher sending the demo's queued notices, sweeps):
		// measured first, so the row is what the streams add
		const idleRate = async () => {
			const before = await transactions(admin, name);
			await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
			// statistics reach pg_stat_database when a backend is idle, at most once a second
			await new Promise((resolve) => setTimeout(resolve, 1_100));
			return ((await transactions(admin, name)) - before) / IDLE_SECONDS;
		};
		await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
		const baseline = await idleRate();
		const opened: Promise<void>[] = [];
		for (let i = 0; i < IDLE_STREAMS; i++) {
			const controller = new AbortController();
			streams.push(controller);
			const res = await fetch(`${bases[i % bases.length]}/api/events?access_token=${supervisor}`, { signal: controller.signal });
			opened.push(readyOf(res));
		}
		// every stream has read its first marker: what follows is the streams at rest. A busy backend reports its
		// counters up to 10 s after it goes idle (PostgreSQL's stats flush), so the opening burst is let settle first
		await Promise.all(opened);
		await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
		const withStreams = await idleRate();
		const added = Math.max(0, withStreams - baseline);
		return [
			{ bench: BENCH, variant: `${count} process${count > 1 ? 'es' : ''}: pull`, result: `${Math.round(pullRate)} pulls/s`, detail: `${PULL_CLIENTS} clients, ${PULL_SECONDS} s, demo crews' jobs, gzip`, target: '', met: null },
			{ bench: BENCH, variant: `${count} process${count > 1 ? 'es' : ''}: ${IDLE_STREAMS} idle streams`, result: `+${added.toFixed(1)} queries/s`, detail: `transactions the open streams add over ${IDLE_SECONDS} s (${withStreams.toFixed(1)}/s with them, ${baseline.toFixed(1)}/s without; polling every 2 s ran ${IDLE_STREAMS * 2}/s)`, target: '≤ 1 query/s', met: added <= 1 }
		];
	} finally {
		for (const controller of streams) controller.abort();
		for (const child of processes) child.kill('SIGTERM');
		await Promise.all(processes.map((child) => (child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)))));
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
		await admin.end().catch(() => undefined);
		fs.rmSync(dataRoot, { recursive: true, force: true });
	}
}

export async function benchProcesses(): Promise<BenchRow[]> {
	const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_PG_ADMIN;
	const probe = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
	try {
		await probe.connect();
		await probe.end();
	} catch (error) {
		return [skipped(BENCH, 'PostgreSQL', `no PostgreSQL at ${new URL(adminUrl).host} (${(error as Error).message}); set DATABASE_URL`)];
	}
	const rows: BenchRow[] = [];
	for (const count of COUNTS) {
		try {
			rows.push(...(await measure(count, adminUrl)));
		} catch (error) {
			rows.push(failed(BENCH, `${count} processes`, error));
		}
	}
	return rows;
}
