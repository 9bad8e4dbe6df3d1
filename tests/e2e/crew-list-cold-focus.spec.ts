// Issue "utility scale", item 4: on a cold start the crew's list first draws the earliest jobs it read (a screenful),
// then all of them. A crew who has already put the keyboard on a card of that first screenful keeps it there when
// the whole list replaces it, even where that card's section goes from a few cards to hundreds (drawn then only
// near the screen); and the card stays where it was drawn, the day links coming into a row kept free for them.
// The tablet holds yesterday's finished jobs first (read first, not shown) and today's 300 after.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { offlineCrewWithOneJob, storeJobCopies } from './support';

const CLOSED = 36;
const TODAY = 300;

test('a card focused while the first screenful shows keeps the focus and its place when the whole list comes', async ({ page, context, request }) => {
	test.setTimeout(120_000);
	await offlineCrewWithOneJob(page, context, request, 'phím sớm', `Khách Mẫu ${randomUUID().slice(0, 4)}`);

	const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
	const start = Date.parse(`${today}T07:00:00+07:00`);
	await storeJobCopies(
		page,
		Array.from({ length: CLOSED + TODAY }, (_, i) => {
			const done = i < CLOSED;
			return {
				id: `som-${String(i).padStart(3, '0')}`,
				status: done ? 'done' : 'assigned',
				// the finished ones yesterday, the open ones through today
				scheduledAt: new Date(start + (done ? -86_400_000 : 0) + i * 60_000).toISOString(),
				request: { id: `som-yc-${i}`, code: `YC-SOM-${String(i).padStart(3, '0')}`, customerName: `Khách Sớm ${i}` }
			};
		})
	);

	// The keyboard lands on the first card the moment it is drawn, while only the first screenful is read: a crew's
	// Tab within the first few hundred ms, done in the page itself, as a test's round trip could come too late.
	await page.addInitScript(() => {
		const w = window as unknown as { __focusedEarly?: { id: string; partial: boolean; below: number } };
		const observer = new MutationObserver(() => {
			const card = document.querySelector<HTMLElement>('[data-testid="job-card"]');
			if (!card) return;
			observer.disconnect();
			card.focus();
			const search = document.querySelector('[data-testid="job-search"]');
			w.__focusedEarly = {
				id: card.dataset.jobId ?? '',
				partial: search?.getAttribute('aria-busy') === 'true',
				// how far below the search box the card is drawn (the page above the list may still change)
				below: card.getBoundingClientRect().top - (search?.getBoundingClientRect().bottom ?? 0)
			};
		});
		observer.observe(document, { childList: true, subtree: true });
	});
	await page.reload();

	const early = await page.waitForFunction(() => (window as unknown as { __focusedEarly?: { id: string; partial: boolean; below: number } }).__focusedEarly);
	const focused = (await early.jsonValue())!;
	expect(focused.partial, 'the card was focused before the whole list was read').toBe(true);
	// the whole list is in: the search is no longer waiting and the day links show
	await expect(page.getByTestId('job-search')).not.toHaveAttribute('aria-busy', 'true');
	await expect(page.getByTestId('job-day-links')).toBeVisible();
	await expect(page.locator('#jobs-today').getByTestId('job-list-virtual')).toBeVisible();
	const card = page.locator(`[data-testid="job-card"][data-job-id="${focused.id}"]`);
	await expect(card).toBeFocused();
	const below = await card.evaluate((el) => el.getBoundingClientRect().top - document.querySelector('[data-testid="job-search"]')!.getBoundingClientRect().bottom);
	expect(Math.abs(below - focused.below), 'the card has not moved down under the day links').toBeLessThan(2);
});
