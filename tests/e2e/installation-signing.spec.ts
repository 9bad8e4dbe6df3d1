// Issue 4, crew side, end to end: offline on site the crew records the installation (materials against the
// estimate, meter, seals, photos), the customer reads the contract to its end, signs on the tablet and types the
// code (a mistyped digit is caught offline); after sync the server has the request signed and installed. And
// "customer absent": the request goes to online signing and the customer is sent the link. Issue 11: more cable than
// estimated is signed as an addendum listing it, with the amount owed; a wrong code is asked again on site.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { pdfText } from '../support/pdf-text';
import { expect, test, type APIRequestContext as APIRequest, type Page } from '@playwright/test';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { createHash, randomUUID } from 'node:crypto';
import { authOf, DEMO_PASSWORD, drawSignature, logIn, makeJpegs, outboxMessages, prepareInstallation, requestAsSupervisor, vnd, waitForOfflineReady } from './support';

const HANOI = { latitude: 21.028511, longitude: 105.854167, accuracy: 9 };
const CREW = 'doi1.an';

/** Scrolls the contract with the mouse wheel, as a finger would, until the screen says it was read. */
async function readContractToTheEnd(page: Page) {
	const body = page.getByTestId('contract-body');
	await body.hover();
	for (let i = 0; i < 40; i++) {
		if ((await page.getByTestId('read-status').getAttribute('data-read')) === 'true') return;
		await page.mouse.wheel(0, 600);
		await page.waitForTimeout(50);
	}
}

