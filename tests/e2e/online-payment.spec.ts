// Issue 13 item 4 and issue 11 item 2, on a phone (390×844): the crew installed more cable than contracted while the
// customer was away; the customer signed the addendum on the portal, which then says what is still owed. The customer
// opens the payment page (VietQR code and the card / e-wallet gateway), pays through the simulated gateway (signed
// redirect, IPN, signed return), and the page updates by itself: paid, with the receipt to download.
import { createHash, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { authOf, makeJpegs, outboxMessages, prepareInstallation, requestAsSupervisor, vnd } from './support';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]]
};

/** Remote signing, then the installation with 3 m more cable (the addendum), signed by the customer on the portal. */
async function addendumSignedOnThePortal(request: APIRequestContext, jpegs: Buffer[]) {
	// a survey of its own (prepareInstallation dispatches it), so no other test's jobs are used up
	const crew = 'doi2.dung';
	const ready = await prepareInstallation(request, crew, jpegs, { customerName: `Trần Thị Thanh Toán ${randomUUID().slice(0, 4)}` });
	const auth = await authOf(request, crew);
	const hashes = jpegs.map((bytes) => createHash('sha256').update(bytes).digest('hex'));
	for (const [i, bytes] of jpegs.entries()) {
		const put = await request.put(`/api/blobs/${hashes[i]}`, { headers: { ...auth, 'content-type': 'image/jpeg' }, data: bytes });
		expect([200, 201]).toContain(put.status());
	}
	const envelope = (seq: number, name: string, baseVersion: number, payload: unknown) => ({
		commandId: randomUUID(),
		seq,
		name,
		requestId: ready.requestId,
		jobId: ready.installJob.id,
		baseVersion,
		deviceTime: new Date().toISOString(),
		location: { lat: 21.0285, lng: 105.8542, accuracyM: 8 },
		payload
	});
	const version = ready.installJob.request.version;
	const materials = ready.estimateLines.map((line) => (line.code === 'CU-XLPE-2x6' ? { ...line, quantity: line.quantity + 3 } : line));
	const installation = { materials, meterSerial: `PC-${Date.now()}`, meterReadingKwh: 2, meterPhoto: hashes[0], sealNumbers: ['NP-390'], beforePhotos: [hashes[0]], afterPhotos: [hashes[1]], notes: '' };
	const pushed = await request.post('/api/sync/push', {
		headers: auth,
		data: { deviceId: `e2e-pay-${randomUUID()}`, commands: [envelope(1, 'requestRemoteSigning', version, { reason: 'customer_absent', note: '' }), envelope(2, 'recordInstallation', version + 1, installation)] }
	});
	const results = ((await pushed.json()) as { results: Array<{ status: string }> }).results;
	expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(['applied', 'applied']);
	// the latest link names the addendum; the customer asks for a code and signs it there
	const link = (await outboxMessages(request, { requestId: ready.requestId })).find((m) => m.kind === 'remote_signing_link' && m.channel === 'sms')!;
	const token = /\/portal\/([A-Za-z0-9_-]{20,})/.exec(link.body)![1]!;
	const view = (await (await request.get(`/api/portal/${token}`)).json()) as { contract: { version: number; sha256: string } };
	expect(view.contract.version).toBe(2);
	expect((await request.post(`/api/portal/${token}/code`)).ok()).toBe(true);
	const codeSms = (await outboxMessages(request, { requestId: ready.requestId })).find((m) => m.kind === 'portal_code' && m.channel === 'sms')!;
	const code = /: (\d{6})\./.exec(codeSms.body)![1]!;
	const signed = await request.post(`/api/portal/${token}/sign`, { data: { contractSha256: view.contract.sha256, code, signature: { ...SIGNATURE, signerName: ready.customerName } } });
	expect(signed.ok(), await signed.text()).toBe(true);
	return { ...ready, token };
}

