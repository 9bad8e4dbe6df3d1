import { expect, test, type Page } from '@playwright/test';
import { logIn, waitForOfflineReady } from './support';

/** Records every Content-Security-Policy violation the page (or a frame of it) reports, from the first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	const fromConsole: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) fromConsole.push(message.text());
	});
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
		document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`));
	});
	return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))];
}

test('the tablet app runs under its Content-Security-Policy: login, jobs, a job, the sync page, offline', async ({ page, context }) => {
	const violations = await watchViolations(page);
	const response = await page.goto('/login');
	expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
	await logIn(page, 'doi1.an');
	await waitForOfflineReady(page);
	await page.getByTestId('job-card').first().click();
	await expect(page.getByTestId('request-code')).toBeVisible();
	await page.goto('/sync');
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
	expect(await violations()).toEqual([]);
});

test('the supervisor console and its map run under the Content-Security-Policy', async ({ page }) => {
	const violations = await watchViolations(page);
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('giamsat');
	await page.getByLabel('Mật khẩu').fill('hientruong');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	await page.goto('/console/map');
	await expect(page.getByTestId('supervisor-map')).toHaveAttribute('data-ready', 'true');
	expect(await violations()).toEqual([]);
});
