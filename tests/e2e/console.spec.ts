import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { command, surveyPayloadFor } from '../support/field';
import { authOf, DEMO_PASSWORD, logIn, makeJpegs, outboxMessages, pullAs, tokenOf, vnd, waitForOfflineReady, type PulledJob } from './support';

/** The supervisor logs in on the ordinary login page and lands on the console. */
async function logInAsSupervisor(page: Page) {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('giamsat');
	await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/console$/);
	await expect(page.getByRole('heading', { name: 'Bảng yêu cầu' })).toBeVisible();
	// the app shell's first install reloads a page opened while it was still installing from an earlier one
	await waitForOfflineReady(page);
}

/** A Vietnamese mobile number no other test uses. */
function uniquePhone(): string {
	return `09${String(Date.now() % 100_000_000).padStart(8, '0')}`;
}

/** 'YYYY-MM-DD' of tomorrow in Hà Nội. */
function tomorrowInVietnam(): string {
	return new Date(Date.now() + 7 * 3_600_000 + 24 * 3_600_000).toISOString().slice(0, 10);
}

test('a supervisor takes in a request, finds it on the board, dispatches the survey; the crew gets it and the customer is texted', async ({ page, request }) => {
	const phone = uniquePhone();
	const customer = `Đặng Thu Trang ${phone.slice(-4)}`;
	await logInAsSupervisor(page);

	// intake: service 2 picked by its number
	await page.getByRole('link', { name: 'Tiếp nhận' }).click();
	await expect(page.getByRole('heading', { name: 'Tiếp nhận yêu cầu' })).toBeVisible();
	await page.getByLabel('Tìm dịch vụ theo số hoặc tên').fill('2');
	await page.getByRole('radio', { name: /^2\. / }).check();
	await expect(page.getByTestId('service-chosen')).toContainText('Đã chọn: 2.');
	await page.getByLabel('Họ tên khách hàng').fill(customer);
	await page.getByLabel('Số điện thoại').fill(phone);
	await page.getByLabel('Địa chỉ', { exact: true }).fill('Số 8 Hàng Bài, Hoàn Kiếm, Hà Nội');
	await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();

	const code = (await page.getByTestId('intake-code').textContent())!.match(/YC-\d{4}-\d{5}/)?.[0];
	expect(code, 'the new request code is shown').toBeDefined();
	const deadline = (await page.getByTestId('intake-deadline').textContent())!.match(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/)?.[0];
	expect(deadline, 'the deadline is shown').toBeDefined();

	// the board: filter by state, then search by phone; the filters are in the URL
	await page.getByRole('link', { name: 'Bảng yêu cầu' }).click();
	// the filters are folded so the first screen shows requests
	await page.getByTestId('board-filters-toggle').click();
	await page.getByRole('checkbox', { name: 'Đã tiếp nhận' }).check();
	await expect(page).toHaveURL(/state=submitted/);
	await expect(page.getByTestId('board-row').first()).toBeVisible();
	// the rows re-render after the URL changes: wait until the filtered rows are shown, then every one is "submitted"
	await expect
		.poll(async () => [...new Set(await page.getByTestId('board-state').allTextContents())])
		.toEqual(['Đã tiếp nhận']);
	await page.getByLabel('Tìm theo mã, tên hoặc số điện thoại khách hàng').fill(phone);
	await page.getByLabel('Tìm theo mã, tên hoặc số điện thoại khách hàng').press('Enter');
	await expect(page).toHaveURL(new RegExp(`q=${phone}`));
	const row = page.getByTestId('board-row');
	await expect(row).toHaveCount(1);
	await expect(row).toHaveAttribute('data-code', code!);
	await expect(row).toContainText(customer);
	await expect(row).toContainText('2. Cấp điện hạ áp sinh hoạt nông thôn');
	await expect(row.getByTestId('board-deadline')).toHaveText(deadline!);
	await expect(row.getByTestId('board-left')).toHaveText(/còn \d+ ngày làm việc|đến hạn hôm nay/);
	await expect(row.getByTestId('board-state')).toHaveText('Đã tiếp nhận');

	// a reload keeps the filters
	await page.reload();
	await expect(page.getByTestId('board-filters-count')).toHaveText('(1 đang áp dụng)');
	await page.getByTestId('board-filters-toggle').click();
	await expect(page.getByRole('checkbox', { name: 'Đã tiếp nhận' })).toBeChecked();
	await expect(page.getByLabel('Tìm theo mã, tên hoặc số điện thoại khách hàng')).toHaveValue(phone);
	await expect(page.getByTestId('board-row')).toHaveCount(1);

	// the detail and the dispatch
	await page.getByRole('link', { name: code! }).click();
	await expect(page.getByTestId('detail-code')).toHaveText(code!);
	await expect(page.getByTestId('detail-state')).toHaveText('Đã tiếp nhận');
	await expect(page.getByTestId('detail-deadline')).toHaveText(deadline!);
	const requestId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

	const tomorrow = tomorrowInVietnam();
	await page.getByLabel('Tổ khảo sát').selectOption({ label: 'Tổ 1 — Hoàn Kiếm' });
	await page.getByLabel('Ngày khảo sát').fill(tomorrow);
	await page.getByLabel('Giờ').fill('08:30');
	await page.getByRole('button', { name: 'Giao khảo sát' }).click();
	const [y, m, d] = tomorrow.split('-');
	await expect(page.getByTestId('action-ok')).toContainText(`Tổ 1 — Hoàn Kiếm lúc 08:30 ${d}/${m}/${y}`);
	await expect(page.getByTestId('detail-state')).toHaveText('Đã hẹn khảo sát');
	await expect(page.getByTestId('detail-job')).toContainText('Tổ 1 — Hoàn Kiếm');
	await expect(page.getByTestId('detail-timeline')).toContainText('Hẹn lịch khảo sát');
	await expect(page.getByTestId('detail-notifications')).toContainText(phone);

	// the crew's tablet pulls the job
	const pulled = await pullAs(request, 'doi1.an');
	const job = pulled.jobs.find((j) => j.request.code === code);
	expect(job, 'doi1.an pulls the new survey job').toBeDefined();
	expect(job).toMatchObject({ kind: 'survey', status: 'assigned', request: { state: 'survey_scheduled', customer: { name: customer, phone } } });
	expect((job as unknown as { scheduledAt: string }).scheduledAt).toBe(new Date(`${tomorrow}T08:30:00+07:00`).toISOString());

	// the customer is texted the survey time
	const sms = (await outboxMessages(request, { requestId })).find((msg) => msg.kind === 'survey_scheduled' && msg.channel === 'sms');
	expect(sms, 'an SMS with the survey time').toBeDefined();
	expect(sms!.recipient).toBe(phone);
	expect(sms!.body).toContain('08:30');

	// the open survey moves to Tổ 2: its tablet gets it
	await page.getByLabel('Chuyển cho tổ').selectOption({ label: 'Tổ 2 — Cầu Giấy' });
	await page.getByRole('button', { name: 'Chuyển tổ' }).click();
	// the console asks first, naming the request, the customer and both crews
	const confirmMove = page.getByRole('dialog');
	await expect(confirmMove).toContainText(code!);
	await expect(confirmMove).toContainText(customer);
	await expect(confirmMove).toContainText('Tổ 1 — Hoàn Kiếm');
	await page.getByTestId('reassign-dialog-confirm').click();
	await expect(page.getByTestId('action-ok')).toHaveText('Đã chuyển công việc cho Tổ 2 — Cầu Giấy.');
	await expect(page.getByTestId('detail-job')).toContainText('Tổ 2 — Cầu Giấy');
	expect((await pullAs(request, 'doi2.cuong')).jobs.some((j) => j.request.code === code)).toBe(true);
	expect((await pullAs(request, 'doi1.an')).jobs.some((j) => j.request.code === code)).toBe(false);
});

