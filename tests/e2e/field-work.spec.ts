// Issue 3 end to end: a crew surveys and estimates offline, with real photos and GPS, survives a closed tab,
// syncs, and the server has exactly what the tablet stored; and a rejected command is shown with its reason.
import { createHash } from 'node:crypto';
import { expect, test, type Page, type Route } from '@playwright/test';
import { priceEstimate, suggestedLines } from '../../src/lib/domain/estimate';
import {
	logIn,
	makeJpegs,
	outboxMessages,
	photosOnTablet,
	pullAs,
	surveyableJobs,
	tokenOf,
	vnd,
	waitForOfflineReady,
	type PulledJob
} from './support';

type Files = Awaited<ReturnType<typeof makeJpegs>>;

const HANOI = { latitude: 21.028511, longitude: 105.854167, accuracy: 9 };

async function fillSurvey(page: Page, v: { distance: string; load: string; route: string; site: Files; meter: Files }) {
	await page.getByRole('group', { name: 'Khách hàng có mặt' }).getByRole('radio', { name: 'Có', exact: true }).check();
	await page.getByRole('radio', { name: 'Chật hẹp', exact: true }).check();
	await page.getByLabel('Khoảng cách từ công tơ đến nhà (m)').fill(v.distance);
	await page.getByRole('radio', { name: '1 pha', exact: true }).check();
	await page.getByLabel('Công suất dự kiến (kW)').fill(v.load);
	await page.getByRole('radio', { name: v.route, exact: true }).check();
	await page.getByLabel('Vật cản trên tuyến dây').fill('Cây xanh trước cổng');
	await page.getByLabel('Ghi chú').fill('Khách hẹn có mặt buổi chiều');
	await page.getByLabel('Ảnh hiện trường').setInputFiles(v.site);
	await expect(page.getByTestId('survey-sitePhotos').getByRole('img')).toHaveCount(v.site.length);
	await page.getByLabel('Ảnh công tơ').setInputFiles(v.meter);
	await expect(page.getByTestId('survey-meterPhotos').getByRole('img')).toHaveCount(v.meter.length);
}

function jobCard(page: Page, job: PulledJob) {
	return page.locator(`[data-testid="job-card"][data-job-id="${job.id}"]`);
}

