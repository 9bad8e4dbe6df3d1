// Issue 15 §4 and issue 13: the customer chooses, in their own account, how notices reach them: Zalo or SMS for the
// notices that are not essential, the reading-day reminders, the language. The page first says what always comes by
// SMS (codes, required notices). The choice is kept across a reload and read back by the API; a refusal keeps it on
// screen. The customer is this spec's own (taken in with a number no other test uses).
import { expect, test, type APIRequestContext } from '@playwright/test';
import { uniquePhone } from './meter-support';
import { authOf, outboxMessages, signInAsCustomer } from './support';

test.use({ viewport: { width: 390, height: 844 } });

async function newCustomer(request: APIRequestContext): Promise<{ phone: string; name: string }> {
	const phone = uniquePhone();
	const name = `Ngô Thị Tuỳ Chọn ${phone.slice(-4)}`;
	const created = await request.post('/api/requests', {
		headers: await authOf(request, 'giamsat'),
		data: { serviceNumber: 50, customer: { name, phone, email: null }, address: 'Số 4 Lò Sũ, Hoàn Kiếm, Hà Nội', location: null }
	});
	expect(created.status(), await created.text()).toBe(201);
	return { phone, name };
}

test('the customer chooses Zalo, no reminders and English for their notices; the choice is kept and codes still come by SMS', async ({ page, request }) => {
	const customer = await newCustomer(request);
	await signInAsCustomer(page, request, customer.phone);
	await page.goto('/khach-hang/thong-bao');
	const prefs = page.getByTestId('customer-preferences');
	await expect(prefs.getByRole('heading', { name: 'Cách nhận thông báo' })).toBeVisible();
	await expect(prefs).toContainText('Mã đăng nhập, mã ký hợp đồng và các thông báo bắt buộc');
	// the defaults: SMS, reminders on, Vietnamese
	await expect(prefs.getByLabel('Tin nhắn SMS')).toBeChecked();
	await expect(prefs.getByLabel('Nhắc ngày ghi chỉ số công tơ')).toBeChecked();
	await expect(prefs.getByLabel('Tiếng Việt')).toBeChecked();

	await prefs.getByLabel('Zalo (tin nhắn Zalo của Điện lực)').check();
	// the demo server sends no Zalo: the customer is told what happens meanwhile
	await expect(page.getByTestId('customer-preferences-no-zalo')).toContainText('vẫn đến bằng SMS');
	await prefs.getByLabel('Nhắc ngày ghi chỉ số công tơ').uncheck();
	await prefs.getByLabel('Tiếng Anh (English)').check();
	// every choice a finger presses is at least 48 px high
	for (const label of ['Tin nhắn SMS', 'Zalo (tin nhắn Zalo của Điện lực)', 'Nhắc ngày ghi chỉ số công tơ', 'Tiếng Việt']) {
		const box = await prefs.locator('label.choice', { hasText: label }).boundingBox();
		expect(box!.height, label).toBeGreaterThanOrEqual(48);
	}
	await page.getByTestId('customer-preferences-save').click();
	// the button's answer says what was kept, in words
	await expect(page.getByTestId('customer-preferences-saved')).toHaveText(
		'Đã lưu: các thông báo khác gửi qua Zalo, không nhắc ngày ghi chỉ số, tin nhắn và email bằng tiếng Anh.'
	);

	await page.reload();
	await expect(prefs.getByLabel('Zalo (tin nhắn Zalo của Điện lực)')).toBeChecked();
	await expect(prefs.getByLabel('Nhắc ngày ghi chỉ số công tơ')).not.toBeChecked();
	await expect(prefs.getByLabel('Tiếng Anh (English)')).toBeChecked();
	const saved = await page.request.get('/api/customer/preferences');
	expect(await saved.json()).toMatchObject({ channel: 'zalo', reminders: false, language: 'en' });

	// the network drops during a save: the choice stays on screen with the reason, and goes through once it is back
	await prefs.getByLabel('Tin nhắn SMS').check();
	await page.context().setOffline(true);
	await page.getByTestId('customer-preferences-save').click();
	await expect(page.getByTestId('customer-preferences-error')).toContainText('vẫn giữ nguyên trên màn hình');
	await expect(prefs.getByLabel('Tin nhắn SMS')).toBeChecked();
	await expect(prefs.getByLabel('Nhắc ngày ghi chỉ số công tơ')).not.toBeChecked();
	const retry = page.getByTestId('customer-preferences-retry');
	expect((await retry.boundingBox())!.height).toBeGreaterThanOrEqual(48);
	await page.context().setOffline(false);
	await retry.click();
	await expect(page.getByTestId('customer-preferences-saved')).toHaveText(
		'Đã lưu: các thông báo khác gửi qua SMS, không nhắc ngày ghi chỉ số, tin nhắn và email bằng tiếng Anh.'
	);
	await expect(page.getByTestId('customer-preferences-error')).toBeHidden();
	expect(await (await page.request.get('/api/customer/preferences')).json()).toMatchObject({ channel: 'sms', reminders: false, language: 'en' });
});