test('offline: installation with more cable than estimated; the customer reads and signs the addendum with the amount owed and types the code; after sync the request is signed and installed, then countersigned; it completes once the extra is paid', async ({ browser, context, page, request }) => {
	test.setTimeout(240_000);
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation(HANOI);
	// the app shell is installed first: a service worker taking control during the login would reload the form
	await page.goto('/login');
	await waitForOfflineReady(page);
	const photos = await makeJpegs(page, 5);
	const ready = await prepareInstallation(
		request,
		CREW,
		photos.slice(0, 2).map((p) => p.buffer)
	);
	const contract = ready.installJob.request.contract!;
	expect(contract, 'the installation job carries the contract').toBeTruthy();

	await logIn(page, CREW);
	await waitForOfflineReady(page);
	await context.setOffline(true);

	await page.goto(`/jobs/${ready.installJob.id}`);
	await expect(page.getByTestId('sync-indicator')).toContainText('Ngoại tuyến');
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập hợp đồng');
	await expect(page.getByTestId('installed-status')).toHaveText('Chưa ghi nhận thi công');
	await expect(page.getByTestId('signing-state')).toHaveText('Chưa ký — chờ ký tại hiện trường');
	await expect(page.getByTestId('signing-contract')).toContainText(contract.sha256.slice(0, 12));

	// step 8: the installation, materials prefilled from the accepted estimate
	await page.getByRole('link', { name: 'Ghi nhận thi công' }).click();
	await expect(page.getByTestId('install-line')).toHaveCount(ready.estimateLines.length);
	await expect(page.getByTestId('install-differences')).toHaveText('Vật tư đúng như dự toán');
	await expect(page.getByTestId('gps-fix')).toHaveText('21.028511, 105.854167 (sai số ± 9 m)');

	// nothing entered yet: the shared schema names what is missing
	await page.getByRole('button', { name: 'Lưu ghi nhận thi công' }).click();
	await expect(page.getByTestId('form-errors')).toBeVisible();
	await expect(page.getByText('Nhập số sê-ri công tơ')).toBeVisible();
	await expect(page.getByText('Nhập chỉ số công tơ (kWh)')).toBeVisible();
	await expect(page.getByText('Cần 1 ảnh mặt công tơ')).toBeVisible();
	await expect(page.getByText('Nhập ít nhất 1 số niêm phong')).toBeVisible();
	await expect(page.getByText('Cần ít nhất 1 ảnh trước thi công')).toBeVisible();
	await expect(page.getByText('Cần ít nhất 1 ảnh sau thi công')).toBeVisible();

	// 3 m more cable than estimated: the line is flagged
	const cable = ready.estimateLines.find((l) => l.code === 'CU-XLPE-2x6')!;
	const cableLine = page.locator('[data-testid="install-line"][data-code="CU-XLPE-2x6"]');
	await cableLine.getByRole('textbox').fill(String(cable.quantity + 3));
	await expect(cableLine).toHaveAttribute('data-diff', 'differs');
	await expect(cableLine.getByTestId('line-diff')).toContainText('Khác dự toán (+3)');
	await expect(cableLine.getByTestId('line-diff')).toContainText(`Dự toán: ${cable.quantity} m`);
	await expect(page.getByTestId('install-differences')).toHaveText('1 vật tư khác dự toán');

	await page.getByLabel('Số sê-ri công tơ').fill('pc-2026-118');
	await page.getByLabel('Chỉ số công tơ khi bàn giao (kWh)').fill('12,5');
	await page.getByLabel('Ảnh mặt công tơ (thấy rõ chỉ số)').setInputFiles([photos[2]!]);
	await expect(page.getByTestId('install-meterPhoto').getByRole('img')).toHaveCount(1);
	await page.getByLabel('Niêm phong 1', { exact: true }).fill('NP-001');
	await page.getByRole('button', { name: '+ Thêm số niêm phong' }).click();
	await page.getByLabel('Niêm phong 2', { exact: true }).fill('NP-002');
	await page.getByLabel('Ảnh trước thi công').setInputFiles([photos[3]!]);
	await expect(page.getByTestId('install-beforePhotos').getByRole('img')).toHaveCount(1);
	await page.getByLabel('Ảnh sau thi công').setInputFiles([photos[4]!]);
	await expect(page.getByTestId('install-afterPhotos').getByRole('img')).toHaveCount(1);
	await expect(page.getByTestId('form-errors')).toHaveCount(0);
	await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved');
	await page.getByRole('button', { name: 'Lưu ghi nhận thi công' }).click();

	await expect(page).toHaveURL(new RegExp(`/jobs/${ready.installJob.id}$`));
	await expect(page.getByTestId('installed-status')).toHaveText('✓ Đã ghi nhận thi công');
	await expect(page.getByTestId('installation-summary')).toContainText('PC-2026-118');
	await expect(page.getByTestId('summary-differences')).toContainText(`${cable.quantity} → ${cable.quantity + 3} m`);
	await expect(page.getByTestId('summary-amount-change')).toContainText('Khách hàng thanh toán thêm');
	await expect(page.getByTestId('job-pending').getByTestId('pending-command')).toHaveCount(1);
	await expect(page.getByTestId('action-install')).toHaveCount(0);
	await page.goto('/');
	await expect(page.locator(`[data-testid="job-card"][data-job-id="${ready.installJob.id}"]`).getByTestId('job-installed')).toHaveText('✓ Đã ghi nhận thi công');
	await page.goto(`/jobs/${ready.installJob.id}`);

	// step 9: the contract on the tablet, read to its end before signing
	// what was installed is what is signed: the tablet shows, offline, the addendum for the extra cable
	await page.getByRole('link', { name: 'Ký hợp đồng tại hiện trường' }).click();
	await expect(page.getByRole('heading', { name: 'Phụ lục phiên bản 2: vật tư thực tế đã thi công' })).toBeVisible();
	await expect(page.getByTestId('addendum-notice')).toBeVisible();
	await expect(page.getByTestId('contract-body')).toContainText('PHỤ LỤC HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ');
	await expect(page.getByTestId('contract-body')).toContainText(`theo hợp đồng ${cable.quantity} m, đã thi công ${cable.quantity + 3} m (+3)`);
	await expect(page.getByTestId('contract-body')).toContainText('Bên B thanh toán thêm:');
	await expect(page.getByTestId('contract-body')).toContainText(contract.sha256);
	await expect(page.getByTestId('contract-body')).toContainText(ready.requestCode);
	await expect(page.getByTestId('read-status')).toHaveAttribute('data-read', 'false');
	await expect(page.getByLabel('Mã ký hợp đồng (6 chữ số trong tin nhắn gửi khách hàng)')).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Xác nhận ký hợp đồng' })).toBeDisabled();
	await readContractToTheEnd(page);
	await expect(page.getByTestId('read-status')).toHaveText('Đã đọc hết hợp đồng.');
	await expect(page.getByLabel('Họ tên người ký')).toHaveValue(ready.customerName);

	await drawSignature(page, 'signature-pad-canvas');
	await expect(page.getByTestId('signature-pad-clear')).toBeEnabled();

	// one digit mistyped: caught offline by the check digit
	const codeField = page.getByLabel('Mã ký hợp đồng (6 chữ số trong tin nhắn gửi khách hàng)');
	const typo = ready.code.slice(0, 4) + String((Number(ready.code[4]) + 1) % 10) + ready.code[5];
	await codeField.fill(typo);
	await expect(page.getByTestId('code-error')).toContainText('có thể gõ nhầm một chữ số');
	await codeField.fill(ready.code);
	await expect(page.getByTestId('code-error')).toHaveCount(0);
	await expect(page.getByTestId('code-ok')).toBeVisible();
	await page.getByRole('button', { name: 'Xác nhận ký hợp đồng' }).click();

	// the code passed only its check digit: signed, awaiting the code, never shown as signed
	await expect(page).toHaveURL(new RegExp(`/jobs/${ready.installJob.id}$`));
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập hợp đồng');
	await expect(page.getByTestId('signing-state')).toHaveText('Đã ký, chờ xác nhận mã');
	await expect(page.getByTestId('job-pending').getByTestId('pending-command')).toHaveCount(2);
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 2');

	// online: photos, both commands, then the pull
	await context.setOffline(false);
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
	await expect(page.getByTestId('job-pending')).toHaveCount(0);
	await expect(page.getByTestId('job-rejected')).toHaveCount(0);
	await expect(page.getByTestId('detail-state')).toHaveText('Khách hàng đã ký');
	await expect(page.getByTestId('signing-state')).toHaveText('Khách hàng đã ký, chờ Điện lực ký');
	await expect(page.getByTestId('installed-status')).toHaveText('✓ Đã ghi nhận thi công');

	const onServer = await requestAsSupervisor(request, ready.requestId);
	expect(onServer.state).toBe('customer_signed');
	expect(onServer.installed).toBe(true);
	expect(onServer.signatures).toHaveLength(1);
	expect(onServer.signatures[0]).toMatchObject({
		party: 'customer',
		channel: 'on_site',
		signerName: ready.customerName,
		location: { lat: HANOI.latitude, lng: HANOI.longitude }
	});

	// the customer signed the addendum (version 2), not the contract that said less cable
	const signedSha = onServer.signatures[0].contractSha256 as string;
	expect(signedSha).not.toBe(contract.sha256);

	// the supervisor countersigns; the signed PDF names the customer and lists what was installed
	const supervisorContext = await browser.newContext();
	const supervisor = await supervisorContext.newPage();
	await supervisor.goto('/login');
	await waitForOfflineReady(supervisor);
	await supervisor.getByLabel('Tên đăng nhập').fill('giamsat');
	await supervisor.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await supervisor.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(supervisor).toHaveURL(/\/console/);
	await supervisor.goto(`/console/requests/${ready.requestId}`);
	// the countersignature: the addendum as it will be signed, then a confirmation naming request, customer and version
	await countersignInConsole(supervisor, { heading: `phụ lục hợp đồng ${ready.requestCode}, phiên bản 2`, customer: ready.customerName, contains: [signedSha, 'PHỤ LỤC'] });
	// the extra cable is owed: countersigned, the request waits for it, and the console says how much in words
	await expect(supervisor.getByTestId('detail-state')).toHaveText('Điện lực đã ký');
	const owed = (await requestAsSupervisor(request, ready.requestId)).balance.owed;
	expect(owed, 'the addendum adds to what was paid').toBeGreaterThan(0);
	await expect(supervisor.getByTestId('detail-owed')).toHaveText(`Khách hàng còn phải thanh toán thêm ${vnd(owed)}; yêu cầu hoàn tất sau khi nhận đủ.`);
	// paid at the counter: the amount owed is offered, and the payment completes the request
	const payment = supervisor.getByTestId('payment-form');
	await expect(payment.getByLabel('Số tiền (đồng)')).toHaveValue(String(owed));
	await payment.getByLabel('Số biên lai').fill(`BL-THEM-${ready.requestCode}`);
	await payment.getByRole('button', { name: 'Ghi nhận thanh toán' }).click();
	await expect(supervisor.getByTestId('action-ok')).toHaveText('Đã ghi nhận khoản thanh toán thêm.');
	await expect(supervisor.getByTestId('detail-state')).toHaveText('Hoàn tất');
	await expect(supervisor.getByTestId('detail-owed')).toHaveCount(0);
	// the customer is texted the receipt and the long-lived link to the signed contract
	const texts = await outboxMessages(request, { requestId: ready.requestId });
	expect(texts.some((m) => m.kind === 'payment_received' && m.channel === 'sms' && m.body.includes(`BL-THEM-${ready.requestCode}`))).toBe(true);
	expect(texts.find((m) => m.kind === 'contract_completed' && m.channel === 'sms')?.body).toMatch(/\/api\/documents\/contract\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{27}/);
	const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('contract-pdf').click()]);
	const pages = await pdfText(fs.readFileSync((await download.path())!));
	expect(pages.join(' ')).toContain(ready.customerName);
	expect(pages.join(' ')).toContain('PHỤ LỤC');
	// the evidence page names the signed version's SHA-256 (the utility's signature page may follow it)
	expect(pages.some((text) => text.includes(signedSha))).toBe(true);
	// the file is signed digitally by the unit's certificate, over the whole document (pdfsig, poppler-utils)
	const report = spawnSync('pdfsig', [(await download.path())!], { encoding: 'utf8' });
	expect(report.stdout).toContain('Signature is Valid');
	expect(report.stdout).toContain('Total document signed');
	expect(report.stdout).toMatch(/Signer Certificate Common Name: .+ \(DEMO\)/);
	await supervisorContext.close();
});

