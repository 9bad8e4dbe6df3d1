// Issue 12, item 4, end to end in Chromium: a 6-digit meter read 999 990 by the utility; at the meter check the crew
// reads 12 — the register turned past 999 999. The tablet takes it as a rollover (22 kWh, "Quay vòng"), asks for the
// second photo like an abnormal reading, and the server accepts it with that photo. Uses only the demo meter HN-CT-0007.
import { expect, test } from '@playwright/test';
import { authOf, drawSignature, logIn, makeJpegs, waitForOfflineReady } from './support';
import { dispatchMeterCheck, meterAsSupervisor, meterCheckAsSupervisor } from './meter-support';

const SERIAL = 'HN-CT-0007';

test('a register rollover (999 990 → 12) is accepted on the tablet and the server with its second photo', async ({ page, request }) => {
	test.setTimeout(120_000);
	// the utility's reading near the top of the 6-digit register
	const read = await request.post(`/api/meters/${SERIAL}/readings`, { headers: await authOf(request, 'giamsat'), data: { kwh: 999_990 } });
	expect(read.status(), await read.text()).toBe(201);
	const check = await dispatchMeterCheck(request, { meterSerial: SERIAL, customerName: 'Phan Văn Quay Vòng' });

	await page.goto('/login');
	await logIn(page, 'doi1.an');
	await waitForOfflineReady(page);
	const photos = await makeJpegs(page, 2);
	await page.goto(`/jobs/${check.jobId}/check`);
	await expect(page.getByTestId('check-meter')).toContainText(SERIAL);

	await page.getByLabel('Chỉ số hiện tại (kWh)', { exact: true }).fill('12');
	const field = page.getByTestId('check-readingKwh-field');
	await expect(field).toHaveAttribute('data-verdict', 'rollover');
	const flag = page.getByTestId('check-readingKwh-abnormal');
	await expect(flag).toContainText('Quay vòng');
	await expect(flag).toContainText('tiêu thụ 22 kWh');
	await expect(page.getByTestId('check-readingKwh-error')).toHaveCount(0);

	await page.getByLabel('Ảnh mặt công tơ (thấy rõ chỉ số)', { exact: true }).setInputFiles([photos[0]!]);
	await expect(page.getByTestId('check-readingPhoto').getByRole('img')).toHaveCount(1);
	await page.getByRole('radio', { name: 'Còn nguyên', exact: true }).check();
	await page.getByRole('radio', { name: 'Chính xác' }).check();
	await page.getByLabel('Sai số đo được (%)').fill('0,4');
	await page.getByRole('radio', { name: 'Không cần xử lý' }).check();

	// the second photo is asked for, as for an abnormal reading
	await page.getByRole('button', { name: 'Tiếp tục: khách hàng xác nhận' }).click();
	await expect(page.getByTestId('check-step')).toHaveAttribute('data-stage', 'check');
	await expect(page.getByTestId('abnormal-confirm')).toBeVisible();
	await page.getByLabel('Ảnh thứ hai xác nhận chỉ số bất thường', { exact: true }).setInputFiles([photos[1]!]);
	await expect(page.getByTestId('check-abnormalConfirmPhoto').getByRole('img')).toHaveCount(1);
	await page.getByRole('button', { name: 'Tiếp tục: khách hàng xác nhận' }).click();
	await expect(page.getByTestId('check-step')).toHaveAttribute('data-stage', 'sign');

	await drawSignature(page, 'signature-pad-canvas');
	await page.getByLabel('Mã xác nhận (6 chữ số trong tin nhắn gửi khách hàng)').fill(check.code);
	await expect(page.getByTestId('code-ok')).toBeVisible();
	await page.getByRole('button', { name: 'Xác nhận kết quả kiểm tra' }).click();
	await expect(page).toHaveURL(new RegExp(`/jobs/${check.jobId}$`));
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
	await expect(page.getByTestId('job-rejected')).toHaveCount(0);

	const onServer = await meterCheckAsSupervisor(request, check.requestId);
	expect(onServer.state).toBe('completed');
	expect(onServer.meterCheck).toMatchObject({ readingKwh: 12, abnormal: true });
	expect(onServer.meterCheck?.abnormalConfirmPhoto).toMatch(/^[0-9a-f]{64}$/);
	expect(onServer.meterCheck?.abnormalReason).toContain('quay vòng');
	const meter = await meterAsSupervisor(request, SERIAL);
	expect(meter?.readings.at(-1)).toMatchObject({ kwh: 12, source: 'crew', abnormal: true });
});
