// Issue 6, crew side, end to end in Chromium: offline at the meter the crew sees the meter and its last readings,
// records the check — a reading below the previous one is refused on the spot, a replacement takes the old meter's
// final reading and the new meter's first, each with its photo — the customer reads the result, signs with a finger
// and types the code they were texted (a mistyped digit caught offline); after sync the supervisor sees the request
// completed, the result, the old meter removed and the new one in the register. And an abnormal reading: flagged on
// the tablet, confirmed with a second photo, and flagged on the supervisor's request detail.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { drawSignature, logIn, makeJpegs, waitForOfflineReady } from './support';
import { dispatchMeterCheck, meterAsSupervisor, meterCheckAsSupervisor, mistyped } from './meter-support';

const HANOI = { latitude: 21.028511, longitude: 105.854167, accuracy: 9 };
const CREW = 'doi1.an';

/** A new meter serial no other run has registered. */
function newSerial(): string {
	return `HN-E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
}

async function customerAcknowledges(page: Page, code: string) {
	await drawSignature(page, 'signature-pad-canvas');
	await expect(page.getByTestId('signature-pad-clear')).toBeEnabled();
	const codeField = page.getByLabel('Mã xác nhận (6 chữ số trong tin nhắn gửi khách hàng)');
	await codeField.fill(mistyped(code));
	await expect(page.getByTestId('code-error')).toContainText('có thể gõ nhầm một chữ số');
	await codeField.fill(code);
	await expect(page.getByTestId('code-error')).toHaveCount(0);
	await expect(page.getByTestId('code-ok')).toBeVisible();
	await page.getByRole('button', { name: 'Xác nhận kết quả kiểm tra' }).click();
}

test('offline: a meter check with a replacement (two readings, photos), acknowledged by the customer; after sync the supervisor sees the result and the new meter', async ({ context, page, request }) => {
	test.setTimeout(240_000);
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation(HANOI);
	// the app shell is installed first: a service worker taking control during the login would reload the form
	await page.goto('/login');
	await waitForOfflineReady(page);
	const photos = await makeJpegs(page, 4);

	const SERIAL = 'HN-CT-0004';
	const NEW_SERIAL = newSerial();
	const before = await meterAsSupervisor(request, SERIAL);
	expect(before?.meter.removedAt ?? null).toBeNull();
	const last = before!.readings.at(-1)!;
	// a meter check is the meter's registered customer's (the code goes to the phone on record)
	const customerName = before!.customer.name;
	const check = await dispatchMeterCheck(request, { meterSerial: SERIAL, customerName: 'Người gọi tổng đài' });

	await logIn(page, CREW);
	await waitForOfflineReady(page);
	await context.setOffline(true);

	// the job page: the meter, its last readings with dates and sources, and the big button
	await page.goto(`/jobs/${check.jobId}`);
	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
	await expect(page.getByTestId('detail-customer-name')).toHaveText(customerName);
	await expect(page.getByTestId('detail-state')).toHaveText('Đã hẹn kiểm tra công tơ');
	await expect(page.getByTestId('meter-serial')).toHaveText(SERIAL);
	await expect(page.getByTestId('meter-phases')).toHaveText('1 pha');
	await expect(page.getByTestId('meter-type')).toHaveText('Điện tử');
	await expect(page.getByTestId('meter-digits')).toHaveText('6 chữ số');
	await expect(page.getByTestId('meter-reading')).toHaveCount(Math.min(6, before!.readings.length));
	await expect(page.getByTestId('meter-reading').first()).toContainText('Điện lực ghi chỉ số');
	await expect(page.getByTestId('checked-status')).toHaveText('Chưa kiểm tra công tơ');
	await page.getByTestId('action-check').click();

	await expect(page).toHaveURL(new RegExp(`/jobs/${check.jobId}/check$`));
	await expect(page.getByTestId('check-step')).toHaveText('Bước 1/2 — Kết quả kiểm tra');
	await expect(page.getByTestId('check-meter')).toContainText(SERIAL);
	await expect(page.getByTestId('gps-fix')).toHaveText('21.028511, 105.854167 (sai số ± 9 m)');

	// nothing entered: the shared schema names what is missing
	await page.getByRole('button', { name: 'Tiếp tục: khách hàng xác nhận' }).click();
	await expect(page.getByTestId('form-errors')).toBeVisible();
	await expect(page.getByText('Nhập chỉ số công tơ (kWh)')).toBeVisible();
	await expect(page.getByText('Cần 1 ảnh mặt công tơ', { exact: true })).toBeVisible();
	await expect(page.getByText('Chọn kết quả kiểm tra')).toBeVisible();

	// a reading below the previous one is refused at once, with the shared reason next to the field
	const reading = page.getByLabel('Chỉ số hiện tại (kWh)', { exact: true });
	await reading.fill(String(last.kwh - 1));
	await expect(page.getByTestId('check-readingKwh-error')).toContainText('nhỏ hơn chỉ số lần trước');
	const readingKwh = last.kwh + 150;
	await reading.fill(String(readingKwh));
	await expect(page.getByTestId('check-readingKwh-error')).toHaveCount(0);
	await expect(page.getByTestId('check-readingKwh-field')).toHaveAttribute('data-verdict', 'ok');
	await expect(page.getByTestId('check-readingKwh-usage')).toContainText('Tiêu thụ từ lần trước: 150 kWh');
	await page.getByLabel('Ảnh mặt công tơ (thấy rõ chỉ số)', { exact: true }).setInputFiles([photos[0]!]);
	await expect(page.getByTestId('check-readingPhoto').getByRole('img')).toHaveCount(1);

	await page.getByRole('radio', { name: 'Còn nguyên', exact: true }).check();
	// an electronic meter: clock drift is offered
	await expect(page.getByRole('radio', { name: 'Lệch đồng hồ thời gian' })).toBeVisible();
	await page.getByRole('radio', { name: 'Chạy nhanh' }).check();
	await page.getByLabel('Sai số đo được (%)').fill('3,2');
	await page.getByRole('radio', { name: 'Thay công tơ' }).check();

	// the replacement: the old meter's final reading and the new meter's first, each with a photo
	await page.getByLabel('Chỉ số chốt công tơ cũ (kWh)').fill(String(readingKwh + 0.5).replace('.', ','));
	await page.getByLabel('Ảnh công tơ cũ khi chốt chỉ số', { exact: true }).setInputFiles([photos[1]!]);
	await expect(page.getByTestId('check-oldFinalPhoto').getByRole('img')).toHaveCount(1);
	await page.getByLabel('Số sê-ri công tơ mới').fill(NEW_SERIAL.toLowerCase());
	await expect(page.getByLabel('Số chữ số mặt số công tơ mới')).toHaveValue('6');
	await expect(page.getByRole('radio', { name: 'Điện tử' })).toBeChecked();
	await page.getByLabel('Chỉ số ban đầu công tơ mới (kWh)').fill('1234567');
	await expect(page.getByTestId('check-newReadingKwh-error')).toContainText('nhiều chữ số hơn mặt số');
	await page.getByLabel('Chỉ số ban đầu công tơ mới (kWh)').fill('5');
	await expect(page.getByTestId('check-newReadingKwh-error')).toHaveCount(0);
	await page.getByLabel('Ảnh mặt công tơ mới', { exact: true }).setInputFiles([photos[2]!]);
	await expect(page.getByTestId('check-newPhoto').getByRole('img')).toHaveCount(1);
	await page.getByLabel('Ghi chú').fill('Công tơ chạy nhanh 3,2 %, thay công tơ mới theo yêu cầu khách hàng');
	await expect(page.getByTestId('form-errors')).toHaveCount(0);
	await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved');

	// the customer's turn: the result as it will be recorded
	await page.getByRole('button', { name: 'Tiếp tục: khách hàng xác nhận' }).click();
	await expect(page.getByTestId('check-step')).toHaveText('Bước 2/2 — Khách hàng xác nhận');
	const preview = page.getByTestId('check-preview');
	await expect(preview.getByTestId('check-result')).toHaveText('Chạy nhanh, +3,2%');
	await expect(preview.getByTestId('check-action')).toHaveText('Thay công tơ');
	await expect(preview.getByTestId('check-new-meter')).toContainText(NEW_SERIAL);
	await expect(preview.getByTestId('check-abnormal')).toHaveCount(0);
	await expect(page.getByLabel('Họ tên người ký')).toHaveValue(customerName);
	await customerAcknowledges(page, check.code);

	// queued: the job is done on the tablet at once
	await expect(page).toHaveURL(new RegExp(`/jobs/${check.jobId}$`));
	await expect(page.getByTestId('detail-state')).toHaveText('Hoàn tất');
	await expect(page.getByTestId('checked-status')).toHaveText('✓ Đã kiểm tra công tơ');
	await expect(page.getByTestId('meter-check-summary').getByTestId('check-new-meter')).toContainText(NEW_SERIAL);
	await expect(page.getByTestId('job-pending').getByTestId('pending-command')).toHaveCount(1);
	await expect(page.getByTestId('action-check')).toHaveCount(0);
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 1');

	// online: photos, the command, then the pull
	await context.setOffline(false);
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
	await expect(page.getByTestId('job-pending')).toHaveCount(0);
	await expect(page.getByTestId('job-rejected')).toHaveCount(0);
	await expect(page.getByTestId('checked-status')).toHaveText('✓ Đã kiểm tra công tơ');
	// the server's record now: the crew that checked, the customer who acknowledged
	await expect(page.getByTestId('meter-check-summary')).toContainText('Tổ 1 — Hoàn Kiếm');
	await expect(page.getByTestId('meter-check-summary').getByTestId('check-signer')).toHaveText(customerName);

	// the supervisor: request completed with the result, the old meter removed, the new one registered
	const onServer = await meterCheckAsSupervisor(request, check.requestId);
	expect(onServer.state).toBe('completed');
	expect(onServer.meterCheck).toMatchObject({
		meterSerial: SERIAL,
		readingKwh,
		result: 'fast',
		errorPercent: 3.2,
		action: 'replaced',
		abnormal: false,
		signerName: customerName,
		location: { lat: HANOI.latitude, lng: HANOI.longitude },
		replacement: { newSerial: NEW_SERIAL, newType: 'electronic', newPhases: 1, newRegisterDigits: 6, newReadingKwh: 5, oldFinalKwh: readingKwh + 0.5 }
	});
	const oldMeter = await meterAsSupervisor(request, SERIAL);
	expect(oldMeter?.meter.removedAt, 'the old meter is marked removed').toBeTruthy();
	expect(oldMeter?.readings.some((r) => r.kwh === readingKwh && r.source === 'crew')).toBe(true);
	const newMeter = await meterAsSupervisor(request, NEW_SERIAL);
	expect(newMeter, 'the new meter is in the register').not.toBeNull();
	expect(newMeter!.meter).toMatchObject({ serial: NEW_SERIAL, type: 'electronic', phases: 1, registerDigits: 6, removedAt: null });
	expect(newMeter!.customer.name).toBe(customerName);
	expect(newMeter!.readings.map((r) => r.kwh)).toContain(5);
});

test('offline: an abnormal reading is flagged on the tablet, confirmed with a second photo, and shows on the supervisor’s request detail', async ({ context, page, request }) => {
	test.setTimeout(180_000);
	await page.goto('/login');
	await waitForOfflineReady(page);
	const photos = await makeJpegs(page, 2);

	const SERIAL = 'HN-CT-0005';
	const before = await meterAsSupervisor(request, SERIAL);
	const last = before!.readings.at(-1)!;
	const check = await dispatchMeterCheck(request, { meterSerial: SERIAL, customerName: 'Lý Văn Bất Thường' });

	await logIn(page, CREW);
	await waitForOfflineReady(page);
	await context.setOffline(true);
	await page.goto(`/jobs/${check.jobId}/check`);
	await expect(page.getByTestId('check-meter')).toContainText(SERIAL);

	// a month's use three times over and more: flagged, with the reason
	const readingKwh = last.kwh + 600;
	await page.getByLabel('Chỉ số hiện tại (kWh)', { exact: true }).fill(String(readingKwh));
	const flag = page.getByTestId('check-readingKwh-abnormal');
	await expect(flag).toBeVisible();
	await expect(flag).toContainText('Bất thường');
	await expect(flag).toContainText('kWh/ngày');
	await page.getByLabel('Ảnh mặt công tơ (thấy rõ chỉ số)', { exact: true }).setInputFiles([photos[0]!]);
	await expect(page.getByTestId('check-readingPhoto').getByRole('img')).toHaveCount(1);
	await page.getByRole('radio', { name: 'Còn nguyên', exact: true }).check();
	// a mechanical meter has no clock
	await expect(page.getByRole('radio', { name: 'Lệch đồng hồ thời gian' })).toHaveCount(0);
	await page.getByRole('radio', { name: 'Chính xác' }).check();
	await page.getByLabel('Sai số đo được (%)').fill('0,4');
	await page.getByRole('radio', { name: 'Không cần xử lý' }).check();

	// not confirmed yet: the form cannot go on
	await page.getByRole('button', { name: 'Tiếp tục: khách hàng xác nhận' }).click();
	await expect(page.getByTestId('check-step')).toHaveAttribute('data-stage', 'check');
	await expect(page.getByTestId('abnormal-confirm')).toContainText('Chỉ số bất thường: chụp thêm 1 ảnh mặt công tơ để xác nhận, hoặc đọc lại chỉ số');
	await page.getByLabel('Ảnh thứ hai xác nhận chỉ số bất thường', { exact: true }).setInputFiles([photos[1]!]);
	await expect(page.getByTestId('check-abnormalConfirmPhoto').getByRole('img')).toHaveCount(1);
	await expect(page.getByTestId('form-errors')).toHaveCount(0);

	await page.getByRole('button', { name: 'Tiếp tục: khách hàng xác nhận' }).click();
	await expect(page.getByTestId('check-step')).toHaveAttribute('data-stage', 'sign');
	await expect(page.getByTestId('check-preview').getByTestId('check-abnormal')).toHaveText('⚠ Bất thường');
	await customerAcknowledges(page, check.code);

	await expect(page).toHaveURL(new RegExp(`/jobs/${check.jobId}$`));
	await expect(page.getByTestId('meter-check-summary').getByTestId('check-abnormal')).toHaveText('⚠ Bất thường');

	await context.setOffline(false);
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
	await expect(page.getByTestId('job-rejected')).toHaveCount(0);
	await expect(page.getByTestId('meter-check-summary').getByTestId('check-abnormal')).toHaveText('⚠ Bất thường');
	await expect(page.getByTestId('meter-check-summary').getByTestId('check-abnormal-reason')).toContainText('Đã chụp ảnh thứ hai xác nhận');

	const onServer = await meterCheckAsSupervisor(request, check.requestId);
	expect(onServer.state).toBe('completed');
	expect(onServer.meterCheck?.abnormal).toBe(true);
	expect(onServer.meterCheck?.abnormalConfirmPhoto).toMatch(/^[0-9a-f]{64}$/);
	expect(onServer.meterCheck?.abnormalConfirmPhoto).not.toBe(onServer.meterCheck?.readingPhoto);
	expect(onServer.meterCheck?.abnormalReason).toContain('Bất thường');
	expect(onServer.meterCheck).toMatchObject({ readingKwh, result: 'accurate', action: 'none', replacement: null });
	const meter = await meterAsSupervisor(request, SERIAL);
	expect(meter?.readings.find((r) => r.kwh === readingKwh)).toMatchObject({ source: 'crew', abnormal: true });
});

test('a check refused by the server (wrong code) stays on the job with its reason; the crew redoes it and it goes through', async ({ page, request }) => {
	test.setTimeout(180_000);
	await page.goto('/login');
	await waitForOfflineReady(page);
	const photos = await makeJpegs(page, 1);

	const SERIAL = 'HN-CT-0006';
	const before = await meterAsSupervisor(request, SERIAL);
	const last = before!.readings.at(-1)!;
	const check = await dispatchMeterCheck(request, { meterSerial: SERIAL, customerName: 'Mai Văn Sai Mã' });
	// a well-formed code (its check digit holds) that is not the one the customer received
	const wrong = signingCodeFrom(check.code.slice(0, 5) === '00000' ? '11111' : '00000');

	await logIn(page, CREW);
	await page.goto(`/jobs/${check.jobId}/check`);
	const readingKwh = last.kwh + 100;
	await page.getByLabel('Chỉ số hiện tại (kWh)', { exact: true }).fill(String(readingKwh));
	await page.getByLabel('Ảnh mặt công tơ (thấy rõ chỉ số)', { exact: true }).setInputFiles([photos[0]!]);
	await expect(page.getByTestId('check-readingPhoto').getByRole('img')).toHaveCount(1);
	await page.getByRole('radio', { name: 'Còn nguyên', exact: true }).check();
	await page.getByRole('radio', { name: 'Không chạy' }).check();
	await page.getByRole('radio', { name: 'Đã hiệu chỉnh' }).check();
	await page.getByRole('button', { name: 'Tiếp tục: khách hàng xác nhận' }).click();
	await expect(page.getByTestId('check-step')).toHaveAttribute('data-stage', 'sign');
	await drawSignature(page, 'signature-pad-canvas');
	await page.getByLabel('Mã xác nhận (6 chữ số trong tin nhắn gửi khách hàng)').fill(wrong);
	await expect(page.getByTestId('code-ok')).toBeVisible();
	await page.getByRole('button', { name: 'Xác nhận kết quả kiểm tra' }).click();

	// online: the server refuses it; the job is open again and the refusal says why
	await expect(page).toHaveURL(new RegExp(`/jobs/${check.jobId}$`));
	const rejected = page.getByTestId('job-rejected').getByTestId('rejected-command');
	await expect(rejected).toHaveCount(1, { timeout: 30_000 });
	await expect(rejected).toHaveAttribute('data-name', 'recordMeterCheck');
	await expect(rejected.getByTestId('rejection-reason')).toContainText('Mã xác nhận');
	await expect(page.getByTestId('checked-status')).toHaveText('Chưa kiểm tra công tơ');
	await expect(page.getByTestId('action-check')).toBeVisible();
	expect((await meterCheckAsSupervisor(request, check.requestId)).state).toBe('survey_scheduled');

	// "Làm lại": back in the check form with everything typed, only the signature and the right code to give
	await rejected.getByTestId('command-redo').click();
	await expect(page).toHaveURL(new RegExp(`/jobs/${check.jobId}/check$`));
	await expect(page.getByLabel('Chỉ số hiện tại (kWh)', { exact: true })).toHaveValue(String(readingKwh));
	await expect(page.getByTestId('check-readingPhoto').getByRole('img')).toHaveCount(1);
	await expect(page.getByRole('radio', { name: 'Đã hiệu chỉnh' })).toBeChecked();
	await page.getByRole('button', { name: 'Tiếp tục: khách hàng xác nhận' }).click();
	await expect(page.getByTestId('check-step')).toHaveAttribute('data-stage', 'sign');
	await expect(page.getByLabel('Mã xác nhận (6 chữ số trong tin nhắn gửi khách hàng)')).toHaveValue(wrong);
	await customerAcknowledges(page, check.code);

	await expect(page).toHaveURL(new RegExp(`/jobs/${check.jobId}$`));
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
	await expect(page.getByTestId('job-rejected')).toHaveCount(0);
	await expect(page.getByTestId('checked-status')).toHaveText('✓ Đã kiểm tra công tơ');
	const onServer = await meterCheckAsSupervisor(request, check.requestId);
	expect(onServer.state).toBe('completed');
	expect(onServer.meterCheck).toMatchObject({ readingKwh, result: 'stopped', action: 'adjusted', errorPercent: null, replacement: null });
});
