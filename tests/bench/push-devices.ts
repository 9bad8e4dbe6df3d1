// 50 tablets pushing at once, over HTTP, to real API processes on one PostgreSQL (docs/deploy.md): 50 crews, each
// with its own account, token, device id and jobs, each sending its day's mixed batch (surveys and their estimates,
// on-site signatures and their installations, meter checks) in one `POST /api/sync/push` at the same moment. Run
// against one `server/main.ts` process, then two on the same database; with two, the tablets are split over both
// ports (tablet i talks to process i mod 2, as a round-robin proxy would deal them; no proxy process competes for the
// 2 cores). After every round the database is counted: every command applied exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { SessionUser } from '../../src/lib/domain/api';
import type { CommandEnvelope } from '../../src/lib/domain/commands';
import { hashPassword } from '../../server/auth/password';
import { openDatabase, type Database } from '../../server/db/database';
import { insertCrew, insertCustomer, insertUnit, insertUser } from '../../server/db/requests';
import { type BenchRow, failed, median, ms, skipped } from './lib';
import { commandsOf, mixedCommands, mixWords, type Mix } from './push-mixed';
import { spread } from './push';
import { freePort } from '../support/ports';

const BENCH = 'Push, 50 tablets at once (HTTP)';
const DEVICES = Number(process.env.BENCH_DEVICES ?? 50);
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const PROCESS_COUNTS = (process.env.BENCH_DEVICES_PROCESSES ?? '1,2').split(',').map(Number);
/** Each tablet's batch: 12 surveys + 12 estimates + 4 signatures + 4 installations + 8 meter checks = 40 commands. */
const DEVICE_MIX: Mix = { surveyed: 12, installed: 4, checked: 8 };
const PER_DEVICE = commandsOf(DEVICE_MIX);
const WARMUP_MIX: Mix = { surveyed: 3, installed: 2, checked: 2 };
/** The target for a mixed push on PostgreSQL. */
const TARGET = 2_000;
const PASSWORD = 'bench-mat-khau';
const DEFAULT_PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A real API process (server/main.ts, as `npm start` runs it) on the database, API only, no demo data. */
async function startProcess(databaseUrl: string, dataDir: string): Promise<{ child: ChildProcess; base: string }> {
	const port = await freePort();
	const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
		env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: path.join(dataDir, 'no-build'), SEED_DEMO: '0' },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let errors = '';
	child.stderr?.on('data', (chunk) => (errors += String(chunk)));
	const base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`an API process stopped at start: ${errors.split('\n').slice(-3).join(' ')}`);
		if (Date.now() > deadline) throw new Error('an API process did not answer /api/health within 90 s');
		if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { child, base };
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

async function stopProcesses(children: ChildProcess[]) {
	for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
	await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)))));
}

/** The unit, the customer every request is for, and one crew with one member (a password to log in with) per tablet. */
async function crewsOfTablets(database: Database, count: number): Promise<SessionUser[]> {
	const { db } = database;
	const unitId = 'bench-unit';
	await insertUnit(db, { id: unitId, name: 'Điện lực Bench' });
	await insertCustomer(db, { id: 'bench-kh', fullName: 'Nguyễn Văn Khách', phone: '0912345678', email: null, address: 'Huế' });
	const passwordHash = await hashPassword(PASSWORD);
	const users: SessionUser[] = [];
	for (let i = 0; i < count; i++) {
		const n = String(i + 1).padStart(2, '0');
		const crewId = `bench-crew-${n}`;
		const user: SessionUser = { id: `bench-user-${n}`, username: `to-${n}`, fullName: `Tổ trưởng ${n}`, role: 'crew', crewId, crewName: `Tổ ${n}`, unitId };
		await insertCrew(db, { id: crewId, unitId, name: user.crewName! });
		await insertUser(db, { id: user.id, username: user.username, fullName: user.fullName, role: 'crew', unitId: null, crewId, phone: null, createdAt: new Date(), passwordHash });
		users.push(user);
	}
	return users;
}

async function login(base: string, username: string): Promise<string> {
	const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
	if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
	return ((await res.json()) as { token: string }).token;
}

interface Tablet {
	deviceId: string;
	token: string;
	base: string;
	commands: CommandEnvelope[];
}