test('offline: “customer absent” sends the contract for online signing; after sync the customer has the link', async ({ context, page, request }) => {
	test.setTimeout(180_000);
	// the app shell is installed first: a service worker taking control during the login would reload the form
	await page.goto('/login');
	await waitForOfflineReady(page);
	const photos = await makeJpegs(page, 2);
	const ready = await prepareInstallation(
		request,
		CREW,
		photos.map((p) => p.buffer)
	);

	await logIn(page, CREW);
	await waitForOfflineReady(page);
	await context.setOffline(true);
	await page.goto(`/jobs/${ready.installJob.id}`);
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập hợp đồng');

	await page.getByRole('button', { name: 'Khách hàng vắng mặt — gửi ký trực tuyến' }).click();
	const dialog = page.getByTestId('remote-dialog');
	await expect(dialog).toBeVisible();
	await dialog.getByLabel('Ghi chú (không bắt buộc)').fill('Khách đi công tác, hẹn ký trực tuyến');
	await page.getByTestId('remote-dialog-confirm').click();

	await expect(page.getByTestId('detail-state')).toHaveText('Chờ khách hàng ký');
	await expect(page.getByTestId('signing-state')).toHaveText('Đã gửi khách hàng ký trực tuyến, chờ khách hàng ký');
	await expect(page.getByTestId('action-sign')).toHaveCount(0);
	await expect(page.getByTestId('action-install')).toBeVisible();
	await expect(page.getByTestId('job-pending')).toContainText('Gửi ký trực tuyến');

	await context.setOffline(false);
	await expect(page.getByTestId('pending-count')).toHaveText('Chờ gửi: 0', { timeout: 30_000 });
	await expect(page.getByTestId('job-pending')).toHaveCount(0);
	await expect(page.getByTestId('detail-state')).toHaveText('Chờ khách hàng ký');

	const onServer = await requestAsSupervisor(request, ready.requestId);
	expect(onServer.state).toBe('awaiting_remote_signature');
	expect(onServer.installed).toBe(false);
	const link = (await outboxMessages(request, { requestId: ready.requestId })).find((m) => m.kind === 'remote_signing_link' && m.channel === 'sms');
	expect(link, 'the customer is texted the signing link').toBeDefined();
	expect(link!.body).toMatch(/\/portal\/[A-Za-z0-9_-]{20,}/);
});

