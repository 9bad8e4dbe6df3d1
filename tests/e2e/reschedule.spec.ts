// Issue 12 §2: a supervisor reschedules a survey from the request page; the customer is texted the new time
// (day/month/year), which the demo outbox page shows.
import { expect, test } from '@playwright/test';
import { uniquePhone } from './meter-support';
import { authOf, logInToConsole } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

test('a reschedule the customer is texted, shown on the demo outbox page', async ({ page, request }) => {
	const phone = uniquePhone();
	const supervisor = await authOf(request, 'giamsat');
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: { serviceNumber: 2, customer: { name: `Đỗ Văn Lịch ${phone.slice(-4)}`, phone, email: null }, address: 'Số 8 Tràng Thi, Hoàn Kiếm, Hà Nội', location: null }
	});
	const { id, code } = (await created.json()) as { id: string; code: string };
	const tomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);
	expect((await request.post(`/api/requests/${id}/dispatch`, { headers: supervisor, data: { crewId: 'doi1', scheduledAt: `${tomorrow}T08:30:00+07:00` } })).ok()).toBe(true);
	const later = new Date(Date.now() + 3 * 24 * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 10);
	const [y, mo, d] = later.split('-');

	await logInToConsole(page);
	await page.goto(`/console/requests/${id}`);
	const form = page.getByTestId('reschedule-form');
	await form.getByLabel('Thời điểm mới').fill(`${later}T14:00`);
	await form.getByRole('button', { name: 'Đổi lịch và nhắn khách hàng' }).click();
	await expect(page.getByTestId('operation-result')).toContainText(`14:00`);

	await page.getByRole('link', { name: 'Tin đã gửi' }).click();
	await page.getByLabel('Tìm theo mã yêu cầu, số điện thoại, email hoặc tên khách hàng').fill(code);
	const moved = page.getByTestId('outbox-message').filter({ hasText: 'doi sang' });
	await expect(moved).toHaveCount(1);
	await expect(moved.getByTestId('outbox-body')).toContainText(`14:00 ngay ${d}/${mo}/${y}`);
});