test('intake names the wrong fields next to them', async ({ page }) => {
	await logInAsSupervisor(page);
	await page.goto('/console/new');
	await page.getByLabel('Họ tên khách hàng').fill('A');
	await page.getByLabel('Số điện thoại').fill('12345');
	await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
	await expect(page.getByTestId('intake-error')).toHaveText('Kiểm tra lại các ô được đánh dấu.');
	await expect(page.getByText('Chọn dịch vụ', { exact: true })).toBeVisible();
	await expect(page.getByLabel('Họ tên khách hàng')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#err-name')).toHaveText('Nhập họ tên khách hàng');
	await expect(page.locator('#err-phone')).toHaveText('Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912345678)');
	await expect(page.locator('#err-address')).toHaveText('Nhập địa chỉ đầy đủ');
});

test('a crew account opening the console is refused', async ({ page }) => {
	await logIn(page, 'doi1.an');
	await waitForOfflineReady(page);
	await page.goto('/console');
	await expect(page.getByTestId('console-forbidden')).toContainText('Không có quyền truy cập');
	await expect(page.getByTestId('board-table')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Về danh sách công việc' })).toBeVisible();
});

test('the board follows a change made elsewhere without a reload', async ({ page, request }) => {
	const supervisor = await authOf(request, 'giamsat');
	const phone = uniquePhone();
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: { serviceNumber: 2, customer: { name: 'Vũ Minh Khôi', phone }, address: 'Số 20 Lý Thái Tổ, Hoàn Kiếm, Hà Nội' }
	});
	expect(created.status()).toBe(201);
	const { id, code } = (await created.json()) as { id: string; code: string };

	await logInAsSupervisor(page);
	await page.goto(`/console?q=${phone}`);
	const row = page.getByTestId('board-row');
	await expect(row).toHaveAttribute('data-code', code);
	await expect(row.getByTestId('board-state')).toHaveText('Đã tiếp nhận');
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
	await page.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));

	const crews = (await (await request.get('/api/crews', { headers: supervisor })).json()) as { crews: Array<{ id: string; name: string }> };
	const crew2 = crews.crews.find((c) => c.id === 'doi2')!;
	const dispatched = await request.post(`/api/requests/${id}/dispatch`, {
		headers: supervisor,
		data: { crewId: crew2.id, scheduledAt: `${tomorrowInVietnam()}T14:00:00+07:00` }
	});
	expect(dispatched.ok()).toBe(true);

	await expect(row.getByTestId('board-state')).toHaveText('Đã hẹn khảo sát');
	await expect(row).toContainText(crew2.name);
	expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
});