test('a wrong code on site: refused at sync with the real attempts left, signing stays on site; the redo keeps the drawing, the online check asks again, the right code signs; installed as estimated, the countersignature completes it', async ({ browser, context, page, request }) => {
	test.setTimeout(240_000);
	const crew = 'doi2.dung';
	// the app shell is installed first: a service worker taking control during the login would reload the form
	await page.goto('/login');
	await waitForOfflineReady(page);
	const photos = await makeJpegs(page, 2);
	const ready = await prepareInstallation(
		request,
		crew,
		photos.map((p) => p.buffer)
	);
	// well formed (its check digit is right), so only the server can tell it is not the issued one
	const wrong = signingCodeFrom('12345') === ready.code ? signingCodeFrom('54321') : signingCodeFrom('12345');
	const codeLabel = 'Mã ký hợp đồng (6 chữ số trong tin nhắn gửi khách hàng)';

	await logIn(page, crew);
	await waitForOfflineReady(page);
	await context.setOffline(true);
	await page.goto(`/jobs/${ready.installJob.id}/sign`);
	await readContractToTheEnd(page);
	await drawSignature(page, 'signature-pad-canvas');
	await page.getByLabel(codeLabel).fill(wrong);
	await expect(page.getByTestId('code-ok')).toBeVisible();
	await page.getByRole('button', { name: 'Xác nhận ký hợp đồng' }).click();
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập hợp đồng');
	await expect(page.getByTestId('signing-state')).toHaveText('Đã ký, chờ xác nhận mã');

	// at sync the server refuses the code, counts the attempt, and signing stays on site
	await context.setOffline(false);
	await expect(page.getByTestId('rejected-count')).toHaveText('Bị từ chối: 1', { timeout: 30_000 });
	const rejected = page.getByTestId('job-rejected').getByTestId('rejected-command');
	await expect(rejected.getByTestId('rejection-reason')).toContainText('còn 4 lần thử');
	await expect(rejected.getByTestId('rejection-reason')).toContainText(ready.customerName);
	await expect(page.getByTestId('detail-state')).toHaveText('Đã lập hợp đồng');
	await expect(page.getByTestId('signing-state')).toHaveText('Chưa ký — chờ ký tại hiện trường');

	// "Làm lại": the customer's drawing is kept (same contract); the online check asks for the code again at once
	await rejected.getByTestId('command-redo').click();
	await expect(page).toHaveURL(new RegExp(`/jobs/${ready.installJob.id}/sign$`));
	await expect(page.getByTestId('kept-signature')).toBeVisible();
	await readContractToTheEnd(page);
	await page.getByLabel(codeLabel).fill(wrong);
	await page.getByRole('button', { name: 'Xác nhận ký hợp đồng' }).click();
	await expect(page.getByTestId('code-check-result')).toContainText('còn 3 lần thử');
	await expect(page.getByTestId('code-check-result')).toContainText(ready.requestCode);
	await expect(page.getByTestId('kept-signature')).toBeVisible();
	await page.getByLabel(codeLabel).fill(ready.code);
	await page.getByRole('button', { name: 'Xác nhận ký hợp đồng' }).click();
	await expect(page).toHaveURL(new RegExp(`/jobs/${ready.installJob.id}$`));
	await expect(page.getByTestId('signing-state')).toHaveText('Khách hàng đã ký, chờ Điện lực ký', { timeout: 30_000 });

	const onServer = await requestAsSupervisor(request, ready.requestId);
	expect(onServer.state).toBe('customer_signed');
	expect(onServer.signatures).toHaveLength(1);
	expect(onServer.signatures[0]).toMatchObject({ channel: 'on_site', signerName: ready.customerName });

	// installed exactly as estimated (sent as the tablet sends it): nothing is owed, so the countersignature completes
	await recordInstallationAsEstimated(request, crew, ready, photos.map((p) => p.buffer), onServer.version);
	const supervisor = await browser.newContext();
	const console = await supervisor.newPage();
	await console.goto('/login');
	await console.getByLabel('Tên đăng nhập').fill('giamsat');
	await console.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
	await console.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(console).toHaveURL(/\/console/);
	await console.goto(`/console/requests/${ready.requestId}`);
	await expect(console.getByTestId('detail-owed')).toHaveCount(0);
	await countersignInConsole(console, { heading: `hợp đồng ${ready.requestCode}, phiên bản 1`, customer: ready.customerName, contains: [] });
	await expect(console.getByTestId('detail-state')).toHaveText('Hoàn tất');
	await supervisor.close();
});

