// Issue 12, item 6: the supervisors' board at 1280–1920 px wide. The deadline and the time left read whole (no
// table wider than its box, no text cut), the filters fold away so the first screen shows requests, and a request
// waiting for the supervisor after a customer's correction stands out and is one press away.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { command, estimatePayloadFor, surveyPayloadFor } from '../support/field';
import { servicesOfKind } from '../../src/lib/domain/processes';
import { authOf, dispatchNewSurvey, logInToConsole, makeJpegs, outboxMessages, tokenOf, uploadPhotos, type PulledJob, soonToday } from './support';

/** Nothing of the board's table spills out of its box, and every "time left" cell shows its whole text. */
async function expectBoardFits(page: Page) {
	const wrap = page.locator('.table-wrap');
	const fit = await wrap.evaluate((el) => {
		const box = el.getBoundingClientRect();
		const main = el.closest('main')!.getBoundingClientRect();
		const cells = [...el.querySelectorAll<HTMLElement>('[data-testid="board-left"], [data-testid="board-deadline"]')].map((cell) => {
			const r = cell.getBoundingClientRect();
			return { text: cell.innerText, within: r.left >= box.left - 0.5 && r.right <= box.right + 0.5, clipped: cell.scrollWidth > cell.clientWidth + 1 };
		});
		return { overflow: el.scrollWidth - el.clientWidth, withinMain: box.left >= main.left && box.right <= main.right, cells };
	});
	expect(fit.overflow, 'the table is no wider than its box').toBeLessThanOrEqual(0);
	expect(fit.withinMain).toBe(true);
	expect(fit.cells.length).toBeGreaterThan(0);
	for (const cell of fit.cells) {
		expect(cell.within, `"${cell.text}" lies inside the board`).toBe(true);
		expect(cell.clipped, `"${cell.text}" is not cut`).toBe(false);
		expect(cell.text).not.toContain('…');
	}
}

for (const viewport of [
	{ width: 1280, height: 800 },
	{ width: 1440, height: 900 },
	{ width: 1920, height: 1080 }
]) {
	test(`at ${viewport.width}×${viewport.height} the overdue requests read "quá hạn …" whole and the first screen shows requests`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await logInToConsole(page);
		await page.goto('/console?overdue=1');
		const rows = page.getByTestId('board-row');
		await expect(rows.first()).toBeVisible();
		await expect(rows.first().getByTestId('board-left')).toContainText(/quá hạn \d+ (ngày|giờ|phút)/);
		await expectBoardFits(page);

		// the filters are folded: the first row is on the first screen, under the search
		await expect(page.getByTestId('board-filter-panel')).toHaveCount(0);
		await expect(page.getByTestId('board-search')).toBeInViewport();
		const first = (await rows.first().boundingBox())!;
		expect(first.y + first.height).toBeLessThanOrEqual(viewport.height);
		await expect(page.getByTestId('board-filters-count')).toHaveText('(1 đang áp dụng)');

		// unfolded they show the states, the crew, the service and "overdue only" (checked, from the URL)
		await page.getByTestId('board-filters-toggle').click();
		await expect(page.getByTestId('board-filters-toggle')).toHaveAttribute('aria-expanded', 'true');
		await expect(page.getByTestId('board-filter-panel')).toBeVisible();
		await expect(page.getByRole('checkbox', { name: 'Đã tiếp nhận' })).toBeVisible();
		await expect(page.getByTestId('board-overdue')).toBeChecked();
		await page.getByTestId('board-filters-toggle').click();
		await expect(page.getByTestId('board-filter-panel')).toHaveCount(0);

		// the whole board, unfiltered, fits too
		await page.goto('/console?size=100');
		await expect(rows.first()).toBeVisible();
		await expectBoardFits(page);
	});
}

