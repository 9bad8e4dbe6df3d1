import { createHash, randomUUID } from 'node:crypto';
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { estimatePayloadFor, surveyPayloadFor } from '../support/field';

export const DEMO_PASSWORD = 'hientruong';

export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	// the first pull of a fresh tablet: longer than the usual 10 s wait when two servers share a busy machine
	await expect(page.getByTestId('job-card').first()).toBeVisible({ timeout: 30_000 });
}

/**
 * A supervisor (or admin) logs in on the ordinary login page and lands on the console, its app shell installed
 * (the shell's first install reloads a page opened while it was still installing from an earlier one).
 */
export async function logInToConsole(page: Page, username = 'giamsat') {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(/\/console$/);
	await waitForOfflineReady(page);
}

/**
 * Waits until the service worker controls the page, i.e. the app shell is precached for offline use.
 * The predicate must be synchronous: waitForFunction does not await a promise, and a pending promise is truthy.
 */
export async function waitForOfflineReady(page: Page) {
	await page.waitForFunction(
		() => document.documentElement.dataset.offlineReady === 'true' && navigator.serviceWorker?.controller?.state === 'activated'
	);
}

export interface PulledJob {
	id: string;
	kind: 'survey' | 'installation' | 'meter_check';
	status: 'assigned' | 'done' | 'cancelled';
	request: {
		id: string;
		code: string;
		state: string;
		version: number;
		customer: { name: string; phone: string; email: string | null };
		address: string;
		survey: null | { sitePhotos: string[]; meterPhotos: string[]; distanceM: number; location: { lat: number; lng: number; accuracyM: number } | null };
		estimate: null | { total: number; customer: { total: number }; utility: { total: number }; lines: Array<{ code: string; quantity: number }> };
	};
}

/** A crew member's bearer token, straight from the API. */
export async function tokenOf(request: APIRequestContext, username: string): Promise<string> {
	const login = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
	expect(login.ok()).toBe(true);
	return ((await login.json()) as { token: string }).token;
}

/** The crew a crew member belongs to, as the API says at sign-in. */
export async function crewIdOf(request: APIRequestContext, username: string): Promise<string> {
	const login = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
	expect(login.ok()).toBe(true);
	const crewId = ((await login.json()) as { user: { crewId: string | null } }).user.crewId;
	expect(crewId, `${username} belongs to a crew`).toBeTruthy();
	return crewId!;
}

/** What the API says a crew has, straight from the server (to compare with what the tablet shows). */
export async function pullAs(request: APIRequestContext, username: string) {
	const token = await tokenOf(request, username);
	const pull = await request.get('/api/sync/pull', { headers: { authorization: `Bearer ${token}` } });
	return (await pull.json()) as { jobs: PulledJob[] };
}

/** Survey jobs of the crew still waiting for their survey, in the order the server lists them. */
export function surveyableJobs(pulled: { jobs: PulledJob[] }): PulledJob[] {
	return pulled.jobs.filter((j) => j.kind === 'survey' && j.status === 'assigned' && j.request.state === 'survey_scheduled');
}

/**
 * Real JPEG files made by the browser's own encoder (canvas.toBlob), each a different picture, so the
 * tablet's photo pipeline decodes, shrinks and stamps genuine camera-like input. Every call draws its own mark too:
 * no two calls give the same bytes, as no two crews take the same photo (the server refuses a crew's command naming
 * a photo another crew uploaded first).
 */
