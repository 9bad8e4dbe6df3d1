import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crews, jobs } from '../../server/db/schema';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('a crew an administrator deactivated gets no new work, on %s', (driver) => {
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

	it('refuses a dispatch or a reassignment to it by id, naming the crew, and leaves the work where it was', async () => {
		const working = await t.makeCrew({ unitId, name: 'Tổ Đang Làm' });
		const retired = await t.makeCrew({ unitId, name: 'Tổ Đã Giải Thể' });
		await t.db.update(crews).set({ deactivatedAt: t.now() }).where(eq(crews.id, retired.id));

		const request = await t.makeRequest({ unitId });
		const dispatch = await t.call('POST', `/api/requests/${request.id}/dispatch`, { token: supervisor, body: { crewId: retired.id, scheduledAt: '2026-11-24T08:30:00+07:00' } });
		expect(dispatch.status).toBe(400);
		expect(dispatch.body.error.message).toContain('Tổ Đã Giải Thể đã ngừng hoạt động');
		expect(dispatch.body.error.fields.crewId).toContain('chọn một tổ đang làm việc');

		const surveyed = await t.makeRequest({ unitId }, ['scheduleSurvey']);
		const job = await t.makeJob({ requestId: surveyed.id, crewId: working.id });
		const reassign = await t.call('POST', `/api/jobs/${job.id}/reassign`, { token: supervisor, body: { crewId: retired.id } });
		expect(reassign.status).toBe(400);
		expect(reassign.body.error.message).toContain('đã ngừng hoạt động');
		const [stillThere] = await t.db.select({ crewId: jobs.crewId }).from(jobs).where(eq(jobs.id, job.id));
		expect(stillThere!.crewId).toBe(working.id);
	});
});
