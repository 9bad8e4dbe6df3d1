import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transitionRequest } from '../../server/services/workflow';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

const HOUR = 3_600_000;

describe.each(DRIVERS)('supervisor KPIs on %s', (driver) => {
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

	it('counts requests by state, overdue requests per crew and the median time of each step', async () => {
		const crew = await t.makeCrew({ unitId, name: 'Tổ Chậm' });
		// service 2: 5 working days; received 10 days ago, so overdue now
		const late = await t.makeRequest({ unitId, serviceNumber: 2, receivedAt: new Date(t.now().getTime() - 10 * 24 * HOUR) }, ['scheduleSurvey']);
		await t.makeJob({ requestId: late.id, crewId: crew.id });
		const onTime = await t.makeRequest({ unitId, serviceNumber: 2 });
		t.setNow(new Date(t.now().getTime() + 2 * HOUR));
		await t.db.transaction((tx) => transitionRequest(tx, { requestId: onTime.id, name: 'scheduleSurvey', actor: { userId: null, role: 'supervisor' }, at: t.now() }));
		await t.makeRequest({ unitId: (await t.makeUnit()).id }); // another unit: not counted
		supervisor = await t.login('giamsat');

		const res = await t.call('GET', '/api/kpis', { token: supervisor });
		expect(res.status).toBe(200);
		expect(res.body.byState).toEqual([{ state: 'survey_scheduled', count: 2 }]);
		expect(res.body.overdueByCrew).toEqual([{ crewId: crew.id, crewName: 'Tổ Chậm', overdue: 1 }]);
		const scheduling = res.body.stepMedians.find((s: { transition: string }) => s.transition === 'scheduleSurvey');
		// one request scheduled 10 days after intake, the other 2 hours after: the median is halfway
		expect(scheduling).toEqual({ transition: 'scheduleSurvey', medianSeconds: (10 * 24 * 3600 + 2 * 3600) / 2, count: 2 });
		expect(res.body.onTimeByGroup.map((g: { group: number; completed: number }) => [g.group, g.completed])).toEqual([[1, 0], [2, 0], [3, 0]]);
	});

	it('gives the on-time rate of requests completed in the last 30 days per service group', async () => {
		const walk = ['scheduleSurvey', 'submitSurvey', 'submitEstimate', 'recordPayment', 'draftContract', 'recordInstallation', 'signOnSite', 'countersign', 'complete'] as const;
		await t.makeRequest({ unitId, serviceNumber: 1 }, [...walk]);
		await t.makeRequest({ unitId, serviceNumber: 2, receivedAt: new Date(t.now().getTime() - 20 * 24 * HOUR) }, [...walk]);
		// a meter check closes with its result, within its 1 working day
		await t.makeRequest({ unitId, serviceNumber: 41 }, ['scheduleSurvey', 'recordMeterCheck']);
		const res = await t.call('GET', '/api/kpis', { token: supervisor });
		expect(res.body.onTimeByGroup[0]).toEqual({ group: 1, completed: 2, onTime: 1, rate: 0.5 });
		expect(res.body.onTimeByGroup[1]).toEqual({ group: 2, completed: 1, onTime: 1, rate: 1 });
		expect((await t.call('GET', '/api/kpis', { token: await t.login((await t.makeUser({ username: 'doi-kpi' })).username) })).status).toBe(403);
	});
});
