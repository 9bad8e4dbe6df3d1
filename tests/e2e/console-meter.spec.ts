// The supervisors' side of a meter check (seed 003): intake with the meter's serial, the meter and its readings on the
// request, and — once the crew has recorded an abnormal reading and a replacement — the result with its photos.
import { createHash, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { authOf, DEMO_PASSWORD, makeJpegs, outboxMessages, uploadPhotos, vietnamDate, waitForOfflineReady } from './support';

const SERIAL = 'HN-CT-0009';
const NEW_SERIAL = 'HN-CT-9009';
/** A 1×1 PNG: the customer's signature image (the strokes are what the schema counts). */
const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function logInAsSupervisor(page: Page) {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('giamsat');
	await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/console$/);
	// the app shell's first install reloads a page opened while it was still installing from an earlier one
	await waitForOfflineReady(page);
}

function uniquePhone(): string {
	return `09${String(Date.now() % 100_000_000).padStart(8, '0')}`;
}

interface MeterRegister {
	customer: { name: string };
	readings: Array<{ kwh: number; at: string; source: string }>;
}

/** What the server itself says about an intake body: its field message for the meter serial. */
async function serverMeterSerialError(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
	const res = await request.post('/api/requests', { headers: await authOf(request, 'giamsat'), data: body });
	expect(res.status(), await res.text()).toBe(400);
	const message = ((await res.json()) as { error: { fields?: Record<string, string> } }).error.fields?.meterSerial;
	expect(message, 'the server names the meter serial').toBeTruthy();
	return message!;
}

