import { expect, test, type Page } from '@playwright/test';
import { authOf, DEMO_PASSWORD, logIn, pullAs, tokenOf, waitForOfflineReady } from './support';

interface ApiMap {
	jobs: Array<{ jobId: string; request: { id: string; code: string; customerName: string }; crew: { id: string; name: string }; location: { lat: number; lng: number } | null; deadlineStatus: string }>;
	crews: Array<{ id: string; name: string; position: { lat: number; lng: number } | null }>;
}

async function logInSupervisor(page: Page) {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('giamsat');
	await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).not.toHaveURL(/\/login/);
	// the service worker's first install takes over the page; wait for it so it does not reload the map later
	await waitForOfflineReady(page);
}

/**
 * A job marker the user can click: the first of these jobs whose marker's centre is on screen and not covered by
 * another marker. When the jobs are still merged into clusters, the user clicks a cluster to zoom in, and looks again.
 */
async function uncoveredJobMarker(page: Page, jobIds: string[]): Promise<string> {
	const onTop = (testId: string) =>
		page.getByTestId(testId).evaluateAll((els, ids) => {
			for (const el of els) {
				const own = (el.getAttribute('data-job-id') ?? el.getAttribute('data-job-ids') ?? '').split(' ');
				if (!own.some((id) => ids.includes(id))) continue;
				const box = el.getBoundingClientRect();
				const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
				if (hit && el.parentElement!.contains(hit)) return el.getAttribute('data-job-id') ?? el.getAttribute('data-job-ids');
			}
			return null;
		}, jobIds);
	for (let attempt = 0; attempt < 6; attempt++) {
		const single = await onTop('job-marker');
		if (single) return single;
		const cluster = await onTop('job-cluster');
		if (!cluster) break;
		await page.locator(`[data-testid="job-cluster"][data-job-ids="${cluster}"]`).click();
		await page.waitForTimeout(400); // the zoom animation
	}
	throw new Error('no marker of these jobs can be clicked: each is off screen or covered by another marker');
}

/** Every job the map shows: single markers, plus the jobs inside cluster markers. */
async function jobIdsOnMap(page: Page): Promise<string[]> {
	const singles = await page.getByTestId('job-marker').evaluateAll((els) => els.map((el) => el.getAttribute('data-job-id') ?? ''));
	const clustered = await page.getByTestId('job-cluster').evaluateAll((els) => els.flatMap((el) => (el.getAttribute('data-job-ids') ?? '').split(' ')));
	return [...singles, ...clustered].sort();
}