for (const viewport of [
	{ width: 1440, height: 900 },
	{ width: 1920, height: 1080 }
]) {
	test(`at ${viewport.width}×${viewport.height} the board filters by process, named in words, and uses the screen's width`, async ({ page, request }) => {
		await page.setViewportSize(viewport);
		// a paperwork request (service 50, a change of payment method: documents only) of this run
		const supervisor = await authOf(request, 'giamsat');
		const customer = `Khách Hồ Sơ ${viewport.width}-${Date.now() % 100_000}`;
		const taken = await request.post('/api/requests', {
			headers: supervisor,
			data: { serviceNumber: 50, customer: { name: customer, phone: '0912000050', email: null }, address: 'Số 50 Hàng Bông, Hoàn Kiếm, Hà Nội' }
		});
		expect(taken.ok(), await taken.text()).toBe(true);

		await logInToConsole(page);
		await page.getByTestId('board-filters-toggle').click();
		const process = page.getByTestId('board-process');
		await expect(process).toBeVisible();
		// every process by its name in the catalog, none by its code
		await expect(process.locator('option')).toHaveText([
			'Tất cả quy trình',
			'Khảo sát, dự toán, thi công và ký hợp đồng',
			'Kiểm tra công tơ tại hiện trường',
			'Xét duyệt hồ sơ, không cần đến hiện trường',
			'Cử tổ xử lý ngay tại hiện trường',
			'Xác minh và trả lời kiến nghị',
			'Trả lời kiến nghị chỉ số hoặc kiểm tra công tơ',
			'Giải đáp, tư vấn cho khách hàng'
		]);
		const box = (await process.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);

		await process.selectOption({ label: 'Xét duyệt hồ sơ, không cần đến hiện trường' });
		await expect(page).toHaveURL(/process=paperwork/);
		await expect(page.getByTestId('board-filters-count')).toHaveText('(1 đang áp dụng)');
		await expect(page.getByTestId('board-row').filter({ hasText: customer })).toBeVisible();
		const paperwork = servicesOfKind('paperwork');
		const services = await page.locator('[data-testid="board-row"] td.service').allInnerTexts();
		expect(services.length).toBeGreaterThan(0);
		for (const service of services) expect(paperwork, service).toContain(Number(service.split('.')[0]));
		await expect(page.getByTestId('board-total')).toHaveText(/^\d+ yêu cầu$/);

		// a reload keeps it; the panel shows it chosen
		await page.reload();
		await page.getByTestId('board-filters-toggle').click();
		await expect(page.getByTestId('board-process')).toHaveValue('paperwork');
		await page.getByTestId('board-filters-toggle').click();
		await expectBoardFits(page);

		// the console is not held to the crew app's 1200 px: the board spreads over a wide screen
		const wrap = (await page.locator('.table-wrap').boundingBox())!;
		expect(wrap.width).toBeGreaterThan(Math.min(1200, viewport.width - 80));
		if (viewport.width >= 1920) expect(wrap.width).toBeGreaterThan(1500);
	});
}

test('past 10 000 matching requests the board says "hơn 10.000" in words and pages within them', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	// the server as it answers a unit of a million requests: the count stops at the cap
	await page.route(/\/api\/requests\?/, async (route) => {
		const answer = await route.fetch();
		const body = (await answer.json()) as { total: number; totalCapped: boolean };
		await route.fulfill({ response: answer, json: { ...body, total: 10_000, totalCapped: true } });
	});
	await logInToConsole(page);
	await expect(page.getByTestId('board-total')).toHaveText('Hơn 10.000 yêu cầu (xem được 10.000 yêu cầu đầu theo hạn; lọc hoặc tìm để thu hẹp)');
	await expect(page.getByTestId('board-total')).toHaveAttribute('data-capped', 'true');
	await expect(page.getByTestId('board-page')).toHaveText('Trang 1/500');
	// a link past the last page opens the last page the board can show
	await page.goto('/console?page=900');
	await expect(page.getByTestId('board-page')).toHaveText('Trang 500/500');
	await expect(page.getByRole('button', { name: 'Trang sau' })).toBeDisabled();
	await expect(page.getByTestId('board-error')).toHaveCount(0);
});