test('the console speaks English when switched, and the KPIs are drawn', async ({ page }) => {
	await logInAsSupervisor(page);
	await page.getByRole('link', { name: 'Chỉ số' }).click();
	await expect(page.getByRole('heading', { name: 'Chỉ số' })).toBeVisible();
	await expect(page.getByTestId('kpi-by-state')).toBeVisible();
	await expect(page.getByTestId('kpi-by-state').locator('rect.bar').first()).toBeVisible();
	await expect(page.getByTestId('kpi-by-state')).toContainText('Đã tiếp nhận');
	await page.getByTestId('language-switch').click();
	await expect(page.getByRole('heading', { name: 'KPIs' })).toBeVisible();
	await expect(page.getByTestId('kpi-by-state')).toContainText('Submitted');
	await page.getByRole('link', { name: 'Requests' }).click();
	await expect(page.getByRole('heading', { name: 'Requests board' })).toBeVisible();
	await page.getByTestId('language-switch').click();
});

test('a supervisor takes a counter payment, reads the contract it drafted and sends it for online signing', async ({ page, request }) => {
	const supervisor = await authOf(request, 'giamsat');
	const board = (await (await request.get('/api/requests?state=estimated&pageSize=100', { headers: supervisor })).json()) as { items: Array<{ id: string; code: string; customerPhone: string }> };
	const target = board.items[0];
	expect(target, 'the demo unit has a request waiting for payment').toBeDefined();
	const before = (await (await request.get(`/api/requests/${target!.id}`, { headers: supervisor })).json()) as { estimates: Array<{ customer: { total: number } }> };
	const owed = before.estimates.at(-1)!.customer.total;

	await logInAsSupervisor(page);
	await page.goto(`/console/requests/${encodeURIComponent(target!.id)}`);
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập dự toán');
	await expect(page.getByTestId('estimate-split').last()).toContainText(`Khách hàng trả ${vnd(owed)}`);
	await expect(page.getByLabel('Số tiền (đồng)')).toHaveValue(String(owed));

	// a wrong amount is refused with the server's reason
	await page.getByLabel('Số tiền (đồng)').fill(String(owed - 1000));
	await page.getByLabel('Số biên lai').fill(`BL-E2E-${target!.code}`);
	await page.getByRole('button', { name: 'Ghi nhận thanh toán' }).click();
	// the amounts grouped as the console writes money, and the request named (the payments' own refusal words)
	const grouped = (n: number) => n.toLocaleString('vi-VN');
	await expect(page.getByTestId('action-error')).toHaveText(`Số tiền ${grouped(owed - 1000)} đồng không khớp số tiền phải nộp ${grouped(owed)} đồng của yêu cầu ${target!.code}`);
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập dự toán');

	await page.getByLabel('Số tiền (đồng)').fill(String(owed));
	await page.getByRole('button', { name: 'Ghi nhận thanh toán' }).click();
	await expect(page.getByTestId('action-ok')).toHaveText('Đã ghi nhận thanh toán. Hợp đồng phiên bản 1 đã được lập.');
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập hợp đồng');
	await expect(page.getByTestId('detail-payments')).toContainText(`${vnd(owed)} — tại quầy — BL-E2E-${target!.code}`);

	const contract = page.getByTestId('detail-contract');
	await expect(contract).toHaveCount(1);
	await expect(contract).toContainText('Phiên bản 1');
	await expect(contract).toContainText(/Mã băm SHA-256: [0-9a-f]{64}/);
	await contract.locator('summary').click();
	await expect(contract.locator('pre')).toContainText(target!.code);

	await page.getByRole('button', { name: 'Gửi đường dẫn ký' }).click();
	await expect(page.getByTestId('action-ok')).toHaveText('Đã gửi đường dẫn ký cho khách hàng.');
	await expect(page.getByTestId('detail-state')).toHaveText('Chờ khách hàng ký');
	await expect(page.getByTestId('detail-notifications')).toContainText('Tin đường dẫn ký hợp đồng');
	await expect(page.getByTestId('detail-timeline')).toContainText('Ghi nhận thanh toán');
});

