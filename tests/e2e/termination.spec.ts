// Issue 12 §1: terminating the electricity purchase contract (service 55) from the console. The request detail names
// what the customer ends with; approving without the meter's final reading is refused in words; with the serial, the
// index and a photo of the meter face it is approved, the reading joins the meter's register and the history, and the
// customer's notice and request page say the contract was terminated with the final reading.
import { expect, test } from '@playwright/test';
import { meterAsSupervisor } from './meter-support';
import { logInToConsole, makeJpegs, outboxMessages, authOf, plain, signInAsCustomer } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

// HN-CT-0014 is this spec's alone (demo seed): terminating the contract takes the meter out of service, so no other spec may use it.
const SERIAL = 'HN-CT-0014';

test('a termination is approved only with the final reading, which reaches the register, the history and the customer', async ({ page, request }) => {
	const register = await meterAsSupervisor(request, SERIAL);
	expect(register, 'the demo meter is on record').not.toBeNull();
	const owner = (await (await request.get(`/api/meters/${SERIAL}`, { headers: await authOf(request, 'giamsat') })).json()) as { customer: { name: string; phone: string } };
	const finalKwh = Math.ceil(register!.readings.at(-1)!.kwh) + 4;
	const created = await request.post('/api/requests', {
		headers: await authOf(request, 'giamsat'),
		data: { serviceNumber: 55, customer: { name: owner.customer.name, phone: owner.customer.phone, email: null }, address: 'Số 8 Tràng Thi, Hoàn Kiếm, Hà Nội', location: null }
	});
	expect(created.status(), await created.text()).toBe(201);
	const { id } = (await created.json()) as { id: string; code: string };

	await logInToConsole(page);
	await page.goto(`/console/requests/${id}`);
	await expect(page.getByTestId('detail-document')).toHaveText('Chấm dứt hợp đồng mua bán điện, có chỉ số chốt công tơ');
	const steps = page.getByTestId('process-steps');
	await steps.getByRole('button', { name: 'Nhận hồ sơ, bắt đầu xem xét' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đang xem xét hồ sơ');

	const decide = page.getByTestId('step-decide');
	await decide.getByLabel('Chấp thuận', { exact: true }).check();
	await expect(decide.getByTestId('decide-outcome')).toHaveText('Khi chấp thuận, khách hàng được báo: Hợp đồng mua bán điện đã được chấm dứt');
	await decide.getByLabel('Nội dung quyết định (gửi cho khách hàng)').fill('Khách hàng đã thanh toán hết tiền điện đến kỳ này');
	// no final reading: refused in words, the request stays under review
	await decide.getByRole('button', { name: 'Ra quyết định' }).click();
	await expect(page.getByTestId('step-error')).toContainText('hãy ghi chỉ số chốt gồm số sê-ri công tơ, chỉ số (kWh) và ảnh mặt công tơ');
	await expect(page.getByTestId('detail-state')).toHaveText('Đang xem xét hồ sơ');

	const reading = decide.getByTestId('final-reading');
	await reading.getByLabel('Số sê-ri công tơ').fill(SERIAL);
	await reading.getByLabel('Chỉ số chốt (kWh)').fill(String(finalKwh));
	const [jpeg] = await makeJpegs(page, 1, 640, 480);
	await reading.getByLabel('Ảnh mặt công tơ').setInputFiles({ ...jpeg!, name: 'chi-so-chot.jpg' });
	await decide.getByRole('button', { name: 'Ra quyết định' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đã có quyết định');
	const kwhVi = new Intl.NumberFormat('vi-VN').format(finalKwh);
	await expect(page.getByTestId('detail-timeline')).toContainText(`chỉ số chốt công tơ ${SERIAL}: ${kwhVi} kWh`);
	// the photo of the final reading is in the history, opened with the supervisor's token
	await expect(page.getByTestId('final-reading-photo').getByTestId('photo-thumb')).toHaveCount(1);

	await steps.getByRole('button', { name: 'Gửi thông báo kết quả cho khách hàng' }).click();
	// the approval drafted the termination record: the customer is sent it to sign
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Chờ khách hàng ký');
	await expect(page.getByTestId('detail-paperwork-document')).toHaveText('Biên bản chấm dứt hợp đồng mua bán điện (phiên bản 1) đã lập, chờ khách hàng ký trên cổng khách hàng');

	// the reading is on the meter's register, the utility's, with its photo
	const after = await meterAsSupervisor(request, SERIAL);
	expect(after!.readings.some((r) => r.kwh === finalKwh && r.source === 'utility' && r.photo !== null)).toBe(true);
	// texted (the customer gave no email); an SMS may go without diacritics
	const sms = (await outboxMessages(request, { requestId: id })).find((m) => m.kind === 'decision' && m.channel === 'sms');
	expect(sms, 'the decision is texted').toBeDefined();
	expect(plain(sms!.body)).toContain(plain('Hợp đồng mua bán điện đã được chấm dứt'));
	expect(plain(sms!.body)).toContain(plain(`chỉ số chốt công tơ ${SERIAL}: ${kwhVi} kWh`));

	// the customer reads it on their request's page
	await signInAsCustomer(page, request, owner.customer.phone);
	await page.goto(`/khach-hang/yeu-cau/${id}`);
	await expect(page.getByTestId('customer-detail-document')).toHaveText('Chấm dứt hợp đồng mua bán điện, có chỉ số chốt công tơ');
	await expect(page.getByTestId('customer-notice').filter({ hasText: 'Hợp đồng mua bán điện đã được chấm dứt' }).first()).toContainText(`${kwhVi} kWh`);
});
