// Issue 9 §4: the demo outbox (every SMS and email, signing codes included) is read only by a signed-in supervisor
// or admin, and the console shows it as "Tin đã gửi" in demo mode, so a demo needs no curl.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { uniquePhone } from './meter-support';
import { authOf, logInToConsole, outboxMessages } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

/** Through the API: a new request (service 2, with an email) whose survey is dispatched to Tổ 1 tomorrow at 08:30. */
async function dispatchSurveyWithEmail(request: APIRequestContext, customer: { name: string; phone: string; email: string }) {
	const supervisor = await authOf(request, 'giamsat');
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: { serviceNumber: 2, customer, address: 'Số 5 Lý Thái Tổ, Hoàn Kiếm, Hà Nội', location: null }
	});
	expect(created.status(), await created.text()).toBe(201);
	const { id, code } = (await created.json()) as { id: string; code: string };
	const tomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);
	const dispatched = await request.post(`/api/requests/${encodeURIComponent(id)}/dispatch`, {
		headers: supervisor,
		data: { crewId: 'doi1', scheduledAt: `${tomorrow}T08:30:00+07:00` }
	});
	expect(dispatched.ok(), await dispatched.text()).toBe(true);
	return { id, code };
}

/** 'dd/mm/yyyy HH:mm' → a sortable 'yyyymmddHHmm'. */
function sortable(shown: string): string {
	const [, d, m, y, hh, mm] = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(shown.trim()) ?? [];
	expect(y, `a time written dd/mm/yyyy HH:mm: ${shown}`).toBeDefined();
	return `${y}${m}${d}${hh}${mm}`;
}

test('the demo outbox answers only a signed-in supervisor or admin', async ({ request }) => {
	const anonymous = await request.get('/api/dev/outbox');
	expect(anonymous.status()).toBe(401);
	expect(await anonymous.text()).not.toContain('EVN:');
	const crew = await request.get('/api/dev/outbox', { headers: await authOf(request, 'doi1.an') });
	expect(crew.status()).toBe(403);
	expect(await crew.text()).not.toContain('EVN:');
	const admin = await request.get('/api/dev/outbox', { headers: await authOf(request, 'admin') });
	expect(admin.status()).toBe(200);
});

test("a supervisor reads the customer's SMS and email on 'Tin đã gửi', arriving live, by request code and name", async ({ page, request }) => {
	const phone = uniquePhone();
	const customer = { name: `Trịnh Minh Châu ${phone.slice(-4)}`, phone, email: `chau.${phone.slice(-6)}@example.vn` };
	await logInToConsole(page);

	await page.getByRole('link', { name: 'Tin đã gửi' }).click();
	await expect(page).toHaveURL(/\/console\/outbox$/);
	await expect(page.getByRole('heading', { name: 'Tin đã gửi' })).toBeVisible();
	await expect(page.getByTestId('outbox-message').first()).toBeVisible();
	await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

	// newest first across the whole list
	const times = (await page.getByTestId('outbox-time').allTextContents()).map(sortable);
	expect(times).toEqual([...times].sort().reverse());

	// search by the phone first, then the survey is dispatched: its messages arrive without a reload
	await page.getByLabel('Tìm theo mã yêu cầu, số điện thoại, email hoặc tên khách hàng').fill(phone);
	await expect(page.getByText(`Không có tin nào khớp với “${phone}”.`)).toBeVisible();
	const { id, code } = await dispatchSurveyWithEmail(request, customer);
	const sms = page.getByTestId('outbox-message').filter({ has: page.getByTestId('outbox-channel').getByText('SMS', { exact: true }) });
	await expect(sms).toHaveCount(1);
	await expect(sms.getByTestId('outbox-recipient')).toHaveText(phone);
	await expect(sms.getByTestId('outbox-request')).toHaveText(`${code} — ${customer.name}`);
	await expect(sms.getByTestId('outbox-body')).toContainText(`Yeu cau ${code}`);
	await expect(sms.getByTestId('outbox-body')).toContainText('08:30');
	await expect(sms.getByTestId('outbox-status')).toHaveText(/^(chờ gửi|đã gửi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2})$/);
	// what the message is, in words (never the internal kind)
	await expect(sms.getByTestId('outbox-kind')).toHaveText('Tin hẹn khảo sát');
	await expect(page.getByTestId('outbox-message')).toHaveCount(1);

	// by the request code: the email too, with its Vietnamese subject and full text; never the internal id
	await page.getByLabel('Tìm theo mã yêu cầu, số điện thoại, email hoặc tên khách hàng').fill(code);
	await expect(page.getByTestId('outbox-message')).toHaveCount(2);
	const email = page.getByTestId('outbox-message').filter({ has: page.getByTestId('outbox-channel').getByText('Email', { exact: true }) });
	await expect(email.getByTestId('outbox-recipient')).toHaveText(customer.email);
	await expect(email.getByTestId('outbox-subject')).toHaveText(`Lịch khảo sát hiện trường — yêu cầu ${code}`);
	await expect(email.getByTestId('outbox-body')).toContainText(`Kính gửi ${customer.name}`);
	await expect(email.getByTestId('outbox-body')).toContainText('Quý khách vui lòng có mặt hoặc báo người nhà.');
	await expect(page.getByTestId('outbox-list')).not.toContainText(id);
	await expect(page.getByTestId('outbox-list')).not.toContainText('survey_scheduled');

	// the request code opens the request
	await email.getByRole('link', { name: `Mở yêu cầu ${code}` }).click();
	await expect(page).toHaveURL(new RegExp(`/console/requests/${id}$`));
	await expect(page.getByTestId('detail-notifications')).toContainText(phone);
	await expect(page.getByTestId('detail-notifications')).toContainText('Tin hẹn khảo sát');
});

