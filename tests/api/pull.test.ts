import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
		expect(Number(changed.body.cursor)).toBeGreaterThan(Number(initial.body.cursor));
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
		expect(Number(res.body.cursor)).toBeLessThan(999999);
	});

	it('answers a malformed cursor with 400 naming the field', async () => {
		const { token } = await crewWithLogin('doi-a');
		const res = await t.call('GET', '/api/sync/pull?cursor=-1', { token });
		expect(res.status).toBe(400);
		expect(Object.keys(res.body.error.fields)).toEqual(['cursor']);
	});
});