export async function makeJpegs(page: Page, count: number, width = 1200, height = 900): Promise<Array<{ name: string; mimeType: string; buffer: Buffer }>> {
	const encoded = await page.evaluate(
		async ({ count, width, height, mark }) => {
			const out: string[] = [];
			for (let i = 0; i < count; i++) {
				const canvas = document.createElement('canvas');
				canvas.width = width;
				canvas.height = height;
				const g = canvas.getContext('2d')!;
				const gradient = g.createLinearGradient(0, 0, width, height);
				gradient.addColorStop(0, `hsl(${(i * 97) % 360} 70% 45%)`);
				gradient.addColorStop(1, `hsl(${(i * 97 + 140) % 360} 60% 70%)`);
				g.fillStyle = gradient;
				g.fillRect(0, 0, width, height);
				for (let k = 0; k < 60; k++) {
					g.fillStyle = `hsl(${(k * 37 + i * 11) % 360} 80% 50% / 0.6)`;
					g.fillRect((k * 131 + i * 17) % width, (k * 71 + i * 29) % height, 40 + ((k * 13) % 120), 30 + ((k * 7) % 90));
				}
				g.fillStyle = '#fff';
				g.font = 'bold 80px sans-serif';
				g.fillText(`Ảnh ${i + 1}`, 60, 140);
				g.font = 'bold 40px sans-serif';
				g.fillText(mark, 60, 220);
				const blob = await new Promise<Blob>((resolve, reject) =>
					canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/jpeg', 0.9)
				);
				const bytes = new Uint8Array(await blob.arrayBuffer());
				let binary = '';
				for (let j = 0; j < bytes.length; j += 0x8000) binary += String.fromCharCode(...bytes.subarray(j, j + 0x8000));
				out.push(btoa(binary));
			}
			return out;
		},
		{ count, width, height, mark: randomUUID().slice(0, 8) }
	);
	return encoded.map((b64, i) => ({ name: `anh-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') }));
}

/**
 * Every photo the tablet holds in IndexedDB, by SHA-256, as base64 bytes. Reads the database directly,
 * whatever the table is called: any row with a `sha256` and a `blob`.
 */
export async function photosOnTablet(page: Page): Promise<Record<string, string>> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('hien-truong');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const out: Record<string, string> = {};
		try {
			for (const name of Array.from(db.objectStoreNames)) {
				const rows = await new Promise<unknown[]>((resolve, reject) => {
					const all = db.transaction(name, 'readonly').objectStore(name).getAll();
					all.onsuccess = () => resolve(all.result);
					all.onerror = () => reject(all.error);
				});
				for (const row of rows) {
					const r = row as { sha256?: unknown; blob?: unknown };
					if (typeof r.sha256 !== 'string' || !(r.blob instanceof Blob)) continue;
					const bytes = new Uint8Array(await r.blob.arrayBuffer());
					let binary = '';
					for (let j = 0; j < bytes.length; j += 0x8000) binary += String.fromCharCode(...bytes.subarray(j, j + 0x8000));
					out[r.sha256] = btoa(binary);
				}
			}
		} finally {
			db.close();
		}
		return out;
	});
}

/** "1.234.567 ₫", as the tablet shows money. */
export function vnd(amount: number): string {
	return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

/** A supervisor's or crew member's bearer header. */
export async function authOf(request: APIRequestContext, username: string): Promise<{ authorization: string }> {
	return { authorization: `Bearer ${await tokenOf(request, username)}` };
}

/** One SMS or email of the demo outbox (GET /api/dev/outbox). */
export interface OutboxMessage {
	id: string;
	requestId: string | null;
	requestCode: string | null;
	customerName: string | null;
	kind: string;
	channel: 'sms' | 'email';
	recipient: string;
	subject: string | null;
	body: string;
	status: 'queued' | 'sent' | 'failed';
	attempts: number;
	createdAt: string;
	sentAt: string | null;
}

// Outbox readers' tokens, kept for this worker's life: reading the outbox many times must not log in many times
// (logins are throttled). Any spec may be the first to ask, so none depends on another.
const outboxReaderTokens = new Map<string, string>();

/**
 * What the demo outbox holds, newest first. It answers only a signed-in supervisor or admin: by default the unit's
 * supervisor (giamsat), who sees the messages of the unit's requests; `reader: 'admin'` also sees those about no
 * request (reading-day links). A token refused since it was kept (another test logged out) is renewed once.
 */
export async function outboxMessages(
	request: APIRequestContext,
	options: { requestId?: string; reader?: 'giamsat' | 'admin' } = {}
): Promise<OutboxMessage[]> {
	const reader = options.reader ?? 'giamsat';
	const path = options.requestId ? `/api/dev/outbox?requestId=${encodeURIComponent(options.requestId)}` : '/api/dev/outbox';
	for (let renewed = false; ; renewed = true) {
		const token = outboxReaderTokens.get(reader) ?? (await tokenOf(request, reader));
		outboxReaderTokens.set(reader, token);
		const res = await request.get(path, { headers: { authorization: `Bearer ${token}` } });
		if (res.status() === 401 && !renewed) {
			outboxReaderTokens.delete(reader);
			continue;
		}
		expect(res.status(), `${reader} reads the demo outbox: ${await res.text()}`).toBe(200);
		return ((await res.json()) as { messages: OutboxMessage[] }).messages;
	}
}

/** SMS may go without diacritics: compare text as the phone shows it either way. */
export const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** The customer signs in on their phone with the code texted to them (read from the demo outbox, sent after the click). */
export async function signInAsCustomer(page: Page, request: APIRequestContext, phone: string) {
	await page.goto('/khach-hang');
	await expect(page).toHaveURL(/\/khach-hang\/dang-nhap/);
	await page.getByLabel('Số điện thoại hoặc email').fill(phone);
	const since = Date.now();
	await page.getByTestId('sign-in-send').click();
	await expect(page.getByTestId('sign-in-sent')).toBeVisible();
	let code: string | undefined;
	await expect
		.poll(async () => {
			const sms = (await outboxMessages(request, { reader: 'admin' })).find(
				(m) => m.kind === 'customer_login_code' && m.channel === 'sms' && m.recipient === phone && Date.parse(m.createdAt) >= since - 5_000
			);
			code = sms ? /\b(\d{6})\b/.exec(sms.body)?.[1] : undefined;
			return code;
		})
		.toMatch(/^\d{6}$/);
	await page.getByLabel('Mã đăng nhập (6 chữ số)').fill(code!);
	await page.getByTestId('sign-in-submit').click();
	await expect(page).toHaveURL(/\/khach-hang$/);
}

export interface ReadyToInstall {
	requestId: string;
	requestCode: string;
	customerName: string;
	surveyJobId: string;
	installJob: PulledJob & { request: PulledJob['request'] & { contract: { version: number; sha256: string; body: string } | null } };
	/** The on-site signing code the customer received by SMS. */
	code: string;
	estimateLines: Array<{ code: string; quantity: number }>;
}

/**
 * Through the API only: the supervisor dispatches a new survey to the crew of `crew` (user name), and the crew
 * surveys and estimates it (photos uploaded first); then the supervisor records the counter payment, which drafts
 * the contract, gives the crew its installation job and texts the customer the signing code (read from the demo
 * outbox). A survey of its own: two tests running at once never take the same demo job.
 */
export async function prepareInstallation(
	request: APIRequestContext,
	crew: string,
	jpegs: Buffer[],
	options: { customerName?: string } = {}
): Promise<ReadyToInstall> {
	const crewAuth = await authOf(request, crew);
	const crewId = await crewIdOf(request, crew);
	const customerName = options.customerName ?? `Khách Lắp Đặt ${randomUUID().slice(0, 4)}`;
	const dispatched = await dispatchNewSurvey(request, { crewId, customerName, scheduledAt: soonToday(20) });
	const pulled = (await (await request.get('/api/sync/pull', { headers: crewAuth })).json()) as { jobs: PulledJob[] };
	const job = surveyableJobs(pulled).find((j) => j.id === dispatched.jobId);
	expect(job, `${crew} has the survey job just dispatched`).toBeDefined();

	const hashes: string[] = [];
	for (const bytes of jpegs.slice(0, 2)) {
		const sha = createHash('sha256').update(bytes).digest('hex');
		const put = await request.put(`/api/blobs/${sha}`, { headers: { ...crewAuth, 'content-type': 'image/jpeg' }, data: bytes });
		expect([200, 201]).toContain(put.status());
		hashes.push(sha);
	}
	const survey = surveyPayloadFor({ site: [hashes[0]!], meter: [hashes[1] ?? hashes[0]!] });
	const estimate = estimatePayloadFor(survey);
	const target = { requestId: job!.request.id, jobId: job!.id };
	const envelope = (seq: number, name: string, baseVersion: number, payload: unknown) => ({
		commandId: randomUUID(),
		seq,
		name,
		...target,
		baseVersion,
		deviceTime: new Date().toISOString(),
		location: survey.location,
		payload
	});
	const push = await request.post('/api/sync/push', {
		headers: crewAuth,
		data: {
			deviceId: `e2e-setup-${randomUUID()}`,
			commands: [envelope(1, 'submitSurvey', job!.request.version, survey), envelope(2, 'submitEstimate', job!.request.version + 1, estimate)]
		}
	});
	const pushed = (await push.json()) as { results: Array<{ status: string; reason?: { vi: string } }> };
	expect(pushed.results.map((r) => r.status), JSON.stringify(pushed.results)).toEqual(['applied', 'applied']);

	const afterEstimate = (await (await request.get('/api/sync/pull', { headers: crewAuth })).json()) as { jobs: PulledJob[] };
	const owed = afterEstimate.jobs.find((j) => j.id === job!.id)!.request.estimate!.customer.total;
	const supervisor = await authOf(request, 'giamsat');
	const paid = await request.post(`/api/requests/${target.requestId}/payments`, { headers: supervisor, data: { amount: owed, receiptNo: `BL-${target.requestId}` } });
	expect(paid.ok(), await paid.text()).toBe(true);

	const sms = (await outboxMessages(request, { requestId: target.requestId })).find((m) => m.kind === 'contract_code' && m.channel === 'sms');
	const code = /: (\d{6})\./.exec(sms?.body ?? '')?.[1];
	expect(code, 'the customer was texted the signing code').toBeDefined();

	const withInstall = (await (await request.get('/api/sync/pull', { headers: crewAuth })).json()) as { jobs: ReadyToInstall['installJob'][] };
	const installJob = withInstall.jobs.find((j) => j.kind === 'installation' && j.request.id === target.requestId);
	expect(installJob, 'the crew got the installation job').toBeDefined();
	expect(installJob!.request.state).toBe('contract_drafted');
	return {
		requestId: target.requestId,
		requestCode: job!.request.code,
		customerName: job!.request.customer.name,
		surveyJobId: job!.id,
		installJob: installJob!,
		code: code!,
		estimateLines: estimate.lines
	};
}

/** The supervisors' view of a request: state, installed, signatures. */
export async function requestAsSupervisor(request: APIRequestContext, requestId: string) {
	const res = await request.get(`/api/requests/${encodeURIComponent(requestId)}`, { headers: await authOf(request, 'giamsat') });
	expect(res.ok()).toBe(true);
	return (await res.json()) as {
		state: string;
		version: number;
		installed: boolean;
		balance: { owed: number; refundable: number };
		signatures: Array<{ party: string; channel: string; signerName: string; contractSha256: string; location: { lat: number; lng: number } | null }>;
		timeline: Array<{ transition: string; detail: unknown }>;
	};
}

/** A finger signature: a few strokes across the pad whose canvas has this test id. */
export async function drawSignature(page: Page, canvasTestId: string) {
	const canvas = page.getByTestId(canvasTestId);
	await canvas.scrollIntoViewIfNeeded();
	const box = (await canvas.boundingBox())!;
	const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
	await page.mouse.move(...at(0.15, 0.6));
	await page.mouse.down();
	for (const [fx, fy] of [[0.25, 0.3], [0.35, 0.7], [0.45, 0.35], [0.55, 0.65], [0.7, 0.4], [0.85, 0.55]] as const) {
		await page.mouse.move(...at(fx, fy), { steps: 6 });
	}
	await page.mouse.up();
}

/**
 * A visit time later today, `minutes` from now (ISO): a fixed hour of today ("15:00") is refused as past once the
 * suite runs after it. Only a run within `minutes` of midnight in Hà Nội lands it on tomorrow.
 */
export function soonToday(minutes = 30): string {
	return new Date(Date.now() + minutes * 60_000).toISOString();
}

/**
 * A visit still today in Hà Nội, `minutes` from now or, near midnight, at the day's last minute: a job that must show
 * under today (soonToday would put it on tomorrow after 23:20 with 40 minutes). With under two minutes of the day
 * left (a visit is never set before the current minute), waits for the next day first: up to two minutes, so a test
 * that calls it allows for them.
 */
export async function laterToday(minutes = 30): Promise<string> {
	const lastMinute = new Date(`${vietnamDate()}T23:59:00+07:00`).getTime();
	const soon = Date.now() + minutes * 60_000;
	if (soon < lastMinute) return new Date(soon).toISOString();
	if (lastMinute - Date.now() >= 2 * 60_000) return new Date(lastMinute).toISOString();
	await new Promise((resolve) => setTimeout(resolve, lastMinute + 61_000 - Date.now()));
	return laterToday(minutes);
}

/** 'YYYY-MM-DD' in Hà Nội, `days` from today. */
export function vietnamDate(days = 0): string {
	return new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
}

/**
 * Through the API, as a supervisor: takes in a new request (service 2, no location) and dispatches its survey to
 * a crew at `scheduledAt`. Returns the request's id and code and the survey job's id.
 */
export async function dispatchNewSurvey(
	request: APIRequestContext,
	options: { crewId: string; customerName: string; scheduledAt: string; phone?: string; address?: string }
): Promise<{ id: string; code: string; jobId: string }> {
	const supervisor = await authOf(request, 'giamsat');
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: {
			serviceNumber: 2,
			customer: { name: options.customerName, phone: options.phone ?? '0912 000 111', email: null },
			address: options.address ?? 'Số 12 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội',
			location: null
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	const { id, code } = (await created.json()) as { id: string; code: string };
	const dispatched = await request.post(`/api/requests/${encodeURIComponent(id)}/dispatch`, {
		headers: supervisor,
		data: { crewId: options.crewId, scheduledAt: options.scheduledAt }
	});
	expect(dispatched.ok(), await dispatched.text()).toBe(true);
	const { jobId } = (await dispatched.json()) as { jobId: string };
	return { id, code, jobId };
}

/** Uploads photos as a crew member (PUT /api/blobs/<sha256>); returns their hashes. */
export async function uploadPhotos(request: APIRequestContext, crewAuth: { authorization: string }, photos: Buffer[]): Promise<string[]> {
	const hashes: string[] = [];
	for (const bytes of photos) {
		const sha = createHash('sha256').update(bytes).digest('hex');
		const put = await request.put(`/api/blobs/${sha}`, { headers: { ...crewAuth, 'content-type': 'image/jpeg' }, data: bytes });
		expect([200, 201], `photo upload: ${await put.text()}`).toContain(put.status());
		hashes.push(sha);
	}
	return hashes;
}

/**
 * A crew of its own for one test, made through the administration (unit `hn`, the supervisor `giamsat`'s), with one
 * member: a spec that compares everything a crew holds must not share the demo crews, whose jobs other specs move.
 */
export async function newCrewWithMember(request: APIRequestContext, label: string): Promise<{ crewId: string; username: string; password: string }> {
	const admin = await authOf(request, 'admin');
	const mark = randomUUID().slice(0, 6);
	const crew = await request.post('/api/admin/crews', { headers: admin, data: { unitId: 'hn', name: `Tổ thử ${label} ${mark}` } });
	expect(crew.status(), await crew.text()).toBe(201);
	const { id: crewId } = (await crew.json()) as { id: string };
	const user = await request.post('/api/admin/users', {
		headers: admin,
		data: { fullName: `Thợ Thử ${mark}`, username: `thu.${mark}`, role: 'crew', unitId: 'hn', crewId }
	});
	expect(user.status(), await user.text()).toBe(201);
	const { username, password } = (await user.json()) as { username: string; password: string };
	return { crewId, username, password };
}

/** One more job for the tablet's store: a copy of the first job it holds, with its own ids, time and customer. */
export interface StoredJobCopy {
	id: string;
	scheduledAt: string;
	status?: string;
	request: { id: string; code: string; customerName: string; address?: string };
}

/** Stores copies of the tablet's first stored job straight into its IndexedDB, as a pull of many jobs leaves them. */
export async function storeJobCopies(page: Page, copies: StoredJobCopy[]): Promise<void> {
	await page.evaluate(async (copies) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('hien-truong');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction('jobs', 'readwrite');
		const jobs = tx.objectStore('jobs');
		const template = await new Promise<Record<string, unknown> & { request: Record<string, unknown> & { customer: Record<string, unknown> } }>((resolve) => {
			const all = jobs.getAll();
			all.onsuccess = () => resolve(all.result[0]);
		});
		for (const copy of copies) {
			const { customerName, ...request } = copy.request;
			jobs.put({
				...template,
				id: copy.id,
				scheduledAt: copy.scheduledAt,
				...(copy.status ? { status: copy.status } : {}),
				request: { ...template.request, ...request, customer: { ...template.request.customer, name: customerName } }
			});
		}
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, copies);
}

/** A new crew with one survey dispatched for soon today, signed in on the tablet, the tablet ready offline and then
 * offline: the start of a spec that fills the tablet's store with many more jobs (storeJobCopies). */
export async function offlineCrewWithOneJob(page: Page, context: BrowserContext, request: APIRequestContext, label: string, customerName: string) {
	const crew = await newCrewWithMember(request, label);
	await dispatchNewSurvey(request, { crewId: crew.crewId, customerName, scheduledAt: soonToday(40) });
	await logIn(page, crew.username, crew.password);
	await waitForOfflineReady(page);
	await context.setOffline(true);
	return crew;
}