/** A request whose customer asked, on the portal, to correct the contract: it waits for the supervisor. */
async function correctionRequested(request: APIRequestContext, customer: string, photos: Buffer[]) {
	const { id, code, jobId } = await dispatchNewSurvey(request, { crewId: 'doi2', customerName: customer, scheduledAt: soonToday(33) });
	const crew = { authorization: `Bearer ${await tokenOf(request, 'doi2.cuong')}` };
	const pulled = (await (await request.get('/api/sync/pull', { headers: crew })).json()) as { jobs: PulledJob[] };
	const job = pulled.jobs.find((j) => j.id === jobId)!;
	const [site, meter] = await uploadPhotos(request, crew, photos);
	const survey = surveyPayloadFor({ site: [site!], meter: [meter!] });
	const target = { requestId: id, jobId };
	const version = job.request.version;
	const push = await request.post('/api/sync/push', {
		headers: crew,
		data: { deviceId: `e2e-board-${Date.now()}`, commands: [command(1, 'submitSurvey', target, version, survey), command(2, 'submitEstimate', target, version + 1, estimatePayloadFor(survey))] }
	});
	expect(push.ok(), await push.text()).toBe(true);
	const supervisor = await authOf(request, 'giamsat');
	const detail = (await (await request.get(`/api/requests/${id}`, { headers: supervisor })).json()) as { estimates: Array<{ customer: { total: number } }> };
	const paid = await request.post(`/api/requests/${id}/payments`, { headers: supervisor, data: { amount: detail.estimates.at(-1)!.customer.total, receiptNo: `BL-BD-${Date.now()}` } });
	expect(paid.ok(), await paid.text()).toBe(true);
	expect((await request.post(`/api/requests/${id}/remote-signing`, { headers: supervisor })).ok()).toBe(true);
	const sms = (await outboxMessages(request, { requestId: id })).find((m) => m.kind === 'remote_signing_link' && m.channel === 'sms');
	const token = /\/portal\/([A-Za-z0-9_-]+)/.exec(sms!.body)![1];
	const asked = await request.post(`/api/portal/${token}/correction`, { data: { comment: 'Địa chỉ thi công là số 14, không phải số 12' } });
	expect(asked.ok(), await asked.text()).toBe(true);
	return { id, code };
}

test('a request waiting for the supervisor after a customer’s correction is flagged and found with one press', async ({ page, request }) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	const photos = (await makeJpegs(page, 2, 320, 240)).map((p) => p.buffer);
	const customer = `Khách Chờ Giám Sát ${Date.now() % 10_000}`;
	const { code } = await correctionRequested(request, customer, photos);

	await logInToConsole(page);
	const waiting = page.getByTestId('board-needs-supervisor');
	await expect(page.getByTestId('board-needs-supervisor-count')).toHaveText(/^[1-9]\d*$/);
	await waiting.click();
	await expect(page).toHaveURL(/state=correction_requested/);
	await expect(waiting).toHaveAttribute('aria-pressed', 'true');
	const row = page.locator(`[data-testid="board-row"][data-code="${code}"]`);
	await expect(row).toBeVisible();
	await expect(row).toContainText(customer);
	await expect(row).toHaveAttribute('data-needs-supervisor', 'true');
	await expect(row.getByTestId('board-waiting')).toHaveText('Chờ giám sát xem xét sửa đổi');
	// only such requests are listed, and the row looks unlike the others
	await expect.poll(async () => [...new Set(await page.getByTestId('board-state').allTextContents())]).toEqual(['Khách hàng yêu cầu chỉnh sửa']);
	const background = await row.evaluate((el) => getComputedStyle(el).backgroundColor);
	expect(background).not.toBe('rgba(0, 0, 0, 0)');

	// a reload keeps the filter; pressing again shows every request
	await page.reload();
	await expect(row).toBeVisible();
	await expect(waiting).toHaveAttribute('aria-pressed', 'true');
	await waiting.click();
	await expect(page).not.toHaveURL(/state=/);
	await expect(waiting).toHaveAttribute('aria-pressed', 'false');
});

for (const width of [1280, 1920]) {
	test(`the KPI labels read whole at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await logInToConsole(page);
		await page.getByRole('link', { name: 'Chỉ số' }).click();
		await expect(page.getByTestId('kpi-by-state').getByTestId('chart-label').first()).toBeVisible();
		await expect(page.getByTestId('kpi-by-state')).toContainText('Đã hẹn khảo sát');
		const labels = await page.locator('[data-testid="chart-label"], [data-testid="chart-value"]').evaluateAll((els) =>
			els.map((el) => {
				const box = el.getBoundingClientRect();
				const card = el.closest('section')!.getBoundingClientRect();
				return { text: (el as HTMLElement).innerText, inside: box.left >= card.left && box.right <= card.right, cut: el.scrollWidth > el.clientWidth + 1 };
			})
		);
		expect(labels.length).toBeGreaterThan(4);
		for (const label of labels) {
			expect(label.inside, `"${label.text}" lies inside its card`).toBe(true);
			expect(label.cut, `"${label.text}" is not cut`).toBe(false);
		}
	});
}