/** The crew's recordInstallation with the estimate's materials, pushed as the tablet pushes it. */
async function recordInstallationAsEstimated(request: APIRequest, crew: string, ready: Awaited<ReturnType<typeof prepareInstallation>>, jpegs: Buffer[], version: number) {
	const auth = await authOf(request, crew);
	const hashes = jpegs.map((bytes) => createHash('sha256').update(bytes).digest('hex'));
	for (const [i, bytes] of jpegs.entries()) {
		const put = await request.put(`/api/blobs/${hashes[i]}`, { headers: { ...auth, 'content-type': 'image/jpeg' }, data: bytes });
		expect([200, 201]).toContain(put.status());
	}
	const pushed = await request.post('/api/sync/push', {
		headers: auth,
		data: {
			deviceId: `e2e-install-${randomUUID()}`,
			commands: [
				{
					commandId: randomUUID(),
					seq: 1,
					name: 'recordInstallation',
					requestId: ready.requestId,
					jobId: ready.installJob.id,
					baseVersion: version,
					deviceTime: new Date().toISOString(),
					location: { lat: HANOI.latitude, lng: HANOI.longitude, accuracyM: HANOI.accuracy },
					payload: {
						materials: ready.estimateLines,
						meterSerial: `PC-${Date.now()}`,
						meterReadingKwh: 1,
						meterPhoto: hashes[0],
						sealNumbers: ['NP-777'],
						beforePhotos: [hashes[0]],
						afterPhotos: [hashes[1] ?? hashes[0]],
						notes: ''
					}
				}
			]
		}
	});
	const results = ((await pushed.json()) as { results: Array<{ status: string }> }).results;
	expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(['applied']);
}

