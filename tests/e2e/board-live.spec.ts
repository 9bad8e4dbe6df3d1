// A live change that arrives while the supervisor's press is still loading must not swallow the press (SvelteKit lets
// an invalidation win over a navigation in flight): the console's live helper holds the re-read until the navigation
// ends, then reads the change (src/lib/console/live.ts).
import { expect, test } from '@playwright/test';
import { authOf, logInToConsole, vietnamDate } from './support';

test('a change on the server while a filter is loading keeps the filter pressed, then shows the change', async ({ page, request }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	const supervisor = await authOf(request, 'giamsat');
	const phone = `09${String(Date.now() % 100_000_000).padStart(8, '0')}`;
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: { serviceNumber: 2, customer: { name: 'Đỗ Văn Trực', phone }, address: 'Số 8 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội' }
	});
	expect(created.status()).toBe(201);
	const { id, code } = (await created.json()) as { id: string; code: string };

	await logInToConsole(page);
	await page.goto(`/console?q=${phone}`);
	const row = page.locator(`[data-testid="board-row"][data-code="${code}"]`);
	await expect(row.getByTestId('board-state')).toHaveText('Đã tiếp nhận');
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

	// the board's read for the pressed filter is held at the network while the request is dispatched elsewhere; the
	// server's "changed" reaches the page (debounced 400 ms) before that read answers
	let held = false;
	await page.route(/\/api\/requests\?.*process=site_work/, async (route) => {
		if (held) return route.continue();
		held = true;
		const dispatched = await request.post(`/api/requests/${id}/dispatch`, {
			headers: supervisor,
			data: { crewId: 'doi2', scheduledAt: `${vietnamDate(1)}T14:00:00+07:00` }
		});
		expect(dispatched.ok(), await dispatched.text()).toBe(true);
		await page.waitForTimeout(2_000);
		await route.continue();
	});
	await page.getByTestId('board-filters-toggle').click();
	await page.getByTestId('board-process').selectOption('site_work');

	// the press is kept: the URL and the panel say the filter, and the change is read after it
	await expect(page).toHaveURL(/process=site_work/);
	await expect(row.getByTestId('board-state')).toHaveText('Đã hẹn khảo sát');
	await expect(page).toHaveURL(/process=site_work/);
	await expect(page.getByTestId('board-process')).toHaveValue('site_work');
	expect(held).toBe(true);
});
