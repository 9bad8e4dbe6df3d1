// Issue 12 §1 and §3: a paperwork request (payment method change, service 50) is run to closed from the console with
// no crew ever sent, and a billing complaint (74) is answered in words, texted to the customer and kept in the history.
import fs from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { uniquePhone } from './meter-support';
import { authOf, drawSignature, logInToConsole, outboxMessages, plain, signInAsCustomer } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

async function takeIn(request: import('@playwright/test').APIRequestContext, serviceNumber: number, name: string) {
	const phone = uniquePhone();
	const created = await request.post('/api/requests', {
		headers: await authOf(request, 'giamsat'),
		data: { serviceNumber, customer: { name: `${name} ${phone.slice(-4)}`, phone, email: null }, address: 'Số 8 Tràng Thi, Hoàn Kiếm, Hà Nội', location: null }
	});
	expect(created.status()).toBe(201);
	return { ...((await created.json()) as { id: string; code: string }), phone, name: `${name} ${phone.slice(-4)}` };
}

test('a payment method change runs to closed: review, decision, the notice with the amendment to sign, the customer signs it on the portal, the utility countersigns; no crew is sent', async ({ browser, page, request }) => {
	const { id, code, phone, name } = await takeIn(request, 50, 'Vũ Thị Thanh Toán');
	await logInToConsole(page);
	await page.goto(`/console/requests/${id}`);
	const steps = page.getByTestId('process-steps');
	await expect(steps).toContainText('Quy trình: Xét duyệt hồ sơ, không cần đến hiện trường');
	// no survey for paperwork: no dispatch form, only the process's first step
	await expect(page.getByTestId('dispatch-form')).toHaveCount(0);
	await expect(steps.getByRole('button')).toHaveText(['Nhận hồ sơ, bắt đầu xem xét']);

	await steps.getByRole('button', { name: 'Nhận hồ sơ, bắt đầu xem xét' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đang xem xét hồ sơ');

	const decide = page.getByTestId('step-decide');
	await decide.getByLabel('Chấp thuận', { exact: true }).check();
	await decide.getByLabel('Nội dung quyết định (gửi cho khách hàng)').fill('Chuyển sang trích nợ tự động từ kỳ hóa đơn tháng sau');
	await decide.getByRole('button', { name: 'Ra quyết định' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đã có quyết định');

	// the approval drafted the amendment (phụ lục): the notice sends it to the customer to sign; nothing closes before
	await expect(page.getByTestId('detail-paperwork-document')).toHaveText(/^Phụ lục hợp đồng mua bán điện \(phiên bản 1\) đã lập lúc/);
	await steps.getByRole('button', { name: 'Gửi thông báo kết quả cho khách hàng' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Chờ khách hàng ký');
	await expect(page.getByTestId('detail-paperwork-document')).toHaveText('Phụ lục hợp đồng mua bán điện (phiên bản 1) đã lập, chờ khách hàng ký trên cổng khách hàng');
	await expect(steps.getByRole('button', { name: 'Đóng yêu cầu' })).toHaveCount(0);

	const sms = (await outboxMessages(request, { requestId: id })).find((m) => m.kind === 'decision' && m.channel === 'sms');
	expect(sms, 'the decision is texted').toBeDefined();
	expect(plain(sms!.body)).toContain(code);
	expect(plain(sms!.body)).toContain(plain('trích nợ tự động'));
	expect(sms!.body).toMatch(/\/portal\/[A-Za-z0-9_-]{20,}/);

	// on their phone, the customer reads the amendment and signs it with the texted code
	const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const customer = await phoneContext.newPage();
	await signInAsCustomer(customer, request, phone);
	await customer.goto('/khach-hang/hop-dong');
	const toSign = customer.getByTestId('customer-contract').filter({ hasText: code });
	await expect(toSign).toContainText('Phụ lục hợp đồng mua bán điện (phiên bản 1)');
	await toSign.getByTestId('customer-sign').click();
	await expect(customer).toHaveURL(/\/portal\/[A-Za-z0-9_-]{20,}$/);
	await expect(customer.getByTestId('portal-customer')).toHaveText(name);
	const body = customer.getByTestId('contract-body');
	await expect(body).toContainText('Phụ lục hợp đồng mua bán điện');
	await expect(body).toContainText(`BÊN B (Bên mua điện): ${name}`);
	await expect(body).toContainText('Chuyển sang trích nợ tự động từ kỳ hóa đơn tháng sau');
	// the decision is signed as it is: no correction form
	await expect(customer.getByTestId('portal-contract')).toBeVisible();
	// the page names the document the customer signs
	await expect(customer.getByRole('heading', { name: 'Phụ lục hợp đồng mua bán điện', exact: true })).toBeVisible();
	await expect(customer.getByRole('heading', { name: 'Ký phụ lục hợp đồng mua bán điện' })).toBeVisible();
	await expect(customer.getByRole('button', { name: 'Gửi mã ký' })).toBeVisible();
	await expect(customer.getByTestId('portal-correction')).toHaveCount(0);
	await customer.getByRole('button', { name: 'Gửi mã ký' }).click();
	await expect(customer.getByTestId('code-sent')).toBeVisible();
	let signingCode: string | undefined;
	await expect
		.poll(async () => {
			const texted = (await outboxMessages(request, { requestId: id })).find((m) => m.kind === 'portal_code' && m.channel === 'sms');
			signingCode = texted ? /: (\d{6})\./.exec(texted.body)?.[1] : undefined;
			return signingCode;
		})
		.toMatch(/^\d{6}$/);
	await drawSignature(customer, 'portal-signature-canvas');
	await customer.getByLabel('Mã ký (6 chữ số)').fill(signingCode!);
	await customer.getByRole('button', { name: 'Ký hợp đồng' }).click();
	await expect(customer.getByTestId('sign-done')).toBeVisible();

	// the supervisor reads it signed, countersigns digitally, and the request closes by itself
	await page.reload();
	await expect(page.getByTestId('detail-paperwork-document')).toHaveText(/^Phụ lục hợp đồng mua bán điện \(phiên bản 1\): khách hàng đã ký lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}, chờ Điện lực ký số$/);
	await page.getByRole('button', { name: 'Xem trước hợp đồng sẽ ký' }).click();
	const preview = page.getByTestId('countersign-preview');
	await expect(preview.getByTestId('countersign-document')).toContainText('Phụ lục hợp đồng mua bán điện');
	await preview.getByTestId('countersign-sign').click();
	await page.getByTestId('countersign-dialog').getByRole('button', { name: 'Ký số', exact: true }).click();
	await expect(page.getByTestId('action-ok')).toHaveText(/^Đã ký số bởi .+ \(DEMO\), lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
	await expect(page.getByTestId('detail-state')).toHaveText('Hoàn tất');
	await expect(page.getByTestId('detail-paperwork-document')).toContainText('Điện lực đã ký số lúc');
	await expect(page.getByTestId('process-steps').getByRole('button')).toHaveCount(0);
	const detail = (await (await request.get(`/api/requests/${id}`, { headers: await authOf(request, 'giamsat') })).json()) as { jobs: unknown[]; state: string };
	expect(detail).toMatchObject({ state: 'completed', jobs: [] });

	// the customer keeps the signed amendment: both signatures, the digitally signed PDF
	await customer.goto('/khach-hang/hop-dong');
	const kept = customer.getByTestId('customer-contract').filter({ hasText: code });
	await expect(kept).toContainText('Bạn đã ký lúc');
	await expect(kept).toContainText('Điện lực ký số lúc');
	const [download] = await Promise.all([customer.waitForEvent('download'), kept.getByTestId('customer-contract-pdf').click()]);
	const pdf = fs.readFileSync((await download.path())!);
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/Sig\b/);
	await phoneContext.close();
});

test('a billing complaint is answered in words: texted to the customer, kept in the history, then closed', async ({ page, request }) => {
	const { id, code } = await takeIn(request, 74, 'Lê Văn Hóa Đơn');
	await logInToConsole(page);
	await page.goto(`/console/requests/${id}`);
	const steps = page.getByTestId('process-steps');
	await expect(steps).toContainText('Quy trình: Xác minh và trả lời kiến nghị');
	await steps.getByRole('button', { name: 'Bắt đầu xác minh' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đang xác minh');

	const answerForm = page.getByTestId('step-answerCustomer');
	// too short: the server's words, nothing sent
	await answerForm.getByLabel('Nội dung trả lời (gửi khách hàng qua SMS và email)').fill('Đã xem');
	await answerForm.getByRole('button', { name: 'Trả lời khách hàng' }).click();
	await expect(page.getByTestId('step-error')).toContainText('ít nhất 10 ký tự');
	const answer = 'Hóa đơn tháng này tăng vì kỳ ghi chỉ số dài 33 ngày; chỉ số trên hóa đơn đúng với công tơ.';
	await answerForm.getByLabel('Nội dung trả lời (gửi khách hàng qua SMS và email)').fill(answer);
	await answerForm.getByRole('button', { name: 'Trả lời khách hàng' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đã trả lời khách hàng');
	// the history keeps the answer in words
	await expect(page.getByText(`Nội dung trả lời đã gửi khách hàng qua SMS, email: ${answer}`)).toBeVisible();

	await steps.getByRole('button', { name: 'Đóng yêu cầu' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Hoàn tất');
	const sms = (await outboxMessages(request, { requestId: id })).find((m) => m.kind === 'answer' && m.channel === 'sms');
	expect(sms, 'the answer is texted').toBeDefined();
	expect(plain(sms!.body)).toBe(plain(`EVN: Tra loi yeu cau ${code}: ${answer}`));
});

test('the re-read after a step moves nothing under the supervisor’s next press, and keeps the answer they were writing', async ({ page, request }) => {
	const { id } = await takeIn(request, 74, 'Trần Thị Bấm Nút');
	await logInToConsole(page);
	await page.goto(`/console/requests/${id}`);
	const steps = page.getByTestId('process-steps');
	const answerForm = page.getByTestId('step-answerCustomer');
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

	// the re-reads of the request that follow the step (the panel's own and the live stream's) are held at the network
	let holding = true;
	const held: import('@playwright/test').Route[] = [];
	await page.route(`**/api/requests/${id}`, (route) => (holding && route.request().method() === 'GET' ? void held.push(route) : route.continue()));

	// the supervisor drafts the answer, then records that the investigation started
	const answer = 'Chỉ số trên hóa đơn đúng với công tơ; kỳ ghi chỉ số tháng này dài 33 ngày.';
	await answerForm.getByLabel('Nội dung trả lời (gửi khách hàng qua SMS và email)').fill(answer);
	await steps.getByRole('button', { name: 'Bắt đầu xác minh' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đang xác minh');
	await expect.poll(() => held.length).toBeGreaterThan(0);

	// they press "Trả lời khách hàng"; the re-read lands while the button is held down, then they let go
	const box = (await answerForm.getByRole('button', { name: 'Trả lời khách hàng' }).boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	holding = false;
	await Promise.all(held.map((route) => route.continue()));
	await expect(page.getByTestId('detail-state')).toHaveText('Đang xác minh');
	await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
	await page.mouse.up();

	// the press was a press, with the words typed before the step
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đã trả lời khách hàng');
	await expect(page.getByText(`Nội dung trả lời đã gửi khách hàng qua SMS, email: ${answer}`)).toBeVisible();
});

test('a reading-day link is sent from the meter of a request: a past day refused, today sent and named dd/mm/yyyy', async ({ page, request }) => {
	const supervisor = await authOf(request, 'giamsat');
	const register = (await (await request.get('/api/meters/HN-CT-0001', { headers: supervisor })).json()) as { customer: { name: string; phone: string; email?: string | null; address?: string } };
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: { serviceNumber: 41, meterSerial: 'HN-CT-0001', customer: { name: register.customer.name, phone: register.customer.phone, email: register.customer.email ?? null }, address: register.customer.address ?? 'Hà Nội', location: null }
	});
	expect(created.status()).toBe(201);
	const { id } = (await created.json()) as { id: string };
	await logInToConsole(page);
	await page.goto(`/console/requests/${id}`);
	const tools = page.getByTestId('meter-tools');
	const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
	const yesterday = new Date(Date.now() + 7 * 3_600_000 - 24 * 3_600_000).toISOString().slice(0, 10);
	const dmy = (iso: string) => iso.split('-').reverse().join('/');
	await tools.getByLabel('Ngày ghi chỉ số (hôm nay hoặc sau)').fill(yesterday);
	await tools.getByRole('button', { name: 'Gửi liên kết tự ghi chỉ số cho khách hàng' }).click();
	await expect(page.getByTestId('meter-tools-error')).toContainText(`Ngày ghi chỉ số ${dmy(yesterday)} đã qua`);
	await tools.getByLabel('Ngày ghi chỉ số (hôm nay hoặc sau)').fill(today);
	await tools.getByRole('button', { name: 'Gửi liên kết tự ghi chỉ số cho khách hàng' }).click();
	await expect(page.getByTestId('meter-tools-ok')).toHaveText(`Đã gửi liên kết ngày ghi chỉ số ${dmy(today)} cho khách hàng qua SMS và email`);
});
