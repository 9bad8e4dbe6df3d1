// A power outage (service 52), end to end in Chromium: the supervisor sends a crew (through the API), the crew opens
// its repair job offline, types what it fixed (the form refuses an empty report in words), queues the report; back
// online it syncs, and the supervisor's request detail reads "Đã khắc phục" with the crew's report in words.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { uniquePhone } from './meter-support';
import { authOf, logIn, logInToConsole, makeJpegs, newCrewWithMember, outboxMessages, plain, soonToday, waitForOfflineReady } from './support';

const HANOI = { latitude: 21.028511, longitude: 105.854167, accuracy: 9 };

test('offline: a crew reports the repair of an outage from the tablet; after sync the supervisor reads it fixed, in words', async ({ browser, context, page, request }) => {
	test.setTimeout(180_000);
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation(HANOI);
	await page.goto('/login');
	await waitForOfflineReady(page);
	const [photo] = await makeJpegs(page, 1);

	// the supervisor takes in the outage and sends a crew of this test's own
	const crew = await newCrewWithMember(request, 'sửa chữa');
	const supervisor = await authOf(request, 'giamsat');
	const customerName = `Trần Văn Mất Điện ${randomUUID().slice(0, 4)}`;
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: { serviceNumber: 52, customer: { name: customerName, phone: uniquePhone(), email: null }, address: 'Số 20 Hàng Bài, Hoàn Kiếm, Hà Nội', location: null }
	});
	expect(created.status(), await created.text()).toBe(201);
	const { id, code } = (await created.json()) as { id: string; code: string };
	const dispatched = await request.post(`/api/requests/${encodeURIComponent(id)}/dispatch`, { headers: supervisor, data: { crewId: crew.crewId, scheduledAt: soonToday() } });
	expect(dispatched.ok(), await dispatched.text()).toBe(true);
	const { jobId } = (await dispatched.json()) as { jobId: string };

	await logIn(page, crew.username, crew.password);
	await waitForOfflineReady(page);
	await context.setOffline(true);

	// the repair job, offline: not reported yet, the big button
	await page.goto(`/jobs/${jobId}`);
	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
	await expect(page.getByTestId('detail-customer-name')).toHaveText(customerName);
	await expect(page.getByTestId('detail-state')).toHaveText('Đã cử tổ xử lý');
	await expect(page.getByTestId('fixed-status')).toHaveText('Chưa báo cáo sửa chữa');
	await page.getByTestId('action-fix').click();
	await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}/fix$`));

	// nothing typed: the shared schema's words
	await page.getByRole('button', { name: 'Gửi báo cáo sửa chữa' }).click();
	await expect(page.getByTestId('form-errors')).toBeVisible();
	await expect(page.getByText('Nhập nội dung đã sửa chữa')).toBeVisible();

	const report = 'Thay cầu chì hạ thế bị đứt tại tủ điện đầu ngõ, đã có điện lúc 10:15';
	await page.getByLabel('Đã sửa chữa những gì (khách hàng nhận được nội dung này qua tin nhắn)').fill(report);
	await page.getByLabel('Ảnh thiết bị sau sửa chữa (không bắt buộc, tối đa 6)', { exact: true }).setInputFiles([photo!]);
	await expect(page.getByTestId('fix-photos').getByRole('img')).toHaveCount(1);
	await expect(page.getByTestId('form-errors')).toHaveCount(0);
	await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved');
	await page.getByRole('button', { name: 'Gửi báo cáo sửa chữa' }).click();

	// queued: fixed on the tablet at once, waiting to be sent, named by the request's code and customer
	await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
	await expect(page.getByTestId('detail-state')).toHaveText('Đã khắc phục');
	await expect(page.getByTestId('fixed-status')).toHaveText('✓ Đã báo cáo sửa chữa');
	await expect(page.getByTestId('fix-report')).toHaveText(report);
	await expect(page.getByTestId('action-fix')).toHaveCount(0);
	await expect(page.getByTestId('job-pending').getByTestId('pending-command')).toContainText('Báo cáo sửa chữa');
	await page.getByTestId('nav-sync').click();
	const pending = page.getByTestId('sync-pending').getByTestId('pending-command');
	await expect(pending).toHaveCount(1);
	await expect(pending).toContainText(code);
	await expect(pending).toContainText(customerName);
	await expect(pending).not.toContainText(jobId);

	// online: the photo, the report, then the pull
	await context.setOffline(false);
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
	await expect(page.getByTestId('sync-rejected').getByTestId('rejected-command')).toHaveCount(0);
	// after the pull the job shows the report as the server keeps it
	await page.goto(`/jobs/${jobId}`);
	await expect(page.getByTestId('job-pending')).toHaveCount(0);
	await expect(page.getByTestId('fix-report')).toHaveText(report);

	// the supervisor: fixed, with the crew's report in the history; the customer is texted it
	const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const desktop = await desk.newPage();
	await logInToConsole(desktop);
	await desktop.goto(`/console/requests/${id}`);
	await expect(desktop.getByTestId('detail-state')).toHaveText('Đã khắc phục');
	await expect(desktop.getByText(`Báo cáo của tổ: ${report}`)).toBeVisible();
	await desk.close();
	const sms = (await outboxMessages(request, { requestId: id })).find((m) => m.kind === 'fixed' && m.channel === 'sms');
	expect(sms, 'the report is texted').toBeDefined();
	expect(plain(sms!.body)).toContain(code);
	expect(plain(sms!.body)).toContain(plain('đã có điện lúc 10:15'));
});
