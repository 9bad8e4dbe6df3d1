// Issue 12 §5: the VAT rate is the administrator's, by date. The tablet keeps the rate it pulled with the price list,
// and a rate set from a later date, so a crew offline on that day starts its estimate at the rate the server will check
// (it started at a constant 10 %, and the server then refused the estimate). The rate is set from tomorrow, so no other
// spec's estimate today is touched; the tablet's clock is moved to tomorrow.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { surveyPayloadFor } from '../support/field';
import { authOf, dispatchNewSurvey, logIn, makeJpegs, newCrewWithMember, uploadPhotos, vietnamDate, waitForOfflineReady, type PulledJob } from './support';

test('a VAT rate set from tomorrow is the one a crew’s estimate starts at tomorrow, offline', async ({ page, context, request }) => {
	const tomorrow = vietnamDate(1);
	const set = await request.post('/api/admin/vat', { headers: await authOf(request, 'admin'), data: { percent: 8, effectiveFrom: tomorrow } });
	expect(set.status(), await set.text()).toBe(200);

	// a surveyed job of the test's own crew, ready for its estimate
	const crew = await newCrewWithMember(request, 'thuế');
	const survey = await dispatchNewSurvey(request, { crewId: crew.crewId, customerName: `Đinh Văn Thuế ${randomUUID().slice(0, 4)}`, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
	const crewLogin = await request.post('/api/auth/login', { data: { username: crew.username, password: crew.password } });
	const crewAuth = { authorization: `Bearer ${((await crewLogin.json()) as { token: string }).token}` };
	const pulled = (await (await request.get('/api/sync/pull', { headers: crewAuth })).json()) as { jobs: PulledJob[] };
	const job = pulled.jobs.find((j) => j.id === survey.jobId)!;
	const [photo] = await uploadPhotos(request, crewAuth, (await makeJpegs(page, 1)).map((f) => f.buffer));
	const surveyed = surveyPayloadFor({ site: [photo!], meter: [photo!] }, { phases: 1, distanceM: 10, route: 'overhead' });
	const pushed = await request.post('/api/sync/push', {
		headers: crewAuth,
		data: { deviceId: `e2e-vat-${randomUUID()}`, commands: [{ commandId: randomUUID(), seq: 1, name: 'submitSurvey', requestId: survey.id, jobId: survey.jobId, baseVersion: job.request.version, deviceTime: new Date().toISOString(), location: surveyed.location, payload: surveyed }] }
	});
	expect(((await pushed.json()) as { results: Array<{ status: string }> }).results[0]!.status).toBe('applied');

	// today, online: the tablet pulls the list with today's rate and tomorrow's
	await logIn(page, crew.username, crew.password);
	await page.goto(`/jobs/${survey.jobId}/estimate`);
	await expect(page.getByText('Thuế GTGT 10%')).toBeVisible();

	// tomorrow, offline: the estimate starts at 8 %
	await waitForOfflineReady(page);
	await context.setOffline(true);
	await page.clock.setFixedTime(new Date(`${tomorrow}T09:00:00+07:00`));
	await page.reload();
	await expect(page.getByText('Thuế GTGT 8%')).toBeVisible();
	await expect(page.getByText('Thuế GTGT 10%')).toHaveCount(0);
});