/** The decoded width of an image (0 until it has loaded). */
async function naturalWidth(image: Locator): Promise<number> {
	return image.evaluate((el) => ((el as HTMLImageElement).complete ? (el as HTMLImageElement).naturalWidth : 0));
}

test('intake attaches documents: a refused file is named and removed, and the detail shows the photo and the PDF', async ({ page }) => {
	await logInAsSupervisor(page);
	await page.goto('/console/new');
	const [jpeg] = await makeJpegs(page, 1, 320, 240);
	const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
	await page.getByTestId('documents-input').setInputFiles([
		{ name: 'so-do-thua-dat.jpg', mimeType: 'image/jpeg', buffer: jpeg!.buffer },
		{ name: 'don-de-nghi.pdf', mimeType: 'application/pdf', buffer: pdf },
		{ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') }
	]);
	const docs = page.getByTestId('intake-document');
	await expect(docs).toHaveCount(3);
	await expect(docs.filter({ hasText: 'so-do-thua-dat.jpg' })).toHaveAttribute('data-status', 'done');
	await expect(docs.filter({ hasText: 'don-de-nghi.pdf' })).toHaveAttribute('data-status', 'done');
	const refused = docs.filter({ hasText: 'ghi-chu.pdf' });
	await expect(refused).toHaveAttribute('data-status', 'error');
	await expect(refused.getByTestId('intake-document-status')).toHaveText('✕ Lỗi: Chỉ nhận ảnh JPEG, WebP hoặc tệp PDF');

	const phone = uniquePhone();
	await page.getByLabel('Tìm dịch vụ theo số hoặc tên').fill('2');
	await page.getByRole('radio', { name: /^2\. / }).check();
	await page.getByLabel('Họ tên khách hàng').fill(`Lê Văn Tài liệu ${phone.slice(-4)}`);
	await page.getByLabel('Số điện thoại').fill(phone);
	await page.getByLabel('Địa chỉ', { exact: true }).fill('Số 3 Tràng Tiền, Hoàn Kiếm, Hà Nội');
	// a failed file is never dropped silently
	await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
	await expect(page.getByTestId('intake-error')).toHaveText('Có tệp tải lên không được: gỡ tệp đó hoặc thử lại.');
	await refused.getByRole('button', { name: 'Gỡ ghi-chu.pdf' }).click();
	await expect(docs).toHaveCount(2);
	await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
	await expect(page.getByTestId('intake-done')).toBeVisible();
	await page.getByRole('link', { name: 'Mở yêu cầu' }).click();

	// the photo as a thumbnail (fetched with the token), the PDF as a named file
	const documents = page.getByTestId('detail-documents');
	await expect(documents).toBeVisible();
	const thumb = documents.getByTestId('document-thumb');
	await expect(thumb).toHaveCount(1);
	await expect(thumb).toHaveAttribute('data-sha256', createHash('sha256').update(jpeg!.buffer).digest('hex'));
	await expect.poll(() => naturalWidth(thumb.locator('img'))).toBe(320);
	expect(await thumb.locator('img').getAttribute('src')).toMatch(/^blob:/);

	await thumb.click();
	const viewer = page.getByTestId('photo-viewer');
	await expect(viewer).toBeVisible();
	await expect.poll(() => naturalWidth(page.getByTestId('photo-viewer-image'))).toBe(320);
	await expect(page.getByTestId('photo-viewer-close')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(viewer).toBeHidden();
	await expect(thumb).toBeFocused();

	const file = documents.getByTestId('document-file');
	await expect(file).toHaveCount(1);
	await expect(file).toContainText('Tệp PDF 2');
	const downloading = page.waitForEvent('download');
	await file.click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^tai-lieu-[0-9a-f]{8}\.pdf$/);
	expect(fs.readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
});

test('the detail shows the photos of a pushed survey as thumbnails, and one opens full size', async ({ page, request }) => {
	const supervisor = await authOf(request, 'giamsat');
	const phone = uniquePhone();
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: { serviceNumber: 2, customer: { name: `Phan Thị Ảnh ${phone.slice(-4)}`, phone }, address: 'Số 5 Đinh Tiên Hoàng, Hoàn Kiếm, Hà Nội' }
	});
	expect(created.status()).toBe(201);
	const { id } = (await created.json()) as { id: string };
	const dispatched = await request.post(`/api/requests/${id}/dispatch`, {
		headers: supervisor,
		data: { crewId: 'doi2', scheduledAt: `${tomorrowInVietnam()}T15:30:00+07:00` }
	});
	expect(dispatched.ok(), await dispatched.text()).toBe(true);

	await logInAsSupervisor(page);
	// the crew surveys it through the API with three real photos (two of the site, one of the meter)
	const crewToken = await tokenOf(request, 'doi2.cuong');
	const crew = { authorization: `Bearer ${crewToken}` };
	const pulled = (await (await request.get('/api/sync/pull', { headers: crew })).json()) as { jobs: PulledJob[] };
	const job = pulled.jobs.find((j) => j.request.id === id && j.kind === 'survey');
	expect(job, 'the crew pulled the survey job').toBeDefined();
	const photos: string[] = [];
	for (const photo of await makeJpegs(page, 3, 400, 300)) {
		const sha256 = createHash('sha256').update(photo.buffer).digest('hex');
		const put = await request.put(`/api/blobs/${sha256}`, { headers: { ...crew, 'content-type': 'image/jpeg' }, data: photo.buffer });
		expect([200, 201], await put.text()).toContain(put.status());
		photos.push(sha256);
	}
	const push = await request.post('/api/sync/push', {
		headers: crew,
		data: {
			deviceId: `e2e-console-photos-${Date.now()}`,
			commands: [command(1, 'submitSurvey', { requestId: id, jobId: job!.id }, job!.request.version, surveyPayloadFor({ site: [photos[0]!, photos[1]!], meter: [photos[2]!] }))]
		}
	});
	expect(push.ok(), await push.text()).toBe(true);
	expect(((await push.json()) as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual(['applied']);

	await page.goto(`/console/requests/${encodeURIComponent(id)}`);
	const site = page.locator('[data-testid="survey-photos"][data-group="site"]').getByTestId('photo-thumb');
	const meter = page.locator('[data-testid="survey-photos"][data-group="meter"]').getByTestId('photo-thumb');
	await expect(site).toHaveCount(2);
	await expect(meter).toHaveCount(1);
	expect(await site.evaluateAll((els) => els.map((el) => el.getAttribute('data-sha256')))).toEqual([photos[0], photos[1]]);
	await expect(meter).toHaveAttribute('data-sha256', photos[2]!);
	// thumbnails load lazily: the survey section sits below the request's other sections, as a supervisor scrolls to it
	for (const thumb of [site.nth(0), site.nth(1), meter]) {
		await thumb.scrollIntoViewIfNeeded();
		await expect.poll(() => naturalWidth(thumb.locator('img'))).toBe(400);
	}

	await site.nth(1).click();
	const viewer = page.getByTestId('photo-viewer');
	await expect(viewer).toBeVisible();
	await expect(viewer).toContainText('Ảnh hiện trường 2');
	const full = page.getByTestId('photo-viewer-image');
	await expect.poll(() => naturalWidth(full)).toBe(400);
	// shown larger than the thumbnail
	expect((await full.boundingBox())!.width).toBeGreaterThan((await site.nth(1).boundingBox())!.width);
	await page.getByTestId('photo-viewer-close').click();
	await expect(viewer).toBeHidden();
	await expect(site.nth(1)).toBeFocused();
});