/** Each tablet's work for one round, prepared a few tablets at a time (not timed); tablet i talks to process i mod N. */
async function tabletsOf(database: Database, prefix: string, users: SessionUser[], tokens: string[], bases: string[], mix: Mix): Promise<Tablet[]> {
	const tablets: Tablet[] = new Array(users.length);
	const SIDE_BY_SIDE = 5;
	for (let start = 0; start < users.length; start += SIDE_BY_SIDE) {
		await Promise.all(
			users.slice(start, start + SIDE_BY_SIDE).map(async (user, j) => {
				const i = start + j;
				const own = `${prefix}t${String(i + 1).padStart(2, '0')}`;
				tablets[i] = { deviceId: `tablet-${own}`, token: tokens[i]!, base: bases[i % bases.length]!, commands: await mixedCommands(database, user, own, mix) };
			})
		);
	}
	return tablets;
}

/** One tablet's push: the whole batch in one call; its latency and what came back. */
async function pushTablet(tablet: Tablet): Promise<{ ms: number; applied: number; other: string[] }> {
	const start = performance.now();
	const res = await fetch(`${tablet.base}/api/sync/push`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tablet.token}` },
		body: JSON.stringify({ deviceId: tablet.deviceId, commands: tablet.commands })
	});
	const body = (await res.json()) as { results?: { status: string; code?: string }[] };
	const elapsed = performance.now() - start;
	if (!res.ok || !body.results) return { ms: elapsed, applied: 0, other: [`HTTP ${res.status}`] };
	const applied = body.results.filter((r) => r.status === 'applied').length;
	const other = body.results.filter((r) => r.status !== 'applied').map((r) => `${r.status}:${r.code ?? ''}`);
	if (body.results.length < tablet.commands.length) other.push(`${tablet.commands.length - body.results.length} without a result`);
	return { ms: elapsed, applied, other };
}

/**
 * Counted in the database after a round: each tablet's log holds every seq once, applied; every command left exactly
 * one audit entry of its transition and one record (survey, estimate, signature, installation, meter check); each
 * device's last seq is its batch's last. Returns what did not hold, in words ('' when all did).
 */
async function exactlyOnce(admin: pg.Client, tablets: Tablet[]): Promise<string> {
	const devices = tablets.map((t) => t.deviceId);
	const requestIds = [...new Set(tablets.flatMap((t) => t.commands.map((c) => c.requestId)))];
	const total = tablets.reduce((n, t) => n + t.commands.length, 0);
	const count = async (query: string, params: unknown[]) => Number((await admin.query(query, params)).rows[0]!.n);
	const expected: [string, number, number][] = [
		['applied commands in the log', total, await count(`SELECT count(*) AS n FROM command_log WHERE device_id = ANY($1) AND status = 'applied'`, [devices])],
		['distinct commands in the log', total, await count(`SELECT count(DISTINCT command_id) AS n FROM command_log WHERE device_id = ANY($1)`, [devices])],
		['audit entries of the tablets', total, await count(`SELECT count(*) AS n FROM audit_log WHERE device_id = ANY($1)`, [devices])],
		['distinct transitions audited', total, await count(`SELECT count(*) AS n FROM (SELECT DISTINCT request_id, transition FROM audit_log WHERE device_id = ANY($1)) d`, [devices])],
		['devices at their last seq', tablets.length, await count(`SELECT count(*) AS n FROM devices WHERE id = ANY($1) AND last_seq = $2`, [devices, PER_DEVICE])]
	];
	const perKind: [string, string, number][] = [
		['surveys', 'surveys', DEVICE_MIX.surveyed],
		['estimates', 'estimates', DEVICE_MIX.surveyed],
		['signatures', 'signatures', DEVICE_MIX.installed],
		['installations', 'installations', DEVICE_MIX.installed],
		['meter checks', 'meter_checks', DEVICE_MIX.checked]
	];
	for (const [words, table, each] of perKind) {
		// the setup wrote the installed requests' surveys and estimates before the round: count only the round's own
		const measured = table === 'surveys' || table === 'estimates' ? requestIds.filter((id) => id.includes('-s-yc-')) : requestIds;
		expected.push([words, each * tablets.length, await count(`SELECT count(*) AS n FROM ${table} WHERE request_id = ANY($1)`, [measured])]);
	}
	return expected
		.filter(([, want, got]) => want !== got)
		.map(([words, want, got]) => `${words}: ${got}, expected ${want}`)
		.join('; ');
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(count: number, databaseUrl: string, database: Database, users: SessionUser[], admin: pg.Client): Promise<BenchRow[]> {
	const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-push-devices-'));
	const children: ChildProcess[] = [];
	const processes = `${count} process${count > 1 ? 'es' : ''}`;
	try {
		const bases: string[] = [];
		for (let i = 0; i < count; i++) {
			const started = await startProcess(databaseUrl, path.join(dataRoot, `p${i}`));
			children.push(started.child);
			bases.push(started.base);
		}
		const tokens = await Promise.all(users.map((u) => login(bases[0]!, u.username)));
		// not timed: each process pushes one small mixed batch first (its JIT, its pool's connections and plans)
		const warm = await Promise.all((await tabletsOf(database, `w${count}`, users.slice(0, count), tokens, bases, WARMUP_MIX)).map(pushTablet));
		if (warm.some((w) => w.other.length > 0)) throw new Error(`${processes}, warm-up: ${warm.flatMap((w) => w.other).slice(0, 3).join(', ')}`);
		const rates: number[] = [];
		const latencies: number[] = [];
		let setupMs = 0;
		for (let round = 0; round < ROUNDS; round++) {
			const setupStart = performance.now();
			const tablets = await tabletsOf(database, `p${count}r${round}`, users, tokens, bases, DEVICE_MIX);
			setupMs += performance.now() - setupStart;
			const start = performance.now();
			const answers = await Promise.all(tablets.map(pushTablet));
			const wallMs = performance.now() - start;
			const applied = answers.reduce((n, a) => n + a.applied, 0);
			const other = answers.flatMap((a) => a.other);
			if (applied !== DEVICES * PER_DEVICE) throw new Error(`${processes}, round ${round + 1}: ${applied}/${DEVICES * PER_DEVICE} applied; ${other.slice(0, 3).join(', ')}`);
			const wrong = await exactlyOnce(admin, tablets);
			if (wrong) throw new Error(`${processes}, round ${round + 1}: not exactly once: ${wrong}`);
			rates.push((applied / wallMs) * 1000);
			latencies.push(...answers.map((a) => a.ms));
		}
		const rate = median(rates);
		const split = count > 1 ? `, tablets split over the ${count} ports` : '';
		return [
			{
				bench: BENCH,
				variant: `PostgreSQL, ${processes}: aggregate`,
				result: `${Math.round(rate)} cmd/s`,
				detail: `median of ${ROUNDS} rounds × ${DEVICES} tablets × ${PER_DEVICE} commands at once (${mixWords(DEVICE_MIX)} each)${split}; spread ${spread(rates)} cmd/s; every command applied exactly once (counted); setup ${ms(setupMs)}`,
				target: `≥ ${TARGET} cmd/s`,
				met: rate >= TARGET
			},
			{
				bench: BENCH,
				variant: `PostgreSQL, ${processes}: batch latency`,
				result: `p50 ${ms(percentile(latencies, 50))}`,
				detail: `p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))} over ${latencies.length} batches of ${PER_DEVICE}`,
				target: '',
				met: null
			}
		];
	} finally {
		await stopProcesses(children);
		fs.rmSync(dataRoot, { recursive: true, force: true });
	}
}

export async function benchPushDevices(): Promise<BenchRow[]> {
	const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_PG_ADMIN;
	const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
	try {
		await admin.connect();
	} catch (error) {
		return [skipped(BENCH, 'PostgreSQL', `no PostgreSQL at ${new URL(adminUrl).host} (${(error as Error).message}); set DATABASE_URL`, `≥ ${TARGET} cmd/s`)];
	}
	const name = `ht_bench_devices_${randomBytes(5).toString('hex')}`;
	let database: Database | undefined;
	let counter: pg.Client | undefined;
	const rows: BenchRow[] = [];
	try {
		await admin.query(`CREATE DATABASE ${name}`);
		const url = new URL(adminUrl);
		url.pathname = `/${name}`;
		// migrated here; the processes find it migrated. The bench prepares each round's work through this connection
		database = await openDatabase({ databaseUrl: url.toString() });
		const users = await crewsOfTablets(database, DEVICES);
		counter = new pg.Client({ connectionString: url.toString() });
		await counter.connect();
		for (const count of PROCESS_COUNTS) {
			try {
				rows.push(...(await measure(count, url.toString(), database, users, counter)));
			} catch (error) {
				rows.push(failed(BENCH, `PostgreSQL, ${count} process${count > 1 ? 'es' : ''}`, error, `≥ ${TARGET} cmd/s`));
			}
		}
	} catch (error) {
		rows.push(failed(BENCH, 'PostgreSQL', error, `≥ ${TARGET} cmd/s`));
	} finally {
		await counter?.end().catch(() => undefined);
		await database?.close().catch(() => undefined);
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
		await admin.end().catch(() => undefined);
	}
	return rows;
}
