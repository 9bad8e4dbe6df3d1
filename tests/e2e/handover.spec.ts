// Issue 12 §2, a reassignment while the crew works offline, handed over with nothing lost: a crew surveys offline
// with photos; the supervisor moves the job to another crew (asked first); the first crew syncs and its survey is
// kept as a handover, explained on its tablet in words; the supervisor sees it on the request and accepts it into
// the request — or passes it to the new crew, whose tablet gets it as a draft.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { command, surveyPayloadFor } from '../support/field';
import { authOf, dispatchNewSurvey, logIn, logInToConsole, makeJpegs, pullAs, tokenOf, uploadPhotos, waitForOfflineReady, type PulledJob, soonToday } from './support';

const HANOI = { latitude: 21.028511, longitude: 105.854167, accuracy: 9 };
const CREW_2 = 'Tổ 2 — Cầu Giấy';

interface Detail {
	state: string;
	jobs: Array<{ id: string; crew: { id: string }; status: string }>;
	surveys: Array<{ photos?: unknown; sitePhotos?: string[]; meterPhotos?: string[] } & Record<string, unknown>>;
}

/** Moves the request's open job to Tổ 2 from its page, through the confirmation. */
async function reassignToCrew2(page: Page, requestId: string, code: string, customer: string) {
	await page.goto(`/console/requests/${requestId}`);
	await page.getByLabel('Chuyển cho tổ').selectOption({ label: CREW_2 });
	await page.getByRole('button', { name: 'Chuyển tổ' }).click();
	const dialog = page.getByTestId('reassign-dialog');
	await expect(dialog).toContainText(code);
	await expect(dialog).toContainText(customer);
	await page.getByTestId('reassign-dialog-confirm').click();
	await expect(page.getByTestId('detail-job')).toContainText(CREW_2);
}

test('a survey done offline on a job moved to another crew is kept, explained to the crew, and accepted into the request', async ({ browser, context, page, request }) => {
	test.setTimeout(150_000);
	const customer = `Phan Thị Bàn Giao ${randomUUID().slice(0, 4)}`;
	const { id, code, jobId } = await dispatchNewSurvey(request, { crewId: 'doi1', customerName: customer, scheduledAt: soonToday(22) });

	// the crew surveys offline, with a site photo and a meter photo
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation(HANOI);
	await logIn(page, 'doi1.an');
	await waitForOfflineReady(page);
	await expect(page.locator(`[data-testid="job-card"][data-job-id="${jobId}"]`)).toBeVisible();
	const [site, meter] = await makeJpegs(page, 2);
	await context.setOffline(true);
	await page.goto(`/jobs/${jobId}`);
	await page.getByRole('link', { name: 'Khảo sát hiện trường' }).click();
	await page.getByRole('group', { name: 'Khách hàng có mặt' }).getByRole('radio', { name: 'Có', exact: true }).check();
	await page.getByRole('radio', { name: 'Chật hẹp', exact: true }).check();
	await page.getByLabel('Khoảng cách từ công tơ đến nhà (m)').fill('31');
	await page.getByRole('radio', { name: '1 pha', exact: true }).check();
	await page.getByLabel('Công suất dự kiến (kW)').fill('4');
	await page.getByRole('radio', { name: 'Đi nổi', exact: true }).check();
	await page.getByLabel('Ghi chú').fill('Cột điện trước nhà số 12');
	await page.getByLabel('Ảnh hiện trường').setInputFiles([site!]);
	await expect(page.getByTestId('survey-sitePhotos').getByRole('img')).toHaveCount(1);
	await page.getByLabel('Ảnh công tơ').setInputFiles([meter!]);
	await expect(page.getByTestId('survey-meterPhotos').getByRole('img')).toHaveCount(1);
	await page.getByRole('button', { name: 'Gửi kết quả khảo sát' }).click();
	await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
	await expect(page.getByTestId('job-pending').getByTestId('pending-command')).toHaveCount(1);

	// meanwhile the supervisor moves the job to Tổ 2, asked first
	const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const supervisorPage = await consoleContext.newPage();
	await logInToConsole(supervisorPage);
	await reassignToCrew2(supervisorPage, id, code, customer);

	// the crew comes back online and syncs: refused in words (request and customer), nothing to redo
	await context.setOffline(false);
	await page.goto('/sync');
	await page.getByTestId('sync-now').click();
	const refused = page.getByTestId('rejected-command');
	await expect(refused).toHaveCount(1, { timeout: 20_000 });
	await expect(refused).toContainText(code);
	await expect(refused).toContainText(customer);
	await expect(refused.getByTestId('rejection-reason')).toContainText('đã được giao cho tổ khác');
	await expect(refused.getByTestId('command-taken')).toHaveText('Công việc này đã được giao cho tổ khác. Kết quả tổ đã làm được lưu trên máy chủ và chuyển cho giám sát; không cần làm lại.');
	await expect(refused.getByRole('button', { name: 'Làm lại' })).toHaveCount(0);
	await expect(refused).not.toContainText(jobId);

	// the supervisor finds it on the request: whose work, when; accepts it into the request
	await supervisorPage.goto(`/console/requests/${id}`);
	const handover = supervisorPage.getByTestId('handover');
	await expect(handover).toHaveCount(1);
	await expect(handover).toHaveAttribute('data-status', 'held');
	await expect(handover).toContainText('Tổ 1 — Hoàn Kiếm');
	await expect(supervisorPage.getByTestId('detail-state')).toHaveText('Đã hẹn khảo sát');
	await handover.getByTestId('handover-accept').click();
	await expect(handover).toHaveAttribute('data-status', 'accepted');
	await expect(handover).toContainText('Đã nhận vào yêu cầu');
	await expect(supervisorPage.getByTestId('detail-state')).toHaveText('Đã khảo sát');

	// nothing lost: the survey on the server is the one the crew made offline, both photos with it
	const supervisor = await authOf(request, 'giamsat');
	const detail = (await (await request.get(`/api/requests/${id}`, { headers: supervisor })).json()) as Detail;
	expect(detail.state).toBe('surveyed');
	const survey = JSON.stringify(detail.surveys.at(-1));
	expect(survey).toContain('Cột điện trước nhà số 12');
	expect(survey).toContain('31');
	const photoHashes = survey.match(/[0-9a-f]{64}/g) ?? [];
	expect(new Set(photoHashes).size).toBeGreaterThanOrEqual(2);
	await consoleContext.close();
});

