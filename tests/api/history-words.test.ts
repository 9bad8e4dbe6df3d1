import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('the request history names people and crews on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	beforeEach(async () => {
		t = await createTestContext(driver); // now: Monday 23 Nov 2026, 09:00 in Hà Nội
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', fullName: 'Trần Thị Giám Sát', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	it('sends the crew’s name beside its id in the dispatch step, and the supervisor’s name as the actor', async () => {
		const crew = await t.makeCrew({ id: 'doi1', name: 'Tổ Hoàn Kiếm 1', unitId });
		const created = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber: 1, customer: { name: 'Nguyễn Văn An', phone: '0912345678' }, address: 'Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội' }
		});
		expect(created.status).toBe(201);
		const dispatched = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId: crew.id, scheduledAt: '2026-11-24T01:30:00Z' } });
		expect(dispatched.status).toBe(200);
		const detail = await t.call('GET', `/api/requests/${created.body.id}`, { token: supervisor });
		expect(detail.status).toBe(200);
		const steps = detail.body.timeline as Array<{ transition: string; actorName: string; actorRole: string; detail: Record<string, unknown> | null }>;
		const dispatch = steps.find((s) => s.transition === 'scheduleSurvey')!;
		expect(dispatch).toMatchObject({ actorName: 'Trần Thị Giám Sát', actorRole: 'supervisor' });
		expect(dispatch.detail).toMatchObject({ crewName: 'Tổ Hoàn Kiếm 1', scheduledAt: '2026-11-24T01:30:00.000Z' });
		expect(steps[0]).toMatchObject({ transition: 'submit', actorName: 'Trần Thị Giám Sát' });
	});
});
