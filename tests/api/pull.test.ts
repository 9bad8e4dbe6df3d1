import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setJobStatus } from '../../server/db/commands';
import { reassignJob } from '../../server/db/requests';
import { transitionRequest } from '../../server/services/workflow';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('sync pull on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	async function crewWithLogin(username: string) {
		const crew = await t.makeCrew();
		await t.makeUser({ username, crewId: crew.id });
		return { crew, token: await t.login(username) };
	}

	it("gives a crew its jobs with the request, customer, deadline and history", async () => {
		const { crew, token } = await crewWithLogin('doi-a');
		const customer = await t.makeCustomer({ fullName: 'Lê Thị Hồng', phone: '0987654321' });
		const request = await t.makeRequest({ customerId: customer.id, serviceNumber: 2, code: 'YC-2026-00001' }, ['scheduleSurvey']);
		const job = await t.makeJob({ requestId: request.id, crewId: crew.id });

		const res = await t.call('GET', '/api/sync/pull', { token });
		expect(res.status).toBe(200);
		expect(res.body.jobs).toHaveLength(1);
		const pulled = res.body.jobs[0];
		expect(pulled).toMatchObject({ id: job.id, kind: 'survey', status: 'assigned', crewId: crew.id });
		expect(pulled.request).toMatchObject({
			code: 'YC-2026-00001',
			serviceNumber: 2,
			state: 'survey_scheduled',
			version: 2,
			customer: { name: 'Lê Thị Hồng', phone: '0987654321' }
		});
		// service 2 is 5 working days; received Mon 23 Nov 2026 → end of Mon 30 Nov (VN)
		expect(pulled.request.deadline).toBe('2026-11-30T16:59:59.999Z');
		expect(pulled.request.history.map((h: { toState: string }) => h.toState)).toEqual(['submitted', 'survey_scheduled']);
	});

	it("never shows crew A the jobs or customers of crew B", async () => {
		const a = await crewWithLogin('doi-a');
		const b = await crewWithLogin('doi-b');
		const customerB = await t.makeCustomer({ fullName: 'Khách Của Tổ B' });
		await t.makeJob({ crewId: a.crew.id });
		await t.makeJob({ crewId: b.crew.id, requestId: (await t.makeRequest({ customerId: customerB.id }, ['scheduleSurvey'])).id });

		const res = await t.call('GET', '/api/sync/pull', { token: a.token });
		expect(res.body.jobs).toHaveLength(1);
		expect(res.body.jobs[0].crewId).toBe(a.crew.id);
		expect(JSON.stringify(res.body)).not.toContain('Khách Của Tổ B');
	});

	it('refuses the pull to a supervisor (403): it is the crews\' feed', async () => {
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const token = await t.login('giamsat');
		const res = await t.call('GET', '/api/sync/pull', { token });
		expect(res.status).toBe(403);
		expect(res.body.error.message).toContain('không có quyền');
	});

	it('returns only what changed since the cursor', async () => {
		const { crew, token } = await crewWithLogin('doi-a');
		const first = await t.makeJob({ crewId: crew.id });
		const untouched = await t.makeJob({ crewId: crew.id });
		const initial = await t.call('GET', '/api/sync/pull', { token });
		expect(initial.body.jobs.map((j: { id: string }) => j.id).sort()).toEqual([first.id, untouched.id].sort());

		const empty = await t.call('GET', `/api/sync/pull?cursor=${initial.body.cursor}`, { token });
		expect(empty.body.jobs).toEqual([]);
		expect(empty.body.cursor).toBe(initial.body.cursor);

		// the request behind the first job moves on: only that job comes back
		await t.db.transaction((tx) =>
			transitionRequest(tx, { requestId: first.requestId, name: 'submitSurvey', actor: { userId: null, role: 'crew' }, at: t.now() })
		);
		const changed = await t.call('GET', `/api/sync/pull?cursor=${initial.body.cursor}`, { token });
		expect(changed.body.jobs.map((j: { id: string }) => j.id)).toEqual([first.id]);
		expect(changed.body.jobs[0].request.state).toBe('surveyed');
		expect(changed.body.cursor).not.toBe(initial.body.cursor);
	});

	it('tells the old crew to drop a reassigned job and gives it to the new crew', async () => {
		const a = await crewWithLogin('doi-a');
		const b = await crewWithLogin('doi-b');
		const job = await t.makeJob({ crewId: a.crew.id });
		const before = await t.call('GET', '/api/sync/pull', { token: a.token });
		expect(before.body.jobs).toHaveLength(1);

		await t.db.transaction((tx) => reassignJob(tx, job.id, b.crew.id, t.now()));

		const oldCrew = await t.call('GET', `/api/sync/pull?cursor=${before.body.cursor}`, { token: a.token });
		expect(oldCrew.body.jobs).toEqual([]);
		expect(oldCrew.body.removedJobIds).toEqual([job.id]);
		const newCrew = await t.call('GET', '/api/sync/pull', { token: b.token });
		expect(newCrew.body.jobs.map((j: { id: string }) => j.id)).toEqual([job.id]);
	});

	it('sends everything again when the cursor is ahead of the server (restored from a backup)', async () => {
		const { crew, token } = await crewWithLogin('doi-a');
		await t.makeJob({ crewId: crew.id });
		const res = await t.call('GET', '/api/sync/pull?cursor=999999', { token });
		expect(res.body.jobs).toHaveLength(1);
		expect(res.body.cursor).not.toContain('999999');
		const mid = await t.call('GET', `/api/sync/pull?cursor=p.0.999999.${t.now().getTime()}.${t.now().getTime()}.eA`, { token });
		expect(mid.status).toBe(200);
		expect(mid.body.jobs).toHaveLength(1);
	});

	it('answers a malformed cursor with 400 naming the field', async () => {
		const { token } = await crewWithLogin('doi-a');
		const res = await t.call('GET', '/api/sync/pull?cursor=-1', { token });
		expect(res.status).toBe(400);
		expect(Object.keys(res.body.error.fields)).toEqual(['cursor']);
	});
});

