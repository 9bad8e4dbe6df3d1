// Issue 12, item 6: the crew's job list opens on the day's work (today before the coming days, closed jobs folded
// away), other days one tap away, and a search by request code, customer name or address that needs no
// diacritics. Everything a finger presses is at least 48 px high, in portrait and in landscape.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { dispatchNewSurvey, laterToday, logIn, pullAs, vietnamDate } from './support';

const CREW = 'doi1.an';

async function top(page: Page, selector: string): Promise<number> {
	return (await page.locator(selector).first().boundingBox())!.y;
}

test('the list opens on today, the coming days follow, closed jobs are folded, and a search finds a job without diacritics', async ({ page, request }) => {
	// near midnight in Hà Nội, laterToday may wait for the next day (up to two minutes)
	test.setTimeout(180_000);
	const mark = randomUUID().slice(0, 4);
	const customer = `Trần Thị Hồng Đào ${mark}`;
	const address = `Số ${Number.parseInt(mark, 16) % 900} Lý Thái Tổ, Hoàn Kiếm, Hà Nội`;
	const todays = await dispatchNewSurvey(request, { crewId: 'doi1', customerName: customer, address, scheduledAt: await laterToday(40) });
	const later = await dispatchNewSurvey(request, { crewId: 'doi1', customerName: `Khách Ngày Sau ${mark}`, scheduledAt: `${vietnamDate(3)}T09:00:00+07:00` });
	const pulled = await pullAs(request, CREW);
	const closed = pulled.jobs.filter((j) => j.status !== 'assigned');
	expect(closed.length, 'the demo crew has closed jobs').toBeGreaterThan(0);

	await logIn(page, CREW);
	const card = (jobId: string) => page.locator(`[data-testid="job-card"][data-job-id="${jobId}"]`);
	const today = page.locator(`[data-testid="job-day"][data-date="${vietnamDate()}"]`);
	await expect(today.locator('h2')).toContainText('Hôm nay');
	await expect(today.locator(card(todays.jobId))).toBeVisible();
	await expect(page.locator(`[data-testid="job-day"][data-date="${vietnamDate(3)}"]`).locator(card(later.jobId))).toBeVisible();
	// today comes before the coming days, and the closed jobs are folded at the end
	expect(await top(page, `[data-testid="job-day"][data-date="${vietnamDate()}"]`)).toBeLessThan(await top(page, `[data-testid="job-day"][data-date="${vietnamDate(3)}"]`));
	for (const job of closed) await expect(card(job.id)).toBeHidden();
	expect(await top(page, '[data-testid="jobs-closed"]')).toBeGreaterThan(await top(page, `[data-testid="job-day"][data-date="${vietnamDate(3)}"]`));

	// another day is one tap away
	await page.getByTestId('job-day-links').getByRole('link', { name: /Hôm nay/ }).click();
	await expect(today.locator('h2')).toBeInViewport();
	await page.getByTestId('job-day-links').getByRole('link', { name: /Đã xong/ }).click();
	for (const job of closed) await expect(card(job.id)).toBeVisible();

	// the search: by name or address typed without diacritics, by code; every section follows
	const search = page.getByLabel('Tìm theo mã yêu cầu, tên khách hàng hoặc địa chỉ');
	await search.fill(`hong dao ${mark}`);
	await expect(page.getByTestId('job-card')).toHaveCount(1);
	await expect(card(todays.jobId)).toBeVisible();
	await search.fill(address.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(', ha noi', ''));
	await expect(page.getByTestId('job-card')).toHaveCount(1);
	await expect(card(todays.jobId)).toBeVisible();
	await search.fill(later.code.toLowerCase());
	await expect(page.getByTestId('job-card')).toHaveCount(1);
	await expect(card(later.jobId)).toBeVisible();
	await search.fill('không có ai tên này');
	await expect(page.getByTestId('job-search-empty')).toHaveText('Không có công việc nào khớp “không có ai tên này”.');
	await search.fill('');
	await expect(card(todays.jobId)).toBeVisible();
	await expect(card(later.jobId)).toBeVisible();
});

for (const viewport of [
	{ name: 'portrait', width: 800, height: 1280 },
	{ name: 'landscape', width: 1280, height: 800 }
]) {
	test(`in ${viewport.name} every control of the list is at least 48 px high`, async ({ page, request }) => {
		await dispatchNewSurvey(request, { crewId: 'doi1', customerName: `Khách Chạm ${randomUUID().slice(0, 4)}`, scheduledAt: `${vietnamDate(1)}T09:00:00+07:00` });
		await page.setViewportSize({ width: viewport.width, height: viewport.height });
		await logIn(page, CREW);
		await expect(page.getByTestId('job-day-links')).toBeVisible();
		const targets = [
			page.getByTestId('job-search'),
			...(await page.getByTestId('job-day-links').getByRole('link').all()),
			...(await page.locator('[data-testid="job-card"]:visible').all()),
			page.getByTestId('jobs-closed-toggle')
		];
		expect(targets.length).toBeGreaterThan(3);
		for (const target of targets) {
			const box = (await target.boundingBox())!;
			expect(box.height, (await target.innerText()).slice(0, 40)).toBeGreaterThanOrEqual(48);
			expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
		}
	});
}