test('the supervisor map shows one marker per open job with a location, and the crew filter narrows it', async ({ page, request }) => {
	const api = (await (await request.get('/api/map', { headers: await authOf(request, 'giamsat') })).json()) as ApiMap;
	const located = api.jobs.filter((j) => j.location);
	expect(located.length).toBeGreaterThan(2);

	await logInSupervisor(page);
	await page.goto('/console/map');
	const map = page.getByTestId('supervisor-map');
	await expect(map).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('map-job-count')).toHaveText(new RegExp(`^${located.length} việc trên bản đồ`));
	await expect.poll(() => jobIdsOnMap(page)).toEqual(located.map((j) => j.jobId).sort());
	// dense markers are merged at this zoom; zooming in splits every cluster into one marker per job
	const clusters = page.getByTestId('job-cluster');
	for (let i = 0; i < 6 && (await clusters.count()) > 0; i++) {
		await page.getByRole('button', { name: 'Phóng to' }).click();
		await page.waitForTimeout(400); // the zoom animation
	}
	await expect(clusters).toHaveCount(0);
	await expect(page.getByTestId('job-marker')).toHaveCount(located.length);

	// filter by the crew of doi1.an
	const crewJobs = (await pullAs(request, 'doi1.an')).jobs.map((j) => j.id);
	const crew = api.jobs.find((j) => crewJobs.includes(j.jobId))!.crew;
	const ofCrew = located.filter((j) => j.crew.id === crew.id);
	expect(ofCrew.length).toBeLessThan(located.length);
	await page.getByLabel('Tổ công tác').selectOption({ label: crew.name });
	await expect(page.getByTestId('map-job-count')).toHaveText(new RegExp(`^${ofCrew.length} việc trên bản đồ`));
	await expect.poll(() => jobIdsOnMap(page)).toEqual(ofCrew.map((j) => j.jobId).sort());
	for (const crewId of await page.getByTestId('job-marker').evaluateAll((els) => els.map((el) => el.getAttribute('data-crew-id')))) expect(crewId).toBe(crew.id);

	// and by deadline risk: overdue jobs only, each drawn as an overdue marker
	await page.getByLabel('Tổ công tác').selectOption({ label: 'Tất cả các tổ' });
	await page.getByLabel('Hạn xử lý').selectOption({ label: 'Quá hạn' });
	const overdue = located.filter((j) => j.deadlineStatus === 'overdue');
	expect(overdue.length).toBeGreaterThan(0);
	expect(overdue.length).toBeLessThan(located.length);
	await expect(page.getByTestId('map-job-count')).toHaveText(new RegExp(`^${overdue.length} việc trên bản đồ`));
	await expect.poll(() => jobIdsOnMap(page)).toEqual(overdue.map((j) => j.jobId).sort());
	for (const risk of await page.getByTestId('job-marker').evaluateAll((els) => els.map((el) => el.getAttribute('data-risk')))) expect(risk).toBe('overdue');
	await page.getByLabel('Hạn xử lý').selectOption({ label: 'Tất cả' });
	await page.getByLabel('Tổ công tác').selectOption({ label: crew.name });

	// clicking a marker opens its card with a link to the request
	const clicked = await uncoveredJobMarker(page, ofCrew.map((j) => j.jobId));
	const full = api.jobs.find((j) => j.jobId === clicked) as ApiMap['jobs'][number] & { request: { id: string; code: string; customerName: string } };
	await page.locator(`[data-testid="job-marker"][data-job-id="${clicked}"]`).click();
	const card = page.getByTestId('map-job-card');
	await expect(card).toContainText(full.request.code);
	await expect(card).toContainText(full.request.customerName);
	await expect(card).toContainText(crew.name);
	await expect(card.getByRole('link', { name: 'Mở' })).toHaveAttribute('href', `/console/requests/${full.request.id}`);
});

test('a crew’s location ping moves its marker on the open supervisor map without a reload', async ({ page, request }) => {
	await logInSupervisor(page);
	await page.goto('/console/map');
	await expect(page.getByTestId('supervisor-map')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('map-live')).toHaveText('Cập nhật trực tiếp');

	const crewToken = await tokenOf(request, 'doi1.an');
	const crewJobs = (await pullAs(request, 'doi1.an')).jobs.map((j) => j.id);
	const api = (await (await request.get('/api/map', { headers: await authOf(request, 'giamsat') })).json()) as ApiMap;
	const crewId = api.jobs.find((j) => crewJobs.includes(j.jobId))!.crew.id;
	const marker = page.locator(`[data-testid="crew-marker"][data-crew-id="${crewId}"]`);

	// the page is not reloaded: a marker set on the window survives
	await page.evaluate(() => ((window as unknown as { mapProbe: number }).mapProbe = 42));
	const first = await request.post('/api/crews/me/position', { headers: { authorization: `Bearer ${crewToken}` }, data: { lat: 21.0301, lng: 105.8402, accuracyM: 9 } });
	expect(first.ok()).toBe(true);
	await expect(marker).toHaveAttribute('data-lat', '21.0301');
	await expect(marker).toHaveAttribute('data-lng', '105.8402');
	await expect(marker).toHaveAttribute('title', /vừa xong/);
	const before = await marker.boundingBox();

	const second = await request.post('/api/crews/me/position', { headers: { authorization: `Bearer ${crewToken}` }, data: { lat: 21.0355, lng: 105.8602, accuracyM: 9 } });
	expect(second.ok()).toBe(true);
	await expect(marker).toHaveAttribute('data-lat', '21.0355');
	await expect(marker).toHaveAttribute('data-lng', '105.8602');
	await expect(marker).toHaveCount(1);
	// it moved on screen too: east (right) and north (up)
	await expect.poll(async () => (await marker.boundingBox())!.x).toBeGreaterThan(before!.x);
	expect((await marker.boundingBox())!.y).toBeLessThan(before!.y);
	expect(await page.evaluate(() => (window as unknown as { mapProbe?: number }).mapProbe)).toBe(42);
});

