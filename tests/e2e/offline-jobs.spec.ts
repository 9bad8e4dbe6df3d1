import { expect, test } from '@playwright/test';
import { logIn, pullAs, waitForOfflineReady } from './support';

test('a crew logs in, sees its jobs, loses the network, reloads and still sees them', async ({ page, context, request }) => {
	const expected = await pullAs(request, 'doi1.an');
	await logIn(page, 'doi1.an');
	const cards = page.getByTestId('job-card');
	await expect(cards).toHaveCount(expected.jobs.filter((j) => j).length);
	// closed jobs are folded at the end of the list (issue 12); unfolded, they stay so for the tab, reloads included
	if ((await page.getByTestId('jobs-closed').count()) > 0) await page.getByTestId('jobs-closed-toggle').click();
	const online = (await cards.allInnerTexts()).join('\n');
	for (const job of expected.jobs) expect(online).toContain(job.request.customer.name);
	await expect(page.getByTestId('sync-indicator')).toContainText('Trực tuyến');

	await waitForOfflineReady(page);
	await context.setOffline(true);
	await page.reload();

	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
	await expect(cards).toHaveCount(expected.jobs.length);
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