describe.each(DRIVERS)('paged, bounded pull on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	type Page = { cursor: string; more: boolean; jobs: { id: string; status: string; request: { state: string } }[]; removedJobIds: string[]; droppedJobIds: string[] };

	async function crewWithLogin(username: string) {
		const crew = await t.makeCrew();
		await t.makeUser({ username, crewId: crew.id });
		return { crew, token: await t.login(username) };
	}

	async function page(token: string, cursor: string | undefined, limit: number): Promise<Page> {
		const query = new URLSearchParams({ limit: String(limit), ...(cursor === undefined ? {} : { cursor }) });
		const res = await t.call('GET', `/api/sync/pull?${query}`, { token });
		expect(res.status).toBe(200);
		return res.body as Page;
	}

	/** Every page of one pass; `between` runs after each page but the last. */
	async function pass(token: string, cursor: string | undefined, limit: number, between?: (index: number) => Promise<void>) {
		const pages: Page[] = [];
		for (let next = cursor; ; ) {
			const p = await page(token, next, limit);
			pages.push(p);
			next = p.cursor;
			if (!p.more) return { pages, cursor: next, ids: pages.flatMap((x) => x.jobs.map((j) => j.id)), last: p };
			await between?.(pages.length - 1);
		}
	}

	const closeJob = (id: string, at: Date) => t.db.transaction((tx) => setJobStatus(tx, id, 'done', at));
	const daysAgo = (n: number) => new Date(t.now().getTime() - n * 86_400_000);

	it('pages a full pull by `limit`: every job exactly once, `more` until the last page, which carries the lists', async () => {
		const { crew, token } = await crewWithLogin('doi-a');
		const made = [];
		for (let i = 0; i < 7; i++) made.push(await t.makeJob({ crewId: crew.id }));
		const { pages, ids, cursor } = await pass(token, undefined, 3);
		expect(pages.map((p) => p.jobs.length)).toEqual([3, 3, 1]);
		expect(pages.map((p) => p.more)).toEqual([true, true, false]);
		expect(ids.slice().sort()).toEqual(made.map((j) => j.id).sort());
		expect(new Set(ids).size).toBe(ids.length);
		// the cursor of the next pass: nothing changed, nothing comes
		const again = await page(token, cursor, 3);
		expect(again).toMatchObject({ more: false, jobs: [], removedJobIds: [], droppedJobIds: [] });
	});

	it('delivers every job exactly once in a pass even when jobs change between its pages, and the changes in the next pass', async () => {
		const a = await crewWithLogin('doi-a');
		const b = await crewWithLogin('doi-b');
		const made = [];
		for (let i = 0; i < 9; i++) made.push(await t.makeJob({ crewId: a.crew.id }));
		const sorted = made.map((j) => j.id).sort();
		const byId = new Map(made.map((j) => [j.id, j]));
		let added: string | undefined;
		const first = await pass(a.token, undefined, 3, async (index) => {
			if (index !== 0) return;
			const [delivered, , , ahead, , taken] = sorted;
			// a job already delivered and one still ahead move on, one ahead goes to another crew, a new one arrives
			for (const id of [delivered!, ahead!]) {
				await t.db.transaction((tx) => transitionRequest(tx, { requestId: byId.get(id)!.requestId, name: 'submitSurvey', actor: { userId: null, role: 'crew' }, at: t.now() }));
			}
			await t.db.transaction((tx) => reassignJob(tx, taken!, b.crew.id, t.now()));
			added = (await t.makeJob({ crewId: a.crew.id })).id;
		});
		expect(new Set(first.ids).size).toBe(first.ids.length);
		const [delivered, , , ahead, , taken] = sorted;
		for (const id of sorted.filter((id) => id !== taken)) expect(first.ids).toContain(id);
		expect(first.ids).not.toContain(taken);
		// the job ahead came in its newest state
		expect(first.pages.flatMap((p) => p.jobs).find((j) => j.id === ahead)!.request.state).toBe('surveyed');
		expect(first.last.removedJobIds).toEqual([taken]);
		// the next pass brings what changed after the first page was read (and maybe was missed behind the key)
		const second = await pass(a.token, first.cursor, 3);
		expect(second.ids).toContain(delivered);
		expect(second.ids).toContain(added);
		expect(second.pages.flatMap((p) => p.jobs).find((j) => j.id === delivered)!.request.state).toBe('surveyed');
		const third = await pass(a.token, second.cursor, 3);
		expect(third.ids).toEqual([]);
	});

	it('holds open jobs and those closed in the last SYNC_RETENTION_DAYS (14), and drops a closed job when it leaves the window', async () => {
		const { crew } = await crewWithLogin('doi-a');
		let token = await t.login('doi-a');
		const later = async (days: number) => {
			t.setNow(new Date(t.now().getTime() + days * 86_400_000));
			token = await t.login('doi-a');
		};
		const open = await t.makeJob({ crewId: crew.id });
		const recent = await t.makeJob({ crewId: crew.id });
		const old = await t.makeJob({ crewId: crew.id });
		await closeJob(recent.id, daysAgo(3));
		await closeJob(old.id, daysAgo(20));

		const first = await pass(token, undefined, 2);
		expect(first.ids.sort()).toEqual([open.id, recent.id].sort());
		expect(first.last.droppedJobIds).toEqual([]);

		// ten days later the recent one was closed 13 days ago: still held, nothing to drop
		await later(10);
		const second = await pass(token, first.cursor, 2);
		expect(second.ids).toEqual([]);
		expect(second.last.droppedJobIds).toEqual([]);

		// two more days: closed 15 days ago, it leaves the tablet through the drop list, once
		await later(2);
		const third = await pass(token, second.cursor, 2);
		expect(third.ids).toEqual([]);
		expect(third.last.droppedJobIds).toEqual([recent.id]);
		const fourth = await pass(token, third.cursor, 2);
		expect(fourth.last.droppedJobIds).toEqual([]);
		// a full pull never sends it again
		expect((await pass(token, undefined, 5)).ids).toEqual([open.id]);
	});

	it('drops a job that closed and aged out while the tablet was away, and every old closed job for an older tablet\'s bare cursor', async () => {
		const { crew } = await crewWithLogin('doi-a');
		let token = await t.login('doi-a');
		const job = await t.makeJob({ crewId: crew.id });
		const old = await t.makeJob({ crewId: crew.id });
		await closeJob(old.id, daysAgo(40));
		const first = await pass(token, undefined, 10);
		expect(first.ids).toEqual([job.id]);
		await closeJob(job.id, t.now());
		t.setNow(new Date(t.now().getTime() + 30 * 86_400_000));
		token = await t.login('doi-a');
		const back = await pass(token, first.cursor, 10);
		expect(back.ids).toEqual([]);
		expect(back.last.droppedJobIds).toEqual([job.id]);

		// a tablet from before paging holds a bare change number: it learns every closed job outside the window
		const legacy = await page(token, '1', 10);
		expect(legacy.droppedJobIds.sort()).toEqual([job.id, old.id].sort());
	});

	it('answers absurd limits and cursors with 400 naming the field in Vietnamese and English, never 5xx', async () => {
		const { crew, token } = await crewWithLogin('doi-a');
		await t.makeJob({ crewId: crew.id });
		const bad: [string, string][] = [
			['limit=0', 'limit'],
			['limit=-1', 'limit'],
			['limit=1001', 'limit'],
			['limit=99999999999999999999', 'limit'],
			['limit=abc', 'limit'],
			['limit=1.5', 'limit'],
			['limit=1e3', 'limit'],
			['limit=', 'limit'],
			['cursor=abc', 'cursor'],
			['cursor=', 'cursor'],
			['cursor=p.1.2.3', 'cursor'],
			['cursor=s.1.2.3', 'cursor'],
			['cursor=1234567890123456789012', 'cursor'],
			[`cursor=p.1.2.3.4.${'A'.repeat(2000)}`, 'cursor'],
			['cursor=s.-1.5', 'cursor']
		];
		for (const [query, field] of bad) {
			const res = await t.call('GET', `/api/sync/pull?${query}`, { token });
			expect(res.status, query).toBe(400);
			expect(Object.keys(res.body.error.fields), query).toEqual([field]);
			// in words, Vietnamese then English
			expect(res.body.error.fields[field], query).toMatch(/^\S.* \((limit must|invalid cursor|cursor too long)/);
		}
		// a NUL is refused before the schema, by the input guard, in its own words
		const nul = await t.call('GET', '/api/sync/pull?cursor=p.1.2.3.4.%00', { token });
		expect(nul.status).toBe(400);
		expect(Object.keys(nul.body.error.fields)).toEqual(['cursor']);
		// odd but well-formed cursors are answered, never a 5xx: a key that matches nothing, a window far ahead
		for (const cursor of ['p.0.0.0.0.eA', 'p.5.3.1.1.eA', 's.0.999999999999999', 's.999999999999999999.0', `p.0.1.${Date.now()}.0.${'_'.repeat(300)}`]) {
			const res = await t.call('GET', `/api/sync/pull?cursor=${cursor}&limit=1000`, { token });
			expect(res.status, cursor).toBe(200);
		}
	});
});