test('the crew’s map shows its jobs online, and again offline after a reload', async ({ page, context, request }) => {
	const pulled = await pullAs(request, 'doi1.an');
	const expected = pulled.jobs.filter((j) => j.status === 'assigned' && (j.request as { location?: unknown }).location).map((j) => j.id).sort();
	expect(expected.length).toBeGreaterThan(0);

	// the sandbox has no internet: the tile server answers with one small PNG for every tile
	const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
	await context.route(/^https:\/\/tile\.openstreetmap\.org\//, (route) =>
		route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: png })
	);

	await logIn(page, 'doi1.an');
	await waitForOfflineReady(page);
	await page.getByTestId('nav-map').click();
	await expect(page).toHaveURL(/\/map$/);
	await expect(page.getByTestId('crew-map')).toHaveAttribute('data-ready', 'true');
	await expect.poll(() => jobIdsOnMap(page)).toEqual(expected);
	await expect(page.getByTestId('map-job-count')).toHaveText(new RegExp(`^${expected.length} việc trên bản đồ`));

	// the tiles seen online are in the service worker's tile cache
	await expect.poll(() => page.evaluate(async () => (await (await caches.open('ht-map-tiles')).keys()).length)).toBeGreaterThan(0);
	await expect(page.locator('img.leaflet-tile-loaded').first()).toBeAttached();

	await context.unroute(/^https:\/\/tile\.openstreetmap\.org\//);
	await context.setOffline(true);
	await page.reload();

	await expect(page.getByTestId('map-offline')).toBeVisible();
	// the background of the area seen before comes from the cache
	await expect(page.locator('img.leaflet-tile-loaded').first()).toBeAttached();
	await expect(page.getByTestId('crew-map')).toHaveAttribute('data-ready', 'true');
	await expect.poll(() => jobIdsOnMap(page)).toEqual(expected);
	const clicked = await uncoveredJobMarker(page, expected);
	await page.locator(`[data-testid="job-marker"][data-job-id="${clicked}"]`).click();
	await expect(page.getByTestId('map-job-card').getByRole('link', { name: 'Mở' })).toHaveAttribute('href', `/jobs/${clicked}`);
});

