import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { runMigrations } from '../../server/db/migrate';
import { DataDirLockedError, lockDataDir } from '../../server/db/data-dir-lock';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/services/demo-seed';
import { vnDateOf } from '../../src/lib/domain/sla';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('storage on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	it('applies migrations once: a second run does nothing', async () => {
		expect(await runMigrations(t.database)).toEqual([]);
	});

	it('keeps the audit log append-only: edits and deletions are refused by the database', async () => {
		await t.makeRequest({}, ['scheduleSurvey']);
		const databaseMessage = (err: unknown) => String((err as { cause?: Error }).cause?.message ?? err);
		const update = await t.db.execute(sql`UPDATE audit_log SET to_state = 'completed'`).catch(databaseMessage);
		const remove = await t.db.execute(sql`DELETE FROM audit_log`).catch(databaseMessage);
		expect(update).toMatch(/audit_log is append-only/);
		expect(remove).toMatch(/audit_log is append-only/);
		const { rows } = (await t.db.execute(sql`SELECT to_state FROM audit_log ORDER BY id`)) as unknown as { rows: Array<{ to_state: string }> };
		expect(rows.map((r) => r.to_state)).toEqual(['submitted', 'survey_scheduled']);
	});

	it('seeds the demo: accounts that log in, ~40 requests, and jobs today for every crew', async () => {
		const now = new Date('2026-11-23T01:30:00Z'); // 08:30 Monday in Hà Nội
		await seedDemo(t.database, { clock: () => now, newId: (() => { let n = 0; return () => `demo-${++n}`; })() }, DEFAULT_HOLIDAYS, now);
		const counts = await t.db.execute(sql`SELECT count(*)::int AS n, count(DISTINCT state)::int AS states FROM requests`);
		const row = (counts as unknown as { rows: Array<{ n: number; states: number }> }).rows[0]!;
		expect(row.n).toBeGreaterThanOrEqual(40);
		expect(row.states).toBeGreaterThanOrEqual(7);

		for (const account of DEMO_ACCOUNTS.filter((a) => a.role === 'crew')) {
			const token = await t.login(account.username, DEMO_PASSWORD);
			const pull = await t.call('GET', '/api/sync/pull', { token });
			const today = pull.body.jobs.filter(
				(j: { status: string; scheduledAt: string }) => j.status === 'assigned' && vnDateOf(new Date(j.scheduledAt)) === '2026-11-23'
			);
			expect(today.length, `${account.username} has jobs today`).toBeGreaterThan(0);
			// an installation job is ready to sign on site: contract attached, estimate behind it
			for (const job of pull.body.jobs.filter((j: { kind: string; status: string }) => j.kind === 'installation' && j.status === 'assigned')) {
				expect(job.request.state).toBe('contract_drafted');
				expect(job.request.contract.body).toContain(job.request.code);
				expect(job.request.estimate.total).toBeGreaterThan(0);
			}
			const surveys = pull.body.jobs.filter((j: { kind: string; status: string; request: { state: string } }) => j.kind === 'survey' && j.status === 'assigned' && j.request.state === 'survey_scheduled');
			expect(surveys.length, `${account.username} has surveys waiting`).toBeGreaterThanOrEqual(5);
			// a surveyed request waits for its estimate on the same job, with the survey to price it from
			const toEstimate = pull.body.jobs.filter((j: { status: string; request: { state: string } }) => j.status === 'assigned' && j.request.state === 'surveyed');
			expect(toEstimate.length, `${account.username} has estimates to draw up`).toBeGreaterThan(0);
			for (const job of toEstimate) expect(job.request.survey.distanceM).toBeGreaterThan(0);
		}
		// each drafted contract's signing code went to its customer
		const codes = await t.db.execute(sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'contract_code'`);
		expect((codes as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBeGreaterThan(0);
	});
});

describe('PGlite data directory lock', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-lock-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('refuses a second process with a message that says what to do', () => {
		const release = lockDataDir(dir, process.pid);
		// process.ppid is alive and is not us: it stands for another server on the same directory
		expect(() => lockDataDir(dir, process.ppid)).toThrow(DataDirLockedError);
		expect(() => lockDataDir(dir, process.ppid)).toThrow(/in use by another process \(pid \d+\).*DATA_DIR/);
		release();
		const again = lockDataDir(dir, process.ppid);
		again();
	});

	it('takes over a stale lock left by a process that died', () => {
		fs.writeFileSync(path.join(dir, 'hien-truong.lock'), '999999999');
		const release = lockDataDir(dir, process.pid);
		expect(JSON.parse(fs.readFileSync(path.join(dir, 'hien-truong.lock'), 'utf8')).pid).toBe(process.pid);
		release();
		expect(fs.existsSync(path.join(dir, 'hien-truong.lock'))).toBe(false);
	});
});

describe('serving the PWA', () => {
	let t: TestContext;
	let staticDir: string;
	beforeEach(async () => {
		staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-static-'));
		fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Hiện Trường</title>');
		fs.mkdirSync(path.join(staticDir, '_app', 'immutable'), { recursive: true });
		fs.writeFileSync(path.join(staticDir, '_app', 'immutable', 'app.123.js'), 'console.log(1)');
		t = await createTestContext('pglite', { staticDir });
	});
	afterEach(async () => {
		await t.close();
		fs.rmSync(staticDir, { recursive: true, force: true });
	});

	it('answers a deep link with the app shell, revalidated, and hashed assets as immutable', async () => {
		const deep = await t.call('GET', '/jobs/abc');
		expect(deep.status).toBe(200);
		expect(deep.body).toContain('<title>Hiện Trường</title>');
		expect(deep.headers.get('cache-control')).toBe('no-cache');
		const asset = await t.call('GET', '/_app/immutable/app.123.js');
		expect(asset.headers.get('cache-control')).toContain('immutable');
	});

	it('still answers unknown API paths with JSON, not the shell', async () => {
		const res = await t.call('GET', '/api/khong-co');
		expect(res.status).toBe(404);
		expect(res.body.error.code).toBe('not_found');
	});
});
