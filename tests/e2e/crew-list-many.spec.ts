// Issue 14, item 4: a crew whose tablet holds hundreds of jobs. The list draws only the cards near the screen, yet the
// crew scrolls down to a job far down the list and opens it, tabs from card to card with the keyboard (however fast
// the keys come), and the search still finds that job by its code. Offline, from what the tablet stored.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { offlineCrewWithOneJob, storeJobCopies } from './support';

const STORED = 600;

/** The element with the keyboard on it: a card (its section and its place there, as a screen reader says it), on screen or not. */
function focusedCard(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		const box = el?.getBoundingClientRect();
		return {
			card: el?.dataset.testid === 'job-card',
			section: el?.closest('section')?.id ?? null,
			place: Number(el?.parentElement?.getAttribute('aria-posinset') ?? 0),
			onScreen: !!box && box.bottom > 0 && box.top < window.innerHeight
		};
	});
}

/** Tabs coming faster than the tablet draws (the key held down, a slow tablet): sent together, none waiting for a frame. */
async function quickTabs(page: Page, count: number): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const tab = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 };
	await Promise.all(Array.from({ length: count }, () => [cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...tab }), cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...tab })]).flat());
	await cdp.detach();
}

test('with 600 jobs stored, a crew scrolls to a job far down the list, opens it, tabs through cards, and finds it by its code', async ({ page, context, request }) => {
	test.setTimeout(120_000);
	await offlineCrewWithOneJob(page, context, request, 'nhiều việc', `Khách Đầu Tiên ${randomUUID().slice(0, 4)}`);

	// the tablet holds 600 more jobs of this crew over nine days (four days back to four ahead), as a pull stores them
	const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
	const start = Date.parse(`${today}T07:00:00+07:00`);
	await storeJobCopies(
		page,
		Array.from({ length: STORED }, (_, i) => ({
			id: `nhieu-${i}`,
			scheduledAt: new Date(start + ((i % 9) - 4) * 86_400_000 + (i % 10) * 1_800_000).toISOString(),
			request: { id: `nhieu-yc-${i}`, code: `YC-NHIEU-${String(i).padStart(4, '0')}`, customerName: `Khách Nhiều Việc ${i}`, address: `Số ${i} Đường Dài, Huế` }
		}))
	);
	await page.reload();

	const cards = page.getByTestId('job-card');
	await expect(cards.first()).toBeVisible();
	// the last job of the furthest day: at the very end of the open jobs
	const far = STORED - 1 - ((STORED - 1 - 8) % 9); // index ≡ 8 (mod 9): four days ahead
	const farCard = page.locator(`[data-testid="job-card"][data-job-id="nhieu-${far}"]`);
	const drawn = await cards.count();
	expect(drawn, 'only the cards near the screen are drawn').toBeLessThan(200);
	await expect(farCard).toHaveCount(0);

	// scrolling down the list brings it in
	for (let i = 0; i < 200 && !(await farCard.isVisible()); i++) await page.mouse.wheel(0, 1500);
	await expect(farCard).toBeVisible();
	await expect(farCard).toContainText(`Khách Nhiều Việc ${far}`);
	await farCard.click();
	await expect(page.getByTestId('request-code')).toHaveText(`YC-NHIEU-${String(far).padStart(4, '0')}`);
	await page.goBack();
	await expect(cards.first()).toBeVisible();

	// the keyboard reaches card after card: focus moves down the list and each focused card is on screen
	await page.getByTestId('job-search').focus();
	let lastPlace = 0;
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		const focused = await focusedCard(page);
		if (!focused.card) continue; // the day links come first
		expect(focused.onScreen).toBe(true);
		if (focused.place) {
			expect(focused.place).toBeGreaterThan(lastPlace);
			lastPlace = focused.place;
		}
	}
	expect(lastPlace, 'tabbing went past the cards first drawn').toBeGreaterThan(25);

	// Tabs coming faster than the list draws go card after card too, 70 more down the same section: none skips past
	// the last card drawn to the next day's first card (the focus went from the late jobs' 28th card to today's 1st)
	const from = await focusedCard(page);
	expect(from).toMatchObject({ card: true, section: 'jobs-late', place: lastPlace });
	for (let burst = 1; burst <= 7; burst++) {
		await quickTabs(page, 10);
		expect(await focusedCard(page), `after ${burst * 10} quick Tabs`).toEqual({ card: true, section: 'jobs-late', place: lastPlace + burst * 10, onScreen: true });
	}

	// the search finds it by its code, however far down it is
	await page.getByTestId('job-search').fill(`yc-nhieu-${String(far).padStart(4, '0')}`);
	await expect(cards).toHaveCount(1);
	await expect(farCard).toBeVisible();
	await page.getByTestId('job-search').fill('duong dai');
	await expect(cards.first()).toBeVisible();
	expect(await cards.count()).toBeLessThan(200);
});