test('a supervisor takes in a meter check by serial, sees the meter, and after the crew replaced it sees the abnormal result with its photos', async ({ page, request }) => {
	const supervisor = await authOf(request, 'giamsat');
	const register = (await (await request.get(`/api/meters/${SERIAL}`, { headers: supervisor })).json()) as MeterRegister;
	expect(register.readings.length).toBeGreaterThan(0);
	const lastKwh = register.readings.at(-1)!.kwh;

	const phone = uniquePhone();
	const typed = { name: `Người báo ${phone.slice(-4)}`, phone, address: 'Số 9 Phố Huế, Hai Bà Trưng, Hà Nội' };
	const bodyWith = (meterSerial: string | null) => ({ serviceNumber: 41, meterSerial, customer: { ...typed, email: null }, address: typed.address, location: null });
	const missingMessage = await serverMeterSerialError(request, bodyWith(null));
	const unknownMessage = await serverMeterSerialError(request, bodyWith('XX-0000'));

	// intake: service 41 asks for the meter's serial
	await logInAsSupervisor(page);
	await page.goto('/console/new');
	await expect(page.getByLabel('Số sê-ri công tơ')).toHaveCount(0);
	await page.getByLabel('Tìm dịch vụ theo số hoặc tên').fill('41');
	await page.getByRole('radio', { name: /^41\. / }).check();
	const serial = page.getByLabel('Số sê-ri công tơ');
	await expect(serial).toBeVisible();
	await expect(page.getByTestId('intake-meter')).toContainText('khách hàng đăng ký của công tơ');
	await page.getByLabel('Họ tên khách hàng').fill(typed.name);
	await page.getByLabel('Số điện thoại').fill(typed.phone);
	await page.getByLabel('Địa chỉ', { exact: true }).fill(typed.address);

	// no serial: named next to the field
	await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
	await expect(page.getByTestId('intake-error')).toHaveText('Kiểm tra lại các ô được đánh dấu.');
	await expect(page.locator('#err-meter-serial')).toHaveText(missingMessage);
	await expect(serial).toHaveAttribute('aria-invalid', 'true');

	// a serial the register does not hold: the server's message
	await serial.fill('XX-0000');
	await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
	await expect(page.locator('#err-meter-serial')).toHaveText(unknownMessage);
	await expect(page.getByTestId('intake-done')).toHaveCount(0);

	await serial.fill(SERIAL);
	await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
	const code = (await page.getByTestId('intake-code').textContent())!.match(/YC-\d{4}-\d{5}/)?.[0];
	expect(code, 'the new request code is shown').toBeDefined();
	await page.getByRole('link', { name: 'Mở yêu cầu' }).click();
	await expect(page.getByTestId('detail-code')).toHaveText(code!);
	const requestId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

	// the request is the meter's registered customer's; the meter with its readings, newest first
	await expect(page.getByTestId('detail-customer')).toHaveText(register.customer.name);
	const meter = page.getByTestId('detail-meter');
	await expect(meter.getByTestId('meter-serial')).toHaveText(SERIAL);
	await expect(meter.getByTestId('meter-kind')).toHaveText('1 pha · công tơ cơ');
	await expect(meter).toContainText('6 chữ số');
	await expect(meter.getByTestId('meter-removed')).toHaveText('Đang sử dụng');
	const rows = meter.getByTestId('meter-reading');
	await expect(rows).toHaveCount(register.readings.length);
	await expect(rows.first()).toContainText(`${String(lastKwh).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} kWh`);
	await expect(rows.first()).toContainText('Điện lực');
	await expect(page.getByTestId('detail-meter-check')).toHaveCount(0);
	// a meter check is dispatched with its own words
	await expect(page.getByTestId('dispatch-form')).toContainText('Hẹn kiểm tra công tơ');

	// through the API: dispatch to Tổ 2; the customer is texted the confirmation code
	const dispatched = await request.post(`/api/requests/${encodeURIComponent(requestId)}/dispatch`, {
		headers: supervisor,
		data: { crewId: 'doi2', scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }
	});
	expect(dispatched.ok(), await dispatched.text()).toBe(true);
	const { jobId } = (await dispatched.json()) as { jobId: string };
	const sms = (await outboxMessages(request, { requestId })).find((m) => m.kind === 'meter_check_code' && m.channel === 'sms');
	const checkCode = /: (\d{6})\./.exec(sms?.body ?? '')?.[1];
	expect(checkCode, 'the customer was texted the meter check code').toBeDefined();

	// the crew records the check: reading far above the usual use (confirmed by a second photo), broken seal, replaced
	const crew = await authOf(request, 'doi2.cuong');
	const pulled = (await (await request.get('/api/sync/pull', { headers: crew })).json()) as {
		jobs: Array<{ id: string; kind: string; request: { id: string; version: number; meter?: { serial: string } | null } }>;
	};
	const job = pulled.jobs.find((j) => j.id === jobId);
	expect(job, 'doi2 pulls the meter check job').toBeDefined();
	expect(job!.kind).toBe('meter_check');
	expect(job!.request.meter?.serial).toBe(SERIAL);
	const [readingPhoto, sealPhoto, confirmPhoto, oldFinalPhoto, newPhoto] = await uploadPhotos(
		request,
		crew,
		(await makeJpegs(page, 5, 320, 240)).map((f) => f.buffer)
	);
	const readingKwh = lastKwh + 600;
	const payload = {
		meterSerial: SERIAL,
		readingKwh,
		readingPhoto,
		sealIntact: false,
		sealPhoto,
		result: 'fast',
		errorPercent: 4.5,
		action: 'replaced',
		replacement: {
			newSerial: NEW_SERIAL,
			newType: 'electronic',
			newPhases: 1,
			newRegisterDigits: 6,
			newReadingKwh: 0,
			newPhoto,
			oldFinalKwh: readingKwh,
			oldFinalPhoto
		},
		abnormalConfirmPhoto: confirmPhoto,
		notes: 'Công tơ chạy nhanh, đã thay công tơ điện tử',
		location: { lat: 21.0123, lng: 105.8456, accuracyM: 6 },
		code: checkCode,
		signature: { imagePng: TINY_PNG, strokes: [[{ x: 10, y: 10, time: 0 }, { x: 40, y: 25, time: 16 }]], signerName: register.customer.name }
	};
	const push = await request.post('/api/sync/push', {
		headers: crew,
		data: {
			deviceId: `e2e-meter-${randomUUID()}`,
			commands: [
				{
					commandId: randomUUID(),
					seq: 1,
					name: 'recordMeterCheck',
					requestId,
					jobId,
					baseVersion: job!.request.version,
					deviceTime: new Date().toISOString(),
					location: payload.location,
					payload
				}
			]
		}
	});
	const pushed = (await push.json()) as { results: Array<{ status: string; reason?: unknown }> };
	expect(pushed.results.map((r) => r.status), JSON.stringify(pushed.results)).toEqual(['applied']);

	// the supervisor sees the result
	await page.reload();
	await expect(page.getByTestId('detail-state')).toHaveText('Hoàn tất');
	const check = page.getByTestId('detail-meter-check');
	const flag = check.getByTestId('meter-check-abnormal');
	await expect(flag).toContainText('Bất thường');
	const recorded = (await (await request.get(`/api/requests/${encodeURIComponent(requestId)}`, { headers: supervisor })).json()) as {
		meterCheck: { abnormal: boolean; abnormalReason: string | null } | null;
	};
	expect(recorded.meterCheck?.abnormal).toBe(true);
	expect(recorded.meterCheck?.abnormalReason).toBeTruthy();
	await expect(flag.getByTestId('meter-check-abnormal-reason')).toHaveText(recorded.meterCheck!.abnormalReason!);
	await expect(flag.getByTestId('photo-thumb')).toHaveAttribute('data-sha256', confirmPhoto!);
	await expect(check.getByTestId('meter-check-reading')).toContainText(`${String(readingKwh).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} kWh`);
	await expect(check.getByTestId('meter-check-seal')).toHaveText('Không còn nguyên');
	await expect(check.getByTestId('meter-check-result')).toHaveText('Chạy nhanh');
	await expect(check).toContainText('+4,5%');
	await expect(check.getByTestId('meter-check-action')).toHaveText('Thay công tơ');
	await expect(check.getByTestId('meter-check-new-serial')).toHaveText(NEW_SERIAL);
	await expect(check.getByTestId('meter-check-new-reading')).toHaveText('0 kWh');
	await expect(check.getByTestId('meter-check-signer')).toHaveText(register.customer.name);
	await expect(page.getByTestId('detail-job')).toContainText('Tổ 2 — Cầu Giấy');
	await expect(page.getByTestId('detail-job')).toHaveAttribute('data-status', 'done');
	const thumbs = check.getByTestId('photo-thumb');
	await expect(thumbs).toHaveCount(5);
	const shown = await thumbs.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-sha256')));
	expect(new Set(shown)).toEqual(new Set([readingPhoto, sealPhoto, confirmPhoto, oldFinalPhoto, newPhoto]));
	// the thumbnails are real pictures (loaded lazily, once the supervisor scrolls to them), and one opens full size
	await thumbs.first().scrollIntoViewIfNeeded();
	await expect.poll(() => thumbs.first().locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	await check.locator(`[data-testid="meter-check-photos"][data-group="newMeter"]`).getByTestId('photo-thumb').click();
	await expect(page.getByTestId('photo-viewer-image')).toBeVisible();
	await page.getByTestId('photo-viewer-close').click();
	await expect(page.getByTestId('detail-timeline')).toContainText('Hẹn kiểm tra công tơ');
	await expect(page.getByTestId('detail-timeline')).toContainText('Ghi nhận kết quả kiểm tra công tơ');
	// the crew's reading joins the meter's readings, flagged
	const crewReading = meter.locator('[data-testid="meter-reading"][data-source="crew"][data-abnormal="true"]').first();
	await expect(crewReading).toContainText('Tổ công tác');
	await expect(crewReading.getByTestId('reading-abnormal')).toHaveText('⚠ Bất thường');
});

test("a customer's reading that differs from the utility's opens a complaint whose timeline shows both readings and photos", async ({ page, request }) => {
	const serial = 'HN-CT-0010';
	const supervisor = await authOf(request, 'giamsat');
	const register = (await (await request.get(`/api/meters/${serial}`, { headers: supervisor })).json()) as MeterRegister;
	const lastKwh = register.readings.at(-1)!.kwh;
	await logInAsSupervisor(page);
	const [utilityJpeg, customerJpeg] = (await makeJpegs(page, 2, 320, 240)).map((f) => f.buffer);

	// the utility's reading of today, with its photo
	const [utilityPhoto] = await uploadPhotos(request, supervisor, [utilityJpeg!]);
	const utilityKwh = lastKwh + 150;
	const read = await request.post(`/api/meters/${serial}/readings`, { headers: supervisor, data: { kwh: utilityKwh, photoSha256: utilityPhoto } });
	expect(read.status(), await read.text()).toBe(201);

	// the customer's own reading of the same day, through the link texted to them, 12.5 kWh more
	const linked = await request.post(`/api/meters/${serial}/reading-links`, { headers: supervisor, data: { readingDate: vietnamDate() } });
	expect(linked.status(), await linked.text()).toBe(201);
	// a reading-day link is about no request: only an admin's outbox lists it
	const token = (await outboxMessages(request, { reader: 'admin' }))
		.filter((m) => m.kind === 'self_reading_link' && m.channel === 'sms' && m.body.includes(serial))
		.map((m) => /\/self-reading\/([A-Za-z0-9_-]+)/.exec(m.body)?.[1])
		.find(Boolean);
	expect(token, 'the customer was texted a reading link').toBeDefined();
	const customerPhoto = createHash('sha256').update(customerJpeg!).digest('hex');
	const put = await request.put(`/api/self-reading/${token}/photo/${customerPhoto}`, { headers: { 'content-type': 'image/jpeg' }, data: customerJpeg! });
	expect([200, 201], await put.text()).toContain(put.status());
	const customerKwh = utilityKwh + 12.5;
	const sent = await request.post(`/api/self-reading/${token}`, { data: { kwh: customerKwh, photoSha256: customerPhoto } });
	expect(sent.status(), await sent.text()).toBe(201);
	const complaint = ((await sent.json()) as { complaint: { code: string } | null }).complaint;
	expect(complaint, 'the difference opened a complaint').not.toBeNull();

	// the supervisor finds the complaint on the board and opens it
	await page.goto(`/console?q=${complaint!.code}`);
	await page.getByRole('link', { name: complaint!.code }).click();
	await expect(page.getByTestId('detail-code')).toHaveText(complaint!.code);
	const entry = page.locator('[data-testid="timeline-entry"][data-transition="readingDispute"]');
	await expect(entry).toContainText('Khách hàng kiến nghị chỉ số công tơ');
	const dispute = entry.getByTestId('reading-dispute');
	const [y, m, d] = vietnamDate().split('-');
	await expect(dispute).toContainText(`Công tơ ${serial}, ngày ghi ${d}/${m}/${y}`);
	const vi = (kwh: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(kwh);
	await expect(dispute).toContainText(`Điện lực ghi: ${vi(utilityKwh)} kWh`);
	await expect(dispute).toContainText(`Khách hàng tự ghi: ${vi(customerKwh)} kWh`);
	await expect(dispute).toContainText('Chênh lệch: +12,5 kWh');
	const thumbs = dispute.getByTestId('photo-thumb');
	await expect(thumbs).toHaveCount(2);
	expect(await thumbs.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-sha256')))).toEqual([utilityPhoto, customerPhoto]);
	await expect(dispute.getByText('Ảnh chỉ số khách hàng gửi')).toBeVisible();
});