test("a demo signing code is readable on 'Tin đã gửi', in Vietnamese or English, at 1280 and 1920 px", async ({ page, request }) => {
	const seeded = (await outboxMessages(request)).find((m) => m.kind === 'contract_code' && m.channel === 'sms');
	expect(seeded, 'the demo seed texted a signing code').toBeDefined();
	expect(seeded!.requestCode, 'the outbox names the request by its code').toMatch(/^YC-\d{4}-\d{5}$/);
	const signingCode = /: (\d{6})\./.exec(seeded!.body)?.[1];
	expect(signingCode).toBeDefined();

	await logInToConsole(page);
	await page.goto('/console/outbox');
	await page.getByLabel('Tìm theo mã yêu cầu, số điện thoại, email hoặc tên khách hàng').fill(seeded!.requestCode!);
	const codeSms = page
		.getByTestId('outbox-message')
		.filter({ has: page.getByTestId('outbox-channel').getByText('SMS', { exact: true }) })
		.filter({ has: page.getByTestId('outbox-body').getByText(signingCode!) });
	await expect(codeSms).toHaveCount(1);
	await expect(codeSms.getByTestId('outbox-request')).toHaveText(`${seeded!.requestCode} — ${seeded!.customerName}`);
	await expect(codeSms.getByTestId('outbox-channel')).toHaveText('SMS');

	for (const width of [1280, 1920]) {
		await page.setViewportSize({ width, height: 900 });
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow, `nothing is cut off at ${width} px`).toBeLessThanOrEqual(0);
		for (const target of [page.getByTestId('console-nav-outbox'), page.getByTestId('outbox-refresh'), page.getByTestId('outbox-search')]) {
			expect((await target.boundingBox())!.height, `touch target at ${width} px`).toBeGreaterThanOrEqual(48);
		}
	}

	await page.getByTestId('outbox-refresh').click();
	await expect(codeSms).toHaveCount(1);

	await page.getByTestId('language-switch').click();
	await expect(page.getByRole('heading', { name: 'Messages sent' })).toBeVisible();
	await expect(page.getByTestId('console-nav-outbox')).toHaveText('Messages sent');
	await expect(codeSms.getByTestId('outbox-status')).toHaveText(/^(waiting to be sent|sent at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2})$/);
	await page.getByTestId('language-switch').click();
	await expect(page.getByRole('heading', { name: 'Tin đã gửi' })).toBeVisible();
});
