// Issue 13 on a phone (390×844): a customer signs in to their own portal with the code texted to the number on their
// record (read from the demo outbox), files a capacity change with photos of their documents (the draft survives a
// reload), sees it in "my requests" with its state and what happens next, and signs out.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { authOf, makeJpegs, outboxMessages } from './support';

test.use({ viewport: { width: 390, height: 844 } });

/** A demo meter whose customer no other spec signs in as (HN-CT-0002: a meter check's, never read by other specs' phones). */
const METER = 'HN-CT-0002';

async function customerOfMeter(request: APIRequestContext) {
	const res = await request.get(`/api/meters/${METER}`, { headers: await authOf(request, 'giamsat') });
	expect(res.ok(), await res.text()).toBe(true);
	return ((await res.json()) as { customer: { phone: string; name: string } }).customer;
}

async function textedCode(request: APIRequestContext, phone: string): Promise<string> {
	let code: string | undefined;
	await expect
		.poll(async () => {
			const sms = (await outboxMessages(request, { reader: 'admin' })).find((m) => m.kind === 'customer_login_code' && m.recipient === phone);
			code = sms ? /\b(\d{6})\b/.exec(sms.body)?.[1] : undefined;
			return code;
		})
		.toMatch(/^\d{6}$/);
	return code!;
}

async function expectPhoneFriendly(page: import('@playwright/test').Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, 'nothing wider than the phone').toBeLessThanOrEqual(0);
}

test('a customer signs in with the texted code, files a capacity change with document photos, sees it, signs out', async ({ page, request }) => {
	const customer = await customerOfMeter(request);

	await page.goto('/khach-hang');
	await expect(page).toHaveURL(/\/khach-hang\/dang-nhap/);
	await expect(page.getByRole('heading', { name: 'Đăng nhập tài khoản khách hàng' })).toBeVisible();
	// none of the crew's frame on a customer's phone
	await expect(page.getByTestId('sync-indicator')).toHaveCount(0);
	await expectPhoneFriendly(page);

	// a number that is not a mobile number is refused next to the field, before anything is sent
	await page.getByLabel('Số điện thoại hoặc email').fill('12345');
	await page.getByTestId('sign-in-send').click();
	await expect(page.getByRole('alert').filter({ hasText: 'Nhập số điện thoại di động' })).toBeVisible();

	await page.getByLabel('Số điện thoại hoặc email').fill(customer.phone);
	await page.getByTestId('sign-in-send').click();
	await expect(page.getByTestId('sign-in-sent')).toContainText('Mã có hiệu lực 10 phút');
	const code = await textedCode(request, customer.phone);
	// a typo is caught on the phone by the check digit
	const typo = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;
	await page.getByLabel('Mã đăng nhập (6 chữ số)').fill(typo);
	await page.getByTestId('sign-in-submit').click();
	await expect(page.getByTestId('sign-in-code-error')).toBeVisible();
	await page.getByLabel('Mã đăng nhập (6 chữ số)').fill(code);
	await page.getByTestId('sign-in-submit').click();

	await expect(page).toHaveURL(/\/khach-hang$/);
	await expect(page.getByTestId('customer-who')).toContainText(customer.name);
	await expect(page.getByTestId('customer-request').first()).toBeVisible();

	await page.getByTestId('customer-file-new').click();
	await page.getByTestId('filing-service-capacity_change').click();
	await expect(page.getByRole('heading', { name: 'Thay đổi công suất sử dụng điện' })).toBeVisible();
	await page.getByTestId('filing-meter').selectOption(METER);
	await page.getByLabel('Công suất đang dùng (kW)').fill('3');
	await page.getByLabel('Công suất đề nghị (kW)').fill('mười');

	// filing without the documents: every problem is said next to its field
	await page.getByTestId('filing-submit').click();
	await expect(page.getByTestId('filing-error')).toBeVisible();
	await expect(page.locator('#field-requestedKw-error')).toHaveText('Nhập một số từ 0.5 đến 100000');
	await expect(page.locator('#doc-id_card-error')).toHaveText('Hãy thêm ảnh hoặc tệp PDF của giấy tờ này');
	await page.getByLabel('Công suất đề nghị (kW)').fill('10');

	const [idCard, powerList] = await makeJpegs(page, 2, 2400, 1600);
	await page.getByTestId('doc-id_card').setInputFiles({ ...idCard!, name: 'cccd.jpg' });
	await page.getByTestId('doc-power_needs').setInputFiles({ ...powerList!, name: 'bang-ke.jpg' });
	await expect(page.getByTestId('uploaded-document')).toHaveCount(2);
	await expect(page.getByTestId('filing-draft-saved')).toBeVisible();

	// nothing typed is lost: the draft comes back after a reload
	await page.reload();
	await expect(page.getByLabel('Công suất đề nghị (kW)')).toHaveValue('10');
	await expect(page.getByTestId('uploaded-document')).toHaveCount(2);
	await expectPhoneFriendly(page);

	await page.getByTestId('filing-submit').click();
	await expect(page).toHaveURL(/\/khach-hang\?filed=YC-/);
	const filedCode = new URL(page.url()).searchParams.get('filed')!;
	await expect(page.getByTestId('customer-filed')).toContainText(filedCode);
	const card = page.locator(`[data-testid="customer-request"][data-code="${filedCode}"]`);
	await expect(card).toContainText('Thay đổi công suất sử dụng điện (CSSDĐ): TP, TX, TT');
	await expect(card.getByTestId('customer-request-state')).not.toBeEmpty();
	await expect(card).toContainText('Điện lực xem hồ sơ và hẹn lịch khảo sát');
	await expect(card).toContainText('còn');

	await card.getByRole('link').click();
	await expect(page.getByTestId('customer-history')).toContainText('Khách hàng nộp trực tuyến: Thay đổi công suất sử dụng điện');
	await expect(page.getByTestId('customer-history')).toContainText('Công suất đề nghị: 10 kW');
	await expect(page.getByTestId('customer-documents').getByRole('listitem')).toHaveCount(2);

	// the supervisors' board has it, received now, waiting for them
	const board = await request.get(`/api/requests?q=${encodeURIComponent(filedCode)}`, { headers: await authOf(request, 'giamsat') });
	expect(((await board.json()) as { items: Array<{ code: string; state: string }> }).items).toEqual([expect.objectContaining({ code: filedCode, state: 'submitted' })]);

	await page.getByTestId('customer-sign-out').click();
	await expect(page).toHaveURL(/\/khach-hang\/dang-nhap/);
	await page.goto('/khach-hang');
	await expect(page).toHaveURL(/\/khach-hang\/dang-nhap/);
});
