// Issue 13's whole journey on a phone (390×844), as the customer lives it from their own account: they sign in with
// the texted code, file a capacity change with a photo of a document, later pay the estimate through the simulated
// gateway, sign the contract with the code texted to them, and download the contract the utility signed digitally;
// then, from the same account, they read their own meter (any day, once a day).
// What the utility does in between (survey, estimate, installation, countersignature) goes through the API, as the
// crew's tablet and the supervisor's console would send it; other specs drive those screens.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { estimatePayloadFor, surveyPayloadFor } from '../support/field';
import { authOf, drawSignature, makeJpegs, outboxMessages, requestAsSupervisor, vietnamDate, vnd } from './support';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** A demo meter no other spec files or signs for (HN-CT-0003, in the Hoàn Kiếm unit of `giamsat` and crew doi1). */
const METER = 'HN-CT-0003';
const CREW = { id: 'doi1', user: 'doi1.binh' };

async function customerOfMeter(request: APIRequestContext) {
	const res = await request.get(`/api/meters/${METER}`, { headers: await authOf(request, 'giamsat') });
	expect(res.ok(), await res.text()).toBe(true);
	return ((await res.json()) as { customer: { phone: string; name: string } }).customer;
}

/** The newest code of `kind` texted to `phone` after the ones already seen. */
async function textedCode(request: APIRequestContext, filter: { kind: string; recipient?: string; requestId?: string }, pattern: RegExp): Promise<string> {
	let code: string | undefined;
	await expect
		.poll(async () => {
			const messages = await outboxMessages(request, filter.requestId ? { requestId: filter.requestId } : { reader: 'admin' });
			const sms = messages.filter((m) => m.kind === filter.kind && m.channel === 'sms' && (!filter.recipient || m.recipient === filter.recipient)).at(0);
			code = sms ? pattern.exec(sms.body)?.[1] : undefined;
			return code;
		})
		.toMatch(/^\d{6}$/);
	return code!;
}

async function signIn(page: Page, request: APIRequestContext, phone: string) {
	await page.goto('/khach-hang');
	await expect(page).toHaveURL(/\/khach-hang\/dang-nhap/);
	await page.getByLabel('Số điện thoại hoặc email').fill(phone);
	await page.getByTestId('sign-in-send').click();
	await expect(page.getByTestId('sign-in-sent')).toBeVisible();
	const code = await textedCode(request, { kind: 'customer_login_code', recipient: phone }, /\b(\d{6})\b/);
	await page.getByLabel('Mã đăng nhập (6 chữ số)').fill(code);
	await page.getByTestId('sign-in-submit').click();
	await expect(page).toHaveURL(/\/khach-hang$/);
}