test('a handover passed to the new crew reaches its tablet as a draft', async ({ page, request }) => {
	test.setTimeout(90_000);
	const customer = `Lê Văn Chuyển Tiếp ${randomUUID().slice(0, 4)}`;
	const { id, code, jobId } = await dispatchNewSurvey(request, { crewId: 'doi1', customerName: customer, scheduledAt: soonToday(31) });
	const first = { authorization: `Bearer ${await tokenOf(request, 'doi1.an')}` };
	const pulled = (await (await request.get('/api/sync/pull', { headers: first })).json()) as { jobs: PulledJob[] };
	const job = pulled.jobs.find((j) => j.id === jobId)!;
	const photos = (await makeJpegs(page, 2, 320, 240)).map((p) => p.buffer);
	const [site, meter] = await uploadPhotos(request, first, photos);

	await logInToConsole(page);
	await reassignToCrew2(page, id, code, customer);

	// the first crew's survey, made before it knew, arrives after the move
	const survey = surveyPayloadFor({ site: [site!], meter: [meter!] }, { notes: 'Đo xong trước khi chuyển tổ' });
	const push = await request.post('/api/sync/push', {
		headers: first,
		data: { deviceId: `e2e-handover-${Date.now()}`, commands: [command(1, 'submitSurvey', { requestId: id, jobId }, job.request.version, survey)] }
	});
	expect(push.ok(), await push.text()).toBe(true);
	expect(JSON.stringify(await push.json())).toContain('job_reassigned');

	await page.reload();
	const handover = page.getByTestId('handover');
	await expect(handover).toHaveAttribute('data-status', 'held');
	await handover.getByTestId('handover-pass').click();
	await expect(handover).toHaveAttribute('data-status', 'passed');
	await expect(handover).toContainText(`Đã chuyển cho ${CREW_2}`);
	// the request waits for the new crew's survey; its tablet gets the first crew's work with the job
	await expect(page.getByTestId('detail-state')).toHaveText('Đã hẹn khảo sát');
	const second = await pullAs(request, 'doi2.cuong');
	const moved = second.jobs.find((j) => j.id === jobId) as (PulledJob & { handover?: { payload: { notes?: string } } | null }) | undefined;
	expect(moved, 'Tổ 2 has the job').toBeDefined();
	expect(moved!.handover?.payload.notes).toBe('Đo xong trước khi chuyển tổ');
	expect((await pullAs(request, 'doi1.an')).jobs.some((j) => j.id === jobId)).toBe(false);
});
