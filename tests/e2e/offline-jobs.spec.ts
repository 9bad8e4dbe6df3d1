import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { dispatchNewSurvey, logIn, newCrewWithMember, pullAs, vietnamDate, waitForOfflineReady, soonToday } from './support';

// The crew is this test's own: the demo crews' jobs are moved by specs running at the same time on the same server,
// and the list read online must be the one the tablet kept, not one changed in between.
test('a crew logs in, sees its jobs, loses the network, reloads and still sees them', async ({ page, context, request }) => {
	const crew = await newCrewWithMember(request, 'ngoại tuyến');
	const mark = randomUUID().slice(0, 4);
	const names = [`Phan Văn Sáng ${mark}`, `Đỗ Thị Chiều ${mark}`, `Vũ Minh Mai ${mark}`];
	await dispatchNewSurvey(request, { crewId: crew.crewId, customerName: names[0]!, scheduledAt: soonToday(40) });
	await dispatchNewSurvey(request, { crewId: crew.crewId, customerName: names[1]!, scheduledAt: `${vietnamDate(1)}T09:00:00+07:00` });
	await dispatchNewSurvey(request, { crewId: crew.crewId, customerName: names[2]!, address: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội', scheduledAt: `${vietnamDate(2)}T14:00:00+07:00` });

	await logIn(page, crew.username, crew.password);
	const cards = page.getByTestId('job-card');
	await expect(cards).toHaveCount(3);
	const online = (await cards.allInnerTexts()).join('\n');
	for (const name of names) expect(online).toContain(name);
	await expect(page.getByTestId('sync-indicator')).toContainText('Trực tuyến');

	await waitForOfflineReady(page);
	await context.setOffline(true);
	await page.reload();

	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
	await expect(cards).toHaveCount(3);
	expect((await cards.allInnerTexts()).join('\n')).toBe(online);
	await expect(page.getByTestId('sync-now')).toBeDisabled();
});

test('a deep link to a job opens offline with the request and its history', async ({ page, context, request }) => {
	const expected = await pullAs(request, 'doi3.hai');
	const job = expected.jobs[0]!;
	await logIn(page, 'doi3.hai');
	await waitForOfflineReady(page);
	await context.setOffline(true);

	await page.goto(`/jobs/${job.id}`);
	await expect(page.getByTestId('request-code')).toHaveText(job.request.code);
	await expect(page.getByText(job.request.customer.name).first()).toBeVisible();
	await expect(page.getByText(job.request.address).first()).toBeVisible();
	await expect(page.getByText('Đã tiếp nhận').first()).toBeVisible();
});

// The English messages are a chunk of their own, fetched only when the crew chooses English: offline, the service
// worker's precache serves it; and a page opened with English stored shows English from its first paint.
test('offline, the crew switches to English; reloaded, the page is in English from its first paint', async ({ page, context }) => {
	await logIn(page, 'doi3.hai');
	await waitForOfflineReady(page);
	await context.setOffline(true);
	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');

	await page.getByTestId('language-switch').click();
	await expect(page.getByTestId('sync-indicator')).toContainText('Offline');
	await expect(page.getByTestId('language-switch')).toHaveText('Tiếng Việt');
	expect(await page.evaluate(() => localStorage.getItem('hien-truong.lang'))).toBe('en');

	// every text the sync indicator and the language switch show while the reloaded page renders, from the first
	await page.addInitScript(() => {
		const seen: string[] = ((window as unknown as { seenTexts: string[] }).seenTexts = []);
		new MutationObserver(() => {
			for (const id of ['sync-indicator', 'language-switch']) {
				const text = document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
				if (text && seen.at(-1) !== `${id}: ${text}`) seen.push(`${id}: ${text}`);
			}
		}).observe(document, { childList: true, subtree: true, characterData: true });
	});
	await page.reload();
	await expect(page.getByTestId('sync-indicator')).toContainText('Offline');
	await expect(page.getByTestId('job-card').first()).toBeVisible();
	const seen = await page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts);
	expect(seen.length).toBeGreaterThan(0);
	for (const text of seen) expect(text).not.toMatch(/Ngoại tuyến|Trực tuyến|language-switch: English/);

	// and back to Vietnamese, still offline
	await page.getByTestId('language-switch').click();
	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
});

test("crew A never sees crew B's customers", async ({ page, request }) => {
	const crewB = await pullAs(request, 'doi2.cuong');
	const crewA = await pullAs(request, 'doi1.an');
	const namesOfA = new Set(crewA.jobs.map((j) => j.request.customer.name));
	const onlyB = crewB.jobs.map((j) => j.request.customer.name).filter((name) => !namesOfA.has(name));
	expect(onlyB.length).toBeGreaterThan(0);

	await logIn(page, 'doi1.an');
	const shown = (await page.getByTestId('job-card').allInnerTexts()).join('\n');
	for (const name of onlyB) expect(shown).not.toContain(name);
});
