import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { command, surveyPayloadFor } from '../support/field';
import { authOf, DEMO_PASSWORD, dispatchNewSurvey, logIn, makeJpegs, uploadPhotos, waitForOfflineReady, type PulledJob, soonToday } from './support';

test('a crew’s tablet shows a survey a supervisor just assigned, without Sync or a reload', async ({ page, request }) => {
	await logIn(page, 'doi2.cuong');
	// the tablet holds its live stream, and its first sync after the stream opened is over
	await expect(page.locator('html')).toHaveAttribute('data-live-poke', 'live');
	await expect(page.getByTestId('sync-now')).toBeEnabled();
	await page.waitForTimeout(2_000);
	await page.evaluate(() => ((window as unknown as { livePokeProbe: number }).livePokeProbe = 7));

	const customer = `Khách Trực Tiếp ${randomUUID().slice(0, 4)}`;
	const cards = page.getByTestId('job-card');
	await expect(cards.filter({ hasText: customer })).toHaveCount(0);
	const { jobId } = await dispatchNewSurvey(request, { crewId: 'doi2', customerName: customer, scheduledAt: soonToday(20) });

	// no press of "Đồng bộ", no reload: the server's poke pulls it
	await expect(cards.filter({ hasText: customer })).toHaveCount(1, { timeout: 10_000 });
	await expect(cards.filter({ hasText: customer })).toHaveAttribute('data-job-id', jobId);
	expect(await page.evaluate(() => (window as unknown as { livePokeProbe?: number }).livePokeProbe)).toBe(7);
	await expect(page.locator('html')).toHaveAttribute('data-live-poke', 'live');
});

test('a crew’s sync moves its position on the supervisor’s map without a reload', async ({ page, request }) => {
	// a fresh survey job for Tổ 1, so the demo's own jobs stay as the other specs expect them
	const customer = `Khách Bản Đồ ${randomUUID().slice(0, 4)}`;
	const { id: requestId, jobId } = await dispatchNewSurvey(request, { crewId: 'doi1', customerName: customer, scheduledAt: soonToday(30) });
	const crewAuth = await authOf(request, 'doi1.an');
	const pulled = (await (await request.get('/api/sync/pull', { headers: crewAuth })).json()) as { jobs: PulledJob[] };
	const job = pulled.jobs.find((j) => j.id === jobId);
	expect(job, 'doi1.an pulls the new survey job').toBeDefined();
	expect(job!.request.state).toBe('survey_scheduled');

	// the supervisor's map, open in the browser
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('giamsat');
	await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await waitForOfflineReady(page);
	await page.goto('/console/map');
	await expect(page.getByTestId('supervisor-map')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('job-marker').or(page.getByTestId('job-cluster')).first()).toBeVisible();
	await expect(page.getByTestId('map-live')).toHaveText('Cập nhật trực tiếp');
	const marker = page.locator('[data-testid="crew-marker"][data-crew-id="doi1"]');
	const before = (await marker.count()) > 0 ? { lat: await marker.getAttribute('data-lat'), lng: await marker.getAttribute('data-lng') } : null;
	const where = { lat: 21.0462, lng: 105.8129, accuracyM: 7 };
	expect(before).not.toEqual({ lat: String(where.lat), lng: String(where.lng) });
	await page.evaluate(() => ((window as unknown as { mapProbe: number }).mapProbe = 43));

	// the crew's tablet syncs a survey done somewhere else
	const photos = await uploadPhotos(request, crewAuth, (await makeJpegs(page, 2, 320, 240)).map((p) => p.buffer));
	const survey = surveyPayloadFor({ site: [photos[0]!], meter: [photos[1]!] }, { location: where });
	const pushed = await request.post('/api/sync/push', {
		headers: crewAuth,
		data: {
			deviceId: `e2e-live-${randomUUID()}`,
			commands: [
				command(1, 'submitSurvey', { requestId, jobId: job!.id }, job!.request.version, survey, { deviceTime: new Date().toISOString(), location: where })
			]
		}
	});
	expect(pushed.ok(), await pushed.text()).toBe(true);
	const results = ((await pushed.json()) as { results: Array<{ status: string }> }).results;
	expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(['applied']);

	await expect(marker).toHaveAttribute('data-lat', String(where.lat));
	await expect(marker).toHaveAttribute('data-lng', String(where.lng));
	await expect(marker).toHaveCount(1);
	await expect(marker).toHaveAttribute('title', /vừa xong/);
	expect(await page.evaluate(() => (window as unknown as { mapProbe?: number }).mapProbe)).toBe(43);
});