/**
 * The supervisor's countersignature in the console: the preview of the contract as it will be signed (the certificate
 * named, the preview PDF downloadable), then the dialog naming the request, the customer and the version; the answer
 * says who signed digitally and when.
 */
async function countersignInConsole(page: Page, expected: { heading: string; customer: string; contains: string[] }) {
	await page.getByRole('button', { name: 'Xem trước hợp đồng sẽ ký' }).click();
	const preview = page.getByTestId('countersign-preview');
	await expect(preview.getByRole('heading', { name: `Bản xem trước: ${expected.heading}` })).toBeVisible();
	await expect(preview).toContainText(`Khách hàng: ${expected.customer}`);
	await expect(preview.getByTestId('countersign-certificate')).toHaveText(/^Sẽ ký số bằng chứng thư của: .+ \(DEMO\)/);
	for (const text of expected.contains) await expect(preview.getByTestId('countersign-document')).toContainText(text);
	const [previewPdf] = await Promise.all([page.waitForEvent('download'), preview.getByTestId('countersign-preview-pdf').click()]);
	expect((await pdfText(fs.readFileSync((await previewPdf.path())!))).join(' ')).toMatch(/Đã ký số bởi .+ \(DEMO\)/);
	await preview.getByTestId('countersign-sign').click();
	const dialog = page.getByTestId('countersign-dialog');
	await expect(dialog).toContainText(`Điện lực sẽ ký số ${expected.heading.replace(', phiên bản', ` của khách hàng ${expected.customer}, phiên bản`)}`);
	await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
	await expect(page.getByTestId('action-ok')).toHaveText(/^Đã ký số bởi .+ \(DEMO\), lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
}