test('the marker card gives a job to another crew; the card and the marker follow', async ({ page, request }) => {
	const supervisor = await authOf(request, 'giamsat');
	const api = (await (await request.get('/api/map', { headers: supervisor })).json()) as ApiMap;
	const located = api.jobs.filter((j) => j.location);
	const crews = ((await (await request.get('/api/crews', { headers: supervisor })).json()) as { crews: Array<{ id: string; name: string }> }).crews;
	expect(crews.length).toBeGreaterThan(1);

	await logInSupervisor(page);
	await page.goto('/console/map');
	await expect(page.getByTestId('supervisor-map')).toHaveAttribute('data-ready', 'true');
	await expect.poll(() => jobIdsOnMap(page)).toEqual(located.map((j) => j.jobId).sort());
	const clusters = page.getByTestId('job-cluster');
	for (let i = 0; i < 6 && (await clusters.count()) > 0; i++) {
		await page.getByRole('button', { name: 'Phóng to' }).click();
		await page.waitForTimeout(400); // the zoom animation
	}

	const jobId = await uncoveredJobMarker(page, located.map((j) => j.jobId));
	const job = located.find((j) => j.jobId === jobId)!;
	const target = crews.find((c) => c.id !== job.crew.id)!;
	const marker = page.locator(`[data-testid="job-marker"][data-job-id="${jobId}"]`);
	await marker.click();
	const card = page.getByTestId('map-job-card');
	await expect(card.getByTestId('map-card-crew')).toHaveText(job.crew.name);

	try {
		await card.getByRole('button', { name: 'Giao tổ khác' }).click();
		// the job's own crew is not offered
		const options = await card.getByLabel('Giao cho tổ').locator('option:not([disabled])').allTextContents();
		expect(options).not.toContain(job.crew.name);
		await card.getByLabel('Giao cho tổ').selectOption({ label: target.name });
		// asked first, naming the request, its customer and both crews; going back moves nothing
		await card.getByRole('button', { name: 'Giao', exact: true }).click();
		const dialog = page.getByTestId('map-reassign-dialog');
		await expect(dialog).toBeVisible();
		await expect(dialog).toContainText(job.request.code);
		await expect(dialog).toContainText(job.request.customerName);
		await expect(dialog).toContainText(`từ ${job.crew.name} sang ${target.name}`);
		await dialog.getByRole('button', { name: 'Quay lại' }).click();
		await expect(dialog).toBeHidden();
		await expect(card.getByTestId('map-card-crew')).toHaveText(job.crew.name);
		const untouched = (await (await request.get('/api/map', { headers: supervisor })).json()) as ApiMap;
		expect(untouched.jobs.find((j) => j.jobId === jobId)!.crew.id).toBe(job.crew.id);

		await card.getByRole('button', { name: 'Giao', exact: true }).click();
		await dialog.getByRole('button', { name: `Chuyển sang ${target.name}` }).click();
		await expect(card.getByTestId('map-card-result')).toHaveText(`Đã giao công việc cho ${target.name}.`);
		await expect(card.getByTestId('map-card-crew')).toHaveText(target.name);
		await expect(marker).toHaveAttribute('data-crew-id', target.id);

		const after = (await (await request.get('/api/map', { headers: supervisor })).json()) as ApiMap;
		expect(after.jobs.find((j) => j.jobId === jobId)!.crew.id).toBe(target.id);
	} finally {
		// give the demo job back to its crew, so the specs after this one see the seeded data
		const back = await request.post(`/api/jobs/${jobId}/reassign`, { headers: supervisor, data: { crewId: job.crew.id } });
		expect(back.ok(), await back.text()).toBe(true);
	}
	await expect(card.getByTestId('map-card-crew')).toHaveText(job.crew.name);
});

test('the tile address comes from the server at run time, and tiles of that host are kept for offline use', async ({ page, context }) => {
	const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
	// a deployment with its own tile server (TILE_URL), as GET /api/config names it
	await context.route(/\/api\/config$/, (route) =>
		route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ tileUrl: 'https://tiles.evn.example/nen/{z}/{x}/{y}.png' }) })
	);
	await context.route(/^https:\/\/tiles\.evn\.example\//, (route) =>
		route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: png })
	);

	await logIn(page, 'doi1.an');
	await waitForOfflineReady(page);
	await page.getByTestId('nav-map').click();
	await expect(page.getByTestId('crew-map')).toHaveAttribute('data-ready', 'true');
	await expect(page.locator('img.leaflet-tile-loaded').first()).toHaveAttribute('src', /^https:\/\/tiles\.evn\.example\/nen\/\d+\/\d+\/\d+\.png$/);
	await expect
		.poll(() => page.evaluate(async () => (await (await caches.open('ht-map-tiles')).keys()).filter((r) => r.url.startsWith('https://tiles.evn.example/nen/')).length))
		.toBeGreaterThan(0);
	expect(await page.evaluate(() => localStorage.getItem('ht-tile-url'))).toBe('https://tiles.evn.example/nen/{z}/{x}/{y}.png');
});