/** The crew surveys and estimates the request's survey job, as its tablet would push them. */
async function surveyAndEstimate(request: APIRequestContext, requestId: string, jobId: string, photos: Buffer[]) {
	const crewAuth = await authOf(request, CREW.user);
	const hashes: string[] = [];
	for (const bytes of photos) {
		const sha = createHash('sha256').update(bytes).digest('hex');
		const put = await request.put(`/api/blobs/${sha}`, { headers: { ...crewAuth, 'content-type': 'image/jpeg' }, data: bytes });
		expect([200, 201]).toContain(put.status());
		hashes.push(sha);
	}
	const survey = surveyPayloadFor({ site: [hashes[0]!], meter: [hashes[1]!] });
	const estimate = estimatePayloadFor(survey);
	const version = (await requestAsSupervisor(request, requestId)).version;
	const envelope = (seq: number, name: string, baseVersion: number, payload: unknown, job = jobId) => ({
		commandId: randomUUID(), seq, name, requestId, jobId: job, baseVersion, deviceTime: new Date().toISOString(), location: survey.location, payload
	});
	const pushed = await request.post('/api/sync/push', {
		headers: crewAuth,
		data: { deviceId: `e2e-journey-${randomUUID()}`, commands: [envelope(1, 'submitSurvey', version, survey), envelope(2, 'submitEstimate', version + 1, estimate)] }
	});
	expect(((await pushed.json()) as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual(['applied', 'applied']);
	return { crewAuth, hashes, lines: estimate.lines, envelope };
}

/** Signed in, the customer reads their own meter from "Thông báo" (any day, once a day). */
async function readOwnMeter(page: Page, request: APIRequestContext, customer: { name: string }) {
	const meter = (await (await request.get(`/api/meters/${METER}`, { headers: await authOf(request, 'giamsat') })).json()) as { readings: Array<{ kwh: number }> };
	const kwh = Math.round((meter.readings.at(-1)?.kwh ?? 0) + 17);
	await page.goto('/khach-hang/thong-bao');
	const section = page.getByTestId('customer-self-reading');
	await section.getByRole('button', { name: `Tự ghi chỉ số công tơ ${METER}` }).click();
	// the same page the reading-day SMS leads to, for today, without an SMS
	await expect(page).toHaveURL(/\/self-reading\/[A-Za-z0-9_-]{20,}$/);
	await expect(page.getByTestId('self-reading-serial')).toHaveText(METER);
	await expect(page.getByTestId('self-reading-customer')).toHaveText(customer.name);
	const [d, m, y] = [vietnamDate().slice(8, 10), vietnamDate().slice(5, 7), vietnamDate().slice(0, 4)];
	await expect(page.getByTestId('self-reading-date')).toHaveText(`${d}/${m}/${y}`);
	const [jpeg] = await makeJpegs(page, 1, 1600, 1200);
	await page.getByTestId('self-reading-photo-input').setInputFiles(jpeg!);
	await expect(page.getByTestId('self-reading-photo-ready')).toBeVisible();
	await page.getByTestId('self-reading-kwh').fill(String(kwh));
	await page.getByTestId('self-reading-send').click();
	await expect(page.getByTestId('self-reading-done')).toContainText(`${new Intl.NumberFormat('vi-VN').format(kwh)} kWh`);

	// a second reading the same day is refused in words on the account
	await page.goto('/khach-hang/thong-bao');
	await page.getByTestId('customer-self-reading').getByRole('button', { name: `Tự ghi chỉ số công tơ ${METER}` }).click();
	await expect(page.getByTestId('customer-reading-error')).toHaveText(`Bạn đã gửi chỉ số công tơ ${METER} hôm nay; mỗi ngày gửi một lần`);
	await expect(page).toHaveURL(/\/khach-hang\/thong-bao$/);
}

test('a customer files a capacity change from their account, pays the estimate online, signs with the texted code, downloads the digitally signed contract, and reads their meter', async ({ page, request }) => {
	test.setTimeout(240_000);
	const customer = await customerOfMeter(request);
	const supervisor = await authOf(request, 'giamsat');

	// 1. signed in with the texted code, the customer files a capacity change with a photo of their ID card
	await signIn(page, request, customer.phone);
	await page.getByTestId('customer-file-new').click();
	await page.getByTestId('filing-service-capacity_change').click();
	await page.getByTestId('filing-meter').selectOption(METER);
	await page.getByLabel('Công suất đang dùng (kW)').fill('3');
	await page.getByLabel('Công suất đề nghị (kW)').fill('8');
	const [idCard, powerList, site, meterFace] = await makeJpegs(page, 4, 1600, 1200);
	await page.getByTestId('doc-id_card').setInputFiles({ ...idCard!, name: 'cccd.jpg' });
	await page.getByTestId('doc-power_needs').setInputFiles({ ...powerList!, name: 'bang-ke.jpg' });
	await expect(page.getByTestId('uploaded-document')).toHaveCount(2);
	await page.getByTestId('filing-submit').click();
	await expect(page).toHaveURL(/\/khach-hang\?filed=YC-/);
	const code = new URL(page.url()).searchParams.get('filed')!;
	const board = await request.get(`/api/requests?q=${encodeURIComponent(code)}`, { headers: supervisor });
	const requestId = ((await board.json()) as { items: Array<{ id: string }> }).items[0]!.id;

	// 2. the supervisor sends a crew to survey; the crew surveys and prices it (the tablet's commands)
	const dispatched = await request.post(`/api/requests/${requestId}/dispatch`, { headers: supervisor, data: { crewId: CREW.id, scheduledAt: `${vietnamDate(1)}T09:00:00+07:00` } });
	expect(dispatched.ok(), await dispatched.text()).toBe(true);
	const { jobId } = (await dispatched.json()) as { jobId: string };
	const crew = await surveyAndEstimate(request, requestId, jobId, [site!.buffer, meterFace!.buffer]);
	const owed = (await requestAsSupervisor(request, requestId)).balance.owed;
	expect(owed, 'the estimate is owed before the contract').toBeGreaterThan(0);

	// 3. the account says what is owed; the customer pays through the gateway and comes back paid
	await page.goto('/khach-hang');
	const card = page.locator(`[data-testid="customer-request"][data-code="${code}"]`);
	await card.getByRole('link').click();
	await expect(page.getByTestId('customer-pay')).toContainText(vnd(owed));
	await page.getByTestId('customer-pay-open').click();
	await expect(page.getByRole('heading', { name: `Thanh toán yêu cầu ${code}` })).toBeVisible();
	await page.getByTestId('pay-gateway').click();
	await expect(page.getByTestId('gateway-order')).toContainText(code);
	await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
	await expect(page.getByTestId('pay-outcome')).toHaveText(`Điện lực đã nhận ${vnd(owed)}. Cảm ơn quý khách!`);
	await expect.poll(async () => (await requestAsSupervisor(request, requestId)).state).toBe('contract_drafted');
	// the account keeps the payment with its receipt
	await page.goto('/khach-hang');
	await card.getByRole('link').click();
	await expect(page.getByTestId('customer-pay')).toHaveCount(0);
	const paid = page.getByTestId('pay-history-item').filter({ hasText: vnd(owed) });
	await expect(paid).toHaveCount(1);
	const [receipt] = await Promise.all([page.waitForEvent('download'), paid.getByTestId('pay-receipt').click()]);
	expect(receipt.suggestedFilename()).toMatch(new RegExp(`^bien-lai-${code}-`));
	expect(fs.readFileSync((await receipt.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

	// 4. the crew installs as estimated; the customer was away, so the contract goes to them for signing
	const detail = await requestAsSupervisor(request, requestId) as Awaited<ReturnType<typeof requestAsSupervisor>> & { jobs: Array<{ id: string; kind: string; status: string }> };
	const installJob = detail.jobs.find((job) => job.kind === 'installation' && job.status === 'assigned');
	expect(installJob, 'the crew got the installation job').toBeDefined();
	const installation = {
		materials: crew.lines, meterSerial: `PC-${Date.now()}`, meterReadingKwh: 5, meterPhoto: crew.hashes[1], sealNumbers: ['NP-J13'],
		beforePhotos: [crew.hashes[0]], afterPhotos: [crew.hashes[1]], notes: ''
	};
	const installed = await request.post('/api/sync/push', {
		headers: crew.crewAuth,
		data: {
			deviceId: `e2e-journey-install-${randomUUID()}`,
			commands: [
				crew.envelope(1, 'requestRemoteSigning', detail.version, { reason: 'customer_absent', note: '' }, installJob!.id),
				crew.envelope(2, 'recordInstallation', detail.version + 1, installation, installJob!.id)
			]
		}
	});
	expect(((await installed.json()) as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual(['applied', 'applied']);

	// 5. from "Hợp đồng", the customer opens the contract waiting for them and signs it with the texted code
	await page.goto('/khach-hang/hop-dong');
	const toSign = page.getByTestId('customer-contract').filter({ hasText: code });
	await toSign.getByTestId('customer-sign').click();
	await expect(page).toHaveURL(/\/portal\/[A-Za-z0-9_-]{20,}$/);
	await expect(page.getByTestId('portal-customer')).toHaveText(customer.name);
	await page.getByRole('button', { name: 'Gửi mã ký' }).click();
	await expect(page.getByTestId('code-sent')).toBeVisible();
	const signingCode = await textedCode(request, { kind: 'portal_code', requestId }, /: (\d{6})\./);
	await drawSignature(page, 'portal-signature-canvas');
	await page.getByLabel('Mã ký (6 chữ số)').fill(signingCode);
	await page.getByRole('button', { name: 'Ký hợp đồng' }).click();
	await expect(page.getByTestId('sign-done')).toContainText('Quý khách đã ký hợp đồng thành công');

	// 6. the utility signs digitally; the account shows it countersigned and the download is that signed PDF
	const countersigned = await request.post(`/api/requests/${requestId}/countersign`, { headers: supervisor });
	expect(countersigned.ok(), await countersigned.text()).toBe(true);
	expect((await requestAsSupervisor(request, requestId)).state).toBe('completed');
	await page.goto('/khach-hang/hop-dong');
	const signed = page.getByTestId('customer-contract').filter({ hasText: code });
	await expect(signed).toContainText('Bạn đã ký lúc');
	await expect(signed).toContainText('Điện lực ký số lúc');
	const [download] = await Promise.all([page.waitForEvent('download'), signed.getByTestId('customer-contract-pdf').click()]);
	const pdf = fs.readFileSync((await download.path())!);
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	// a digital signature over the whole file: the signature dictionary and its byte range are in the download
	expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/Sig\b/);
	expect(pdf.toString('latin1')).toMatch(/\/ByteRange\s*\[\s*0\s+\d+\s+\d+\s+\d+\s*\]/);
	expect(download.suggestedFilename()).toContain(code);

	// and the request reads as done, in words, on the phone
	await page.goto('/khach-hang');
	await expect(page.locator(`[data-testid="customer-request"][data-code="${code}"]`).getByTestId('customer-request-state')).toHaveText('Hoàn tất');

	// the same account: the customer reads their own meter, without waiting for the reading-day SMS
	await readOwnMeter(page, request, customer);
});