test('a customer pays the extra for installed material through the gateway on a phone; the page updates by itself and keeps the receipt', async ({ page, request }) => {
	test.setTimeout(180_000);
	await page.goto('/login');
	const photos = await makeJpegs(page, 2);
	const ready = await addendumSignedOnThePortal(request, photos.map((p) => p.buffer));
	const owed = (await requestAsSupervisor(request, ready.requestId)).balance.owed;
	expect(owed).toBeGreaterThan(0);

	// the request's page says what is still owed, in words, and leads to the payment page
	await page.goto(`/portal/${ready.token}`);
	await expect(page.getByTestId('portal-owed')).toContainText(`Quý khách còn phải thanh toán ${vnd(owed)} cho yêu cầu ${ready.requestCode}`);
	await page.getByTestId('portal-pay-link').click();
	await expect(page).toHaveURL(new RegExp(`/portal/${ready.token}/pay$`));
	await expect(page.getByRole('heading', { name: `Thanh toán yêu cầu ${ready.requestCode}` })).toBeVisible();
	await expect(page.getByTestId('pay-owed')).toHaveText(`Số tiền cần thanh toán: ${vnd(owed)}`);

	// the VietQR transfer: the code, and the same account and content to type by hand
	await expect(page.getByTestId('pay-qr-image')).toBeVisible();
	await expect(page.getByTestId('pay-qr-image')).toHaveAttribute('alt', `Mã VietQR chuyển ${vnd(owed)} cho yêu cầu ${ready.requestCode}`);
	await expect(page.getByTestId('pay-content')).toHaveText(ready.requestCode);
	expect((await page.getByTestId('pay-qr-image').boundingBox())!.width).toBeLessThanOrEqual(390);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// the gateway: its page shows the amount; the customer pays and comes back
	const button = page.getByTestId('pay-gateway');
	expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(48);
	await button.click();
	await expect(page.getByTestId('gateway-amount')).toHaveText(`${new Intl.NumberFormat('vi-VN').format(owed)} đ`);
	await expect(page.getByTestId('gateway-order')).toContainText(ready.requestCode);
	await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();

	await expect(page).toHaveURL(new RegExp(`/portal/${ready.token}/pay$`));
	await expect(page.getByTestId('pay-outcome')).toHaveText(`Điện lực đã nhận ${vnd(owed)}. Cảm ơn quý khách!`);
	await expect(page.getByTestId('pay-settled')).toHaveText('Quý khách không còn khoản nào phải thanh toán cho yêu cầu này.');
	await expect(page.getByTestId('pay-gateway')).toHaveCount(0);
	await expect(page.getByTestId('pay-vietqr')).toHaveCount(0);
	const paid = page.getByTestId('pay-history-item').filter({ hasText: vnd(owed) });
	await expect(paid).toHaveCount(1);
	const [download] = await Promise.all([page.waitForEvent('download'), paid.getByTestId('pay-receipt').click()]);
	expect(download.suggestedFilename()).toMatch(new RegExp(`^bien-lai-${ready.requestCode}-`));

	// the request waits for the utility's signature now; the customer was texted the receipt
	expect((await requestAsSupervisor(request, ready.requestId)).balance.owed).toBe(0);
	const receipt = (await outboxMessages(request, { requestId: ready.requestId })).find((m) => m.kind === 'payment_received' && m.channel === 'sms' && m.body.includes(new Intl.NumberFormat('vi-VN').format(owed)));
	expect(receipt, 'the customer is texted the receipt').toBeDefined();
});

test('the payment page updates by itself when the payment arrives another way (at the counter)', async ({ page, request }) => {
	test.setTimeout(180_000);
	await page.goto('/login');
	const photos = await makeJpegs(page, 2);
	const ready = await addendumSignedOnThePortal(request, photos.map((p) => p.buffer));
	const owed = (await requestAsSupervisor(request, ready.requestId)).balance.owed;
	await page.goto(`/portal/${ready.token}/pay`);
	await expect(page.getByTestId('pay-owed')).toHaveText(`Số tiền cần thanh toán: ${vnd(owed)}`);
	const counter = await request.post(`/api/requests/${ready.requestId}/payments`, { headers: await authOf(request, 'giamsat'), data: { amount: owed, receiptNo: `BL-390-${ready.requestCode}` } });
	expect(counter.ok(), await counter.text()).toBe(true);
	// no reload: the page's live stream brings the payment
	await expect(page.getByTestId('pay-settled')).toBeVisible({ timeout: 15_000 });
	await expect(page.getByTestId('pay-history-item').filter({ hasText: `BL-390-${ready.requestCode}` })).toHaveCount(1);
});
