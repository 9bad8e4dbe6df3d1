import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

/** An open event stream whose events are read as they come. */
async function openStream(t: TestContext, token: string, query = '') {
	const controller = new AbortController();
	const res = await t.app.request(`/api/events?access_token=${token}${query}`, { signal: controller.signal });
	expect(res.status).toBe(200);
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	const events = () => [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
	let reading: Promise<void> = Promise.resolve();
	/** Waits until `count` events named `name` arrived, or `ms` passed; answers how many did. */
	async function waitFor(name: string, count: number, ms: number): Promise<number> {
		const deadline = Date.now() + ms;
		while (events().filter((e) => e === name).length < count && Date.now() < deadline) {
			reading = reading.then(async () => {
				const { value } = await reader.read();
				if (value) text += decoder.decode(value);
			});
			await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
		}
		return events().filter((e) => e === name).length;
	}
	return {
		waitFor,
		events,
		async close() {
			controller.abort();
			await reader.cancel().catch(() => undefined);
		}
	};
}

describe.each(DRIVERS)('live updates by database notification on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	it('tells an open board of a new request at once, long before its next heartbeat', async () => {
		// a 10 s heartbeat: a 'changed' within 5 s can only come from the database's notification
		const stream = await openStream(t, supervisor, '&pollMs=10000');
		expect(await stream.waitFor('ready', 1, 5_000)).toBe(1);
		await t.makeRequest({ unitId });
		expect(await stream.waitFor('changed', 1, 5_000)).toBe(1);
		expect(stream.events()).not.toContain('ping');
		await stream.close();
	});

	it('ends a stream at logout without waiting for the heartbeat', async () => {
		const token = await t.login('giamsat');
		const stream = await openStream(t, token, '&pollMs=10000');
		expect(await stream.waitFor('ready', 1, 5_000)).toBe(1);
		expect((await t.call('POST', '/api/auth/logout', { token })).status).toBe(200);
		expect(await stream.waitFor('session_ended', 1, 5_000)).toBe(1);
		await stream.close();
	});

	it('keeps quiet for another unit’s change: the board re-reads its marker, finds nothing of its own, says nothing', async () => {
		const stream = await openStream(t, supervisor, '&pollMs=10000');
		expect(await stream.waitFor('ready', 1, 5_000)).toBe(1);
		const otherUnit = (await t.makeUnit({ name: 'Điện lực Khác' })).id;
		await t.makeRequest({ unitId: otherUnit });
		expect(await stream.waitFor('changed', 1, 1_500)).toBe(0);
		await t.makeRequest({ unitId });
		expect(await stream.waitFor('changed', 1, 5_000)).toBe(1);
		await stream.close();
	});
});

describe.runIf(DRIVERS.includes('postgres'))('live updates on PostgreSQL, measured on the server', () => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	let admin: pg.Client;
	beforeEach(async () => {
		t = await createTestContext('postgres');
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
		admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await admin.connect();
	});
	afterEach(async () => {
		await admin.end();
		await t.close();
	});

	/** Transactions the test database has run so far (every query of the app is one). */
	async function transactions(): Promise<number> {
		await admin.query('SELECT pg_stat_clear_snapshot()');
		// backends report their counters when idle, at most once a second
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		const { rows } = await admin.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`);
		return Number(rows[0].n);
	}

	it('runs no query for 20 idle streams over 5 seconds (polling ran about 200)', async () => {
		// the test's database: the admin connection was opened on DATABASE_URL's database, so point it at the app's
		const { rows } = await t.database.withConnection((query) => query('SELECT current_database() AS name'));
		await admin.end();
		const url = new URL(process.env.DATABASE_URL!);
		url.pathname = `/${rows[0]!.name}`;
		admin = new pg.Client({ connectionString: url.toString() });
		await admin.connect();

		const streams = await Promise.all(Array.from({ length: 20 }, () => openStream(t, supervisor)));
		for (const stream of streams) expect(await stream.waitFor('ready', 1, 5_000)).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		const before = await transactions();
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		const after = await transactions();
		// the admin connection's own statistics reads are its only transactions
		expect(after - before).toBeLessThanOrEqual(4);
		for (const stream of streams) await stream.close();
	}, 30_000);

	it('still tells the board when the listening connection is cut, and listens again', async () => {
		const stream = await openStream(t, supervisor, '&pollMs=10000');
		expect(await stream.waitFor('ready', 1, 5_000)).toBe(1);
		const { rows } = await t.database.withConnection((query) => query('SELECT current_database() AS name'));
		// the stream is ready once subscribed; its process's one listener may still be issuing LISTEN on a loaded
		// machine: wait until PostgreSQL shows that connection, then cut it
		const listening = async () =>
			(await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query = 'LISTEN ht_changes'`, [rows[0]!.name])).rows[0].n as number;
		await expect.poll(listening, { timeout: 5_000, interval: 50 }).toBe(1);
		const cut = await admin.query(`SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND query = 'LISTEN ht_changes'`, [rows[0]!.name]);
		expect(cut.rows.length).toBe(1);
		await t.makeRequest({ unitId });
		expect(await stream.waitFor('changed', 1, 8_000)).toBe(1);
		// listening again: the next change also arrives
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		await t.makeRequest({ unitId });
		expect(await stream.waitFor('changed', 2, 8_000)).toBe(2);
		await stream.close();
	}, 30_000);
});