test('offline: survey with GPS and photos, estimate, closed tab, then sync lands everything on the server', async ({ context, page, request }) => {
	test.setTimeout(180_000);
	const crew = 'doi2.cuong';
	// the paged pull delivers jobs by id, not by customer: choose a customer with an email for the payment notice
	const surveyable = surveyableJobs(await pullAs(request, crew));
	const job = surveyable.find((candidate) => candidate.request.customer.email);
	const other = surveyable.find((candidate) => candidate !== job);
	expect(job, 'the demo crew has a survey job waiting for its survey').toBeDefined();
	expect(other, 'and a second one').toBeDefined();
	expect(job!.request.customer.email, 'the customer has an email for the payment notice').toBeTruthy();

	await context.grantPermissions(['geolocation']);
	await context.setGeolocation(HANOI);
	await logIn(page, crew);
	await waitForOfflineReady(page);
	const [site1, site2, meter1] = await makeJpegs(page, 3);

	await context.setOffline(true);
	await page.goto(`/jobs/${job!.id}`);
	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
	await expect(page.getByTestId('detail-state')).toHaveText('Đã hẹn khảo sát');
	await page.getByRole('link', { name: 'Khảo sát hiện trường' }).click();

	// GPS is taken on open, with its accuracy
	await expect(page.getByTestId('gps-fix')).toHaveText('21.028511, 105.854167 (sai số ± 9 m)');

	// the shared schema speaks up next to the fields before anything is queued
	await page.getByRole('button', { name: 'Gửi kết quả khảo sát' }).click();
	await expect(page.getByTestId('form-errors')).toBeVisible();
	await expect(page.getByText('Nhập khoảng cách (m)')).toBeVisible();
	await expect(page.getByText('Cần ít nhất 1 ảnh hiện trường')).toBeVisible();
	await expect(page.getByText('Cần ít nhất 1 ảnh công tơ')).toBeVisible();
	// the first field to fix gets the focus
	await expect(page.getByRole('group', { name: 'Khách hàng có mặt' }).getByRole('radio', { name: 'Có', exact: true })).toBeFocused();

	await fillSurvey(page, { distance: '25', load: '5,5', route: 'Đi nổi', site: [site1!, site2!], meter: [meter1!] });
	await page.getByLabel('Khoảng cách từ công tơ đến nhà (m)').fill('600');
	await expect(page.getByText('Khoảng cách tối đa 500 m (xa hơn cần phương án cấp điện riêng)')).toBeVisible();
	await page.getByLabel('Khoảng cách từ công tơ đến nhà (m)').fill('25');
	await expect(page.getByTestId('form-errors')).toHaveCount(0);
	await page.getByRole('button', { name: 'Gửi kết quả khảo sát' }).click();

	// back on the job, surveyed at once, the survey waiting to sync
	await expect(page).toHaveURL(new RegExp(`/jobs/${job!.id}$`));
	await expect(page.getByTestId('detail-state')).toHaveText('Đã khảo sát');
	await expect(page.getByTestId('job-pending').getByTestId('pending-command')).toHaveCount(1);
	await expect(page.getByTestId('job-pending')).toContainText('Kết quả khảo sát');
	await expect(page.getByTestId('survey-summary')).toContainText('Đi nổi');
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 1');

	// the estimate, prefilled from the survey
	await page.getByRole('link', { name: 'Lập dự toán' }).click();
	const suggested = suggestedLines({ distanceM: 25, phases: 1, route: 'overhead' });
	await expect(page.getByTestId('estimate-line')).toHaveCount(suggested.length);
	await expect(page.getByTestId('estimate-total')).toHaveText(vnd(priceEstimate(suggested).total));
	await page.getByLabel('Số lượng: Kẹp treo cáp').fill('');
	await page.getByRole('button', { name: 'Gửi dự toán' }).click();
	await expect(page.getByText('Nhập số lượng')).toBeVisible();
	await expect(page.locator('[data-testid="estimate-line"][data-code="KEP-TREO"]').getByTestId('line-total')).toHaveText('—');
	await expect(page.getByLabel('Số lượng: Kẹp treo cáp')).toBeFocused();
	await page.getByLabel('Số lượng: Kẹp treo cáp').fill('6');
	await page.getByLabel('Thêm vật tư').selectOption('COC-TIEP-DIA');
	await page.getByRole('button', { name: 'Thêm', exact: true }).click();
	const lines = [...suggested.map((l) => (l.code === 'KEP-TREO' ? { ...l, quantity: 6 } : l)), { code: 'COC-TIEP-DIA', quantity: 1 }];
	const expected = priceEstimate(lines);
	await expect(page.getByTestId('estimate-line')).toHaveCount(lines.length);
	await expect(page.getByTestId('estimate-total')).toHaveText(vnd(expected.total));
	await expect(page.getByTestId('estimate-vat')).toHaveText(vnd(expected.vat));
	await expect(page.getByTestId('estimate-utility-total')).toHaveText(vnd(expected.utility.total));
	await expect(page.getByTestId('estimate-customer-total')).toHaveText(vnd(expected.customer.total));
	await page.getByRole('button', { name: 'Gửi dự toán' }).click();

	await expect(page).toHaveURL(new RegExp(`/jobs/${job!.id}$`));
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập dự toán');
	await expect(page.getByTestId('job-pending').getByTestId('pending-command')).toHaveCount(2);
	await expect(page.getByTestId('summary-total')).toHaveText(vnd(expected.total));

	// a second survey left half-filled
	await page.goto(`/jobs/${other!.id}/survey`);
	await expect(page.getByTestId('gps-fix')).toBeVisible();
	await page.getByLabel('Khoảng cách từ công tơ đến nhà (m)').fill('42');
	await page.getByRole('radio', { name: 'Đi ngầm', exact: true }).check();
	await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved');

	// the tab is closed; a new one opens, still offline
	await page.close();
	const tablet = await context.newPage();
	await tablet.goto('/');
	await expect(tablet.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
	await expect(tablet.getByTestId('pending-count')).toHaveText('Chờ gửi: 2');
	await expect(jobCard(tablet, job!).getByTestId('job-pending-badge')).toHaveText('Chờ đồng bộ: 2');
	await expect(jobCard(tablet, job!).getByTestId('job-state')).toHaveText('Đã lập dự toán');
	await expect(jobCard(tablet, other!).getByTestId('job-pending-badge')).toHaveCount(0);

	await jobCard(tablet, job!).click();
	await expect(tablet.getByTestId('detail-state')).toHaveText('Đã lập dự toán');
	await expect(tablet.getByTestId('job-pending').getByTestId('pending-command')).toHaveCount(2);

	await tablet.goto(`/jobs/${other!.id}`);
	await expect(tablet.getByTestId('draft-badge')).toBeVisible();
	await tablet.getByRole('link', { name: 'Khảo sát hiện trường' }).click();
	await expect(tablet.getByLabel('Khoảng cách từ công tơ đến nhà (m)')).toHaveValue('42');
	await expect(tablet.getByRole('radio', { name: 'Đi ngầm', exact: true })).toBeChecked();
	await expect(tablet.getByTestId('draft-restored')).toBeVisible();

	// the sync page lists what is owed
	await tablet.getByTestId('nav-sync').click();
	await expect(tablet.getByTestId('sync-pending').getByTestId('pending-command')).toHaveCount(2);
	await expect(tablet.getByTestId('sync-photos').getByTestId('pending-photo')).toHaveCount(3);
	await expect(tablet.getByTestId('sync-page-connection')).toHaveText('Ngoại tuyến');
	const onTablet = await photosOnTablet(tablet);

	// back online: photos, then commands, then the pull; a slow network shows the progress
	const slowly = (ms: number) => async (route: Route) => {
		if (route.request().method() !== 'GET') await new Promise((resolve) => setTimeout(resolve, ms));
		await route.continue();
	};
	await context.route('**/api/blobs/*', slowly(700));
	await context.route('**/api/sync/push', slowly(1500));
	await context.setOffline(false);
	await expect(tablet.getByTestId('sync-photos').getByText(/Đang tải lên \d+%/).first()).toBeVisible();
	await expect(tablet.getByTestId('push-progress')).toContainText(/Đang gửi \d\/2 thao tác/);
	await expect(tablet.getByTestId('sync-pending-empty')).toBeVisible({ timeout: 30_000 });
	await expect(tablet.getByTestId('sync-photos-empty')).toBeVisible();
	await expect(tablet.getByTestId('sync-rejected').getByTestId('rejected-command')).toHaveCount(0);
	await expect(tablet.getByTestId('pending-count')).toHaveText('Chờ gửi: 0');

	await tablet.goto(`/jobs/${job!.id}`);
	await expect(tablet.getByTestId('detail-state')).toHaveText('Đã lập dự toán');
	await expect(tablet.getByTestId('job-pending')).toHaveCount(0);
	await expect(tablet.getByTestId('summary-total')).toHaveText(vnd(expected.total));

	// the server has the survey, the estimate, the very same photo bytes, and the payment notices
	const token = await tokenOf(request, crew);
	const headers = { authorization: `Bearer ${token}` };
	const pulled = (await (await request.get('/api/sync/pull', { headers })).json()) as { jobs: PulledJob[] };
	const onServer = pulled.jobs.find((j) => j.id === job!.id)!;
	expect(onServer.request.state).toBe('estimated');
	expect(onServer.request.survey).toMatchObject({
		distanceM: 25,
		location: { lat: HANOI.latitude, lng: HANOI.longitude, accuracyM: HANOI.accuracy }
	});
	expect(onServer.request.estimate?.total).toBe(expected.total);
	expect(onServer.request.estimate?.customer.total).toBe(expected.customer.total);

	const hashes = [...onServer.request.survey!.sitePhotos, ...onServer.request.survey!.meterPhotos];
	expect(hashes).toHaveLength(3);
	for (const sha of hashes) {
		expect(onTablet[sha], `photo ${sha} was stored on the tablet`).toBeDefined();
		const blob = await request.get(`/api/blobs/${sha}`, { headers });
		expect(blob.status()).toBe(200);
		expect(blob.headers()['content-type']).toContain('image/jpeg');
		const bytes = await blob.body();
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
		expect(bytes.equals(Buffer.from(onTablet[sha]!, 'base64'))).toBe(true);
		expect(bytes.length).toBeLessThanOrEqual(300_000 * 1.1);
	}

	const notices = (await outboxMessages(request, { requestId: job!.request.id })).filter((m) => m.requestId === job!.request.id);
	expect(notices.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
	expect(notices.find((m) => m.channel === 'sms')!.recipient).toBe(job!.request.customer.phone);
	expect(notices.find((m) => m.channel === 'email')!.recipient).toBe(job!.request.customer.email);
	for (const notice of notices) expect(notice.body).toContain(job!.request.code);
});

test('two devices of one crew survey the same jobs: the late one is rejected, with the reason shown, copy, dismiss and redo', async ({ browser, request }) => {
	test.setTimeout(180_000);
	const [x, y] = surveyableJobs(await pullAs(request, 'doi3.hai'));
	expect(x && y, 'the demo crew has two survey jobs waiting').toBeTruthy();

	// device B: synced, then offline, without location permission
	const deviceB = await browser.newContext();
	await deviceB.grantPermissions(['clipboard-read', 'clipboard-write']);
	const b = await deviceB.newPage();
	await logIn(b, 'doi3.lan');
	await waitForOfflineReady(b);
	const photos = await makeJpegs(b, 2);
	await deviceB.setOffline(true);

	// device A surveys both jobs online; they reach the server at once
	const deviceA = await browser.newContext();
	await deviceA.grantPermissions(['geolocation']);
	await deviceA.setGeolocation(HANOI);
	const a = await deviceA.newPage();
	await logIn(a, 'doi3.hai');
	for (const job of [x!, y!]) {
		await a.goto(`/jobs/${job.id}/survey`);
		await expect(a.getByTestId('gps-fix')).toBeVisible();
		await fillSurvey(a, { distance: '18', load: '3', route: 'Trong ống', site: [photos[0]!], meter: [photos[1]!] });
		await a.getByRole('button', { name: 'Gửi kết quả khảo sát' }).click();
		await expect(a.getByTestId('detail-state')).toHaveText('Đã khảo sát');
	}
	await expect(a.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
	await expect(a.getByTestId('job-pending')).toHaveCount(0);

	// device B, still offline, surveys the same two jobs (GPS refused: still possible, without a location)
	for (const job of [x!, y!]) {
		await b.goto(`/jobs/${job.id}`);
		await expect(b.getByTestId('detail-state')).toHaveText('Đã hẹn khảo sát');
		await b.getByRole('link', { name: 'Khảo sát hiện trường' }).click();
		await expect(b.getByTestId('gps-error')).toContainText('Máy không cho phép lấy vị trí');
		await fillSurvey(b, { distance: '30', load: '7', route: 'Đi ngầm', site: [photos[1]!], meter: [photos[0]!] });
		await b.getByRole('button', { name: 'Gửi kết quả khảo sát' }).click();
		await expect(b.getByTestId('detail-state')).toHaveText('Đã khảo sát');
	}
	await expect(b.getByTestId('pending-count')).toHaveText('Chờ gửi: 2');

	await deviceB.setOffline(false);
	await expect(b.getByTestId('rejected-count')).toHaveText('Bị từ chối: 2', { timeout: 30_000 });
	await expect(b.getByTestId('pending-count')).toHaveText('Chờ gửi: 0');

	// on the job: the server's Vietnamese reason
	await b.goto(`/jobs/${x!.id}`);
	const rejected = b.getByTestId('job-rejected').getByTestId('rejected-command');
	await expect(rejected).toHaveCount(1);
	await expect(rejected.getByTestId('rejection-reason')).toContainText('yêu cầu đã được cập nhật trên máy chủ');
	await expect(b.getByTestId('detail-state')).toHaveText('Đã khảo sát');

	// copy the work as text
	await rejected.getByRole('button', { name: 'Sao chép' }).click();
	await expect(rejected.getByTestId('copied')).toBeVisible();
	const copied = await b.evaluate(() => navigator.clipboard.readText());
	expect(copied).toContain(x!.request.code);
	expect(copied).toContain('yêu cầu đã được cập nhật trên máy chủ');
	expect(copied).toContain('Khoảng cách từ công tơ đến nhà (m): 30');

	// in English, the server's English reason
	await b.getByTestId('language-switch').click();
	await expect(b.getByTestId('job-rejected')).toContainText('Rejected by the server');
	await expect(rejected.getByTestId('rejection-reason')).toContainText('the request changed on the server meanwhile');
	await expect(rejected.getByRole('button', { name: 'Redo' })).toBeVisible();
	await b.getByTestId('language-switch').click();
	await expect(rejected.getByTestId('rejection-reason')).toContainText('yêu cầu đã được cập nhật trên máy chủ');

	// on the list and the sync page
	await b.goto('/');
	await expect(jobCard(b, x!).getByTestId('job-rejected-badge')).toHaveText('Bị từ chối: 1');
	await b.getByTestId('rejected-count').click();
	await expect(b).toHaveURL(/\/sync$/);
	const onSyncPage = b.getByTestId('sync-rejected').getByTestId('rejected-command');
	await expect(onSyncPage).toHaveCount(2);
	for (const reason of await onSyncPage.getByTestId('rejection-reason').allInnerTexts()) {
		expect(reason).toContain('yêu cầu đã được cập nhật trên máy chủ');
	}

	// dismiss Y: asks first; "back" keeps it
	const ofY = b.getByTestId('sync-rejected').locator('[data-testid="rejected-command"]', { hasText: y!.request.code });
	await ofY.getByRole('button', { name: 'Bỏ qua' }).click();
	await expect(b.getByTestId('dismiss-dialog')).toBeVisible();
	await b.getByTestId('dismiss-dialog').getByRole('button', { name: 'Quay lại' }).click();
	await expect(onSyncPage).toHaveCount(2);
	await ofY.getByRole('button', { name: 'Bỏ qua' }).click();
	await b.getByTestId('dismiss-dialog-confirm').click();
	await expect(onSyncPage).toHaveCount(1);
	await expect(b.getByTestId('rejected-count')).toHaveText('Bị từ chối: 1');

	// redo X: the survey comes back into its form, and the form says why it cannot be sent again
	await onSyncPage.getByRole('button', { name: 'Làm lại' }).click();
	await expect(b).toHaveURL(new RegExp(`/jobs/${x!.id}/survey$`));
	await expect(b.getByLabel('Khoảng cách từ công tơ đến nhà (m)')).toHaveValue('30');
	await expect(b.getByRole('radio', { name: 'Đi ngầm', exact: true })).toBeChecked();
	await expect(b.getByTestId('survey-sitePhotos').getByRole('img')).toHaveCount(1);
	await expect(b.getByTestId('survey-not-allowed')).toContainText('Đã khảo sát');
	await expect(b.getByRole('button', { name: 'Gửi kết quả khảo sát' })).toBeDisabled();
	await expect(b.getByTestId('rejected-count')).toHaveCount(0);

	// the server kept device A's survey
	const pulled = await pullAs(request, 'doi3.hai');
	for (const job of [x!, y!]) {
		const onServer = pulled.jobs.find((j) => j.id === job.id)!;
		expect(onServer.request.state).toBe('surveyed');
		expect(onServer.request.survey?.distanceM).toBe(18);
	}

	await deviceA.close();
	await deviceB.close();
});
