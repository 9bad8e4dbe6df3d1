// Issue 12 §3: a reading complaint (service 75) is answered by checking the meter. From the console the supervisor
// turns the complaint into a meter check (service 41) of the meter it is about (typed: a counter complaint names none); the customer is texted both codes; the
// check lands on the board for the same customer and meter, ready to dispatch; the complaint then closes. The meter
// HN-CT-0013 is this spec's alone (demo seed), since a meter with an open check refuses a second one.
import { expect, test } from '@playwright/test';
import { meterAsSupervisor, type MeterRegisterEntry } from './meter-support';
import { authOf, logInToConsole, outboxMessages, plain } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

const SERIAL = 'HN-CT-0013';
test('a reading complaint is answered by a meter check: opened from the console, texted to the customer, on the board; the complaint closes', async ({ page, request }) => {
	const supervisor = await authOf(request, 'giamsat');
	const meter = (await meterAsSupervisor(request, SERIAL)) as (MeterRegisterEntry & { customer: { name: string; phone: string } }) | null;
	if (!meter) throw new Error(`the demo register has no meter ${SERIAL}`);
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: { serviceNumber: 75, customer: { name: meter.customer.name, phone: meter.customer.phone, email: null }, address: 'Số 15 Hàng Bài, Hoàn Kiếm, Hà Nội', location: null }
	});
	expect(created.status(), await created.text()).toBe(201);
	const complaint = (await created.json()) as { id: string; code: string };

	await logInToConsole(page);
	await page.goto(`/console/requests/${complaint.id}`);
	const steps = page.getByTestId('process-steps');
	await expect(steps).toContainText('Quy trình: Trả lời kiến nghị chỉ số hoặc kiểm tra công tơ');
	await steps.getByRole('button', { name: 'Bắt đầu xác minh' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Đang xác minh');

	// a complaint taken in at the counter names no meter: the supervisor is told so in words, then types it
	const order = page.getByTestId('step-orderMeterCheck');
	const meterField = order.getByLabel('Số công tơ cần kiểm tra (để trống: công tơ của kiến nghị)');
	await order.getByRole('button', { name: 'Chuyển sang kiểm tra công tơ' }).click();
	await expect(page.getByTestId('step-error')).toContainText('chưa gắn với công tơ nào');
	await meterField.fill(SERIAL);
	await order.getByRole('button', { name: 'Chuyển sang kiểm tra công tơ' }).click();
	const done = page.getByTestId('step-ok');
	await expect(done).toContainText('Trạng thái: Đã trả lời khách hàng');
	await expect(done).toContainText(/Đã mở yêu cầu kiểm tra công tơ YC-\d{4}-\d{5}/);
	const checkCode = /Đã mở yêu cầu kiểm tra công tơ (YC-\d{4}-\d{5})/.exec((await done.textContent()) ?? '')![1]!;
	// the history says it in words, with the check's code and the meter
	await expect(page.getByText(`Mở yêu cầu kiểm tra công tơ ${checkCode} cho công tơ ${SERIAL}; khách hàng đã được báo`)).toBeVisible();

	// the customer is texted both codes and the meter
	const sms = (await outboxMessages(request, { requestId: complaint.id })).find((m) => m.kind === 'meter_check_ordered' && m.channel === 'sms');
	expect(sms, 'the customer is texted the meter check').toBeDefined();
	expect(plain(sms!.body)).toContain(complaint.code);
	expect(sms!.body).toContain(checkCode);
	expect(sms!.body).toContain(SERIAL);

	// the check is on the board: the same customer, service 41, waiting to be dispatched
	await page.goto('/console');
	const search = page.getByLabel('Tìm theo mã, tên hoặc số điện thoại khách hàng');
	await search.fill(checkCode);
	await search.press('Enter');
	const row = page.getByTestId('board-row');
	await expect(row).toHaveCount(1);
	await expect(row).toHaveAttribute('data-code', checkCode);
	await expect(row).toContainText(meter.customer.name);
	await expect(row).toContainText('41.');
	await expect(row.getByTestId('board-state')).toHaveText('Đã tiếp nhận');
	await row.getByRole('link', { name: new RegExp(checkCode) }).click();
	await expect(page.getByText(SERIAL).first()).toBeVisible();
	await expect(page.getByTestId('dispatch-form')).toBeVisible();

	// the complaint closes
	await page.goto(`/console/requests/${complaint.id}`);
	await page.getByTestId('process-steps').getByRole('button', { name: 'Đóng yêu cầu' }).click();
	await expect(page.getByTestId('step-ok')).toContainText('Trạng thái: Hoàn tất');
});
