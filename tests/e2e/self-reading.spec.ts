// Issue 6 §3 (seed 004) end to end: on the reading day the utility texts the customer a link; on a phone, with no
// account, the customer photographs the meter and sends their own reading. A reading that differs from the
// utility's of the same day opens a complaint (service 75, 1 working day) on the supervisors' board; a matching one
// is simply accepted; a reading below the last one is refused on the phone before anything is sent.
//
// Uses only the demo meters HN-CT-0011 and HN-CT-0012. The tests of HN-CT-0012 run in file order (one worker):
// the refusal first, while the meter's last reading is the seed's, then the matching reading of today.
import { expect, test, type APIRequestContext, type Page, type Request } from '@playwright/test';
import { getService } from '../../src/lib/domain/catalog';
import { computeDeadline } from '../../src/lib/domain/sla';
import { authOf, makeJpegs, outboxMessages, requestAsSupervisor, vietnamDate } from './support';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

interface MeterRecord {
	meter: { serial: string; type: string; registerDigits: number };
	customer: { id: string; name: string; phone: string };
	readings: Array<{ kwh: number; at: string; source: string }>;
}

async function meterOf(request: APIRequestContext, serial: string): Promise<MeterRecord> {
	const res = await request.get(`/api/meters/${serial}`, { headers: await authOf(request, 'giamsat') });
	expect(res.ok(), await res.text()).toBe(true);
	return (await res.json()) as MeterRecord;
}

/** The utility's own reading of today, as the reader's handheld would record it. */
async function utilityReadsToday(request: APIRequestContext, serial: string, kwh: number) {
	const res = await request.post(`/api/meters/${serial}/readings`, { headers: await authOf(request, 'giamsat'), data: { kwh } });
	expect(res.status(), await res.text()).toBe(201);
	expect(((await res.json()) as { complaint: unknown }).complaint, 'no customer reading yet: nothing to compare').toBeNull();
}

async function linkPaths(request: APIRequestContext, serial: string): Promise<string[]> {
	// a reading-day link is about no request: only an admin's outbox lists it
	return (await outboxMessages(request, { reader: 'admin' }))
		.filter((m) => m.kind === 'self_reading_link' && m.channel === 'sms' && m.body.includes(serial))
		.map((m) => {
			expect(m.requestId, 'a reading link belongs to no request').toBeNull();
			return /\/self-reading\/[A-Za-z0-9_-]+/.exec(m.body)?.[0] ?? '';
		});
}

/** The supervisor sends today's reading link; the path the customer got by SMS (read from the demo outbox). */
async function sendReadingLink(request: APIRequestContext, serial: string): Promise<string> {
	const before = new Set(await linkPaths(request, serial));
	const res = await request.post(`/api/meters/${serial}/reading-links`, { headers: await authOf(request, 'giamsat'), data: { readingDate: vietnamDate() } });
	expect(res.status(), await res.text()).toBe(201);
	const fresh = (await linkPaths(request, serial)).filter((p) => p && !before.has(p));
	expect(fresh, 'the customer was texted one new link').toHaveLength(1);
	return fresh[0]!;
}

/** Every write the page sends to the self-reading API (photo uploads and readings). */
function recordWrites(page: Page): Request[] {
	const writes: Request[] = [];
	page.on('request', (r) => {
		if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/self-reading/')) writes.push(r);
	});
	return writes;
}

async function takePhoto(page: Page) {
	const [jpeg] = await makeJpegs(page, 1, 1600, 1200);
	await page.getByTestId('self-reading-photo-input').setInputFiles(jpeg!);
	await expect(page.getByTestId('self-reading-photo-preview')).toBeVisible();
	await expect(page.getByTestId('self-reading-photo-ready')).toBeVisible();
}

async function expectMeterShown(page: Page, meter: MeterRecord) {
	await expect(page.getByTestId('self-reading-serial')).toHaveText(meter.meter.serial);
	await expect(page.getByTestId('self-reading-customer')).toHaveText(meter.customer.name);
	const [y, m, d] = vietnamDate().split('-');
	await expect(page.getByTestId('self-reading-date')).toHaveText(`${d}/${m}/${y}`);
	await expect(page.getByTestId('self-reading-type')).toContainText(meter.meter.type === 'mechanical' ? 'Cơ' : 'Điện tử');
	await expect(page.getByTestId('self-reading-type')).toContainText(`${meter.meter.registerDigits} chữ số`);
}

/** Touch targets of the form are at least 48 px high and nothing is wider than the phone. */
async function expectPhoneFriendly(page: Page) {
	for (const id of ['self-reading-send', 'self-reading-kwh', 'self-reading-language-switch']) {
		const box = await page.getByTestId(id).boundingBox();
		expect(box, id).not.toBeNull();
		expect(box!.height, id).toBeGreaterThanOrEqual(48);
	}
	const take = await page.locator('label[for="self-reading-photo"]').boundingBox();
	expect(take!.height).toBeGreaterThanOrEqual(48);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

const vi = (kwh: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(kwh);

test('a reading 5 kWh off the utility’s opens a complaint the customer is told about, on the board with a 1-working-day deadline', async ({ page, request }) => {
	const serial = 'HN-CT-0011';
	const meter = await meterOf(request, serial);
	const last = meter.readings.at(-1)!;
	const utility = last.kwh + 150;
	await utilityReadsToday(request, serial, utility);
	const path = await sendReadingLink(request, serial);

	const writes = recordWrites(page);
	await page.goto(path);
	await expectMeterShown(page, meter);
	// the utility's reading of today is what the customer's is compared with: the page never shows it
	await expect(page.getByTestId('self-reading-meter')).not.toContainText(vi(utility));
	await expectPhoneFriendly(page);

	await takePhoto(page);
	const customerKwh = utility + 5;
	await page.getByTestId('self-reading-kwh').fill(String(customerKwh));
	await page.getByTestId('self-reading-send').click();

	const complaint = page.getByTestId('self-reading-complaint');
	await expect(complaint).toBeVisible();
	const code = (await complaint.getAttribute('data-code'))!;
	expect(code).toBeTruthy();
	await expect(complaint).toContainText(`Điện lực đã mở kiến nghị ${code}`);
	await expect(complaint).toContainText('trong 1 ngày làm việc');
	await expect(page.getByTestId('self-reading-done')).toContainText(`${vi(customerKwh)} kWh`);

	// the photo went up as raw JPEG bytes named by their hash, then the reading named that photo
	expect(writes.map((w) => w.method())).toEqual(['PUT', 'POST']);
	const photoSha = /\/photo\/([0-9a-f]{64})$/.exec(writes[0]!.url())?.[1];
	expect(photoSha).toBeDefined();
	expect(writes[0]!.headers()['content-type']).toBe('image/jpeg');
	expect(writes[1]!.postDataJSON()).toEqual({ kwh: customerKwh, photoSha256: photoSha });

	// English on request, the complaint code kept
	await page.getByTestId('self-reading-language-switch').click();
	await expect(complaint).toContainText(`The power company opened complaint ${code}`);
	await expect(complaint).toContainText('within 1 working day');
	await page.getByTestId('self-reading-language-switch').click();

	// the supervisors' board: a service-75 request, due at the end of the next working day
	const supervisor = await authOf(request, 'giamsat');
	const board = await request.get(`/api/requests?q=${encodeURIComponent(code)}`, { headers: supervisor });
	expect(board.ok(), await board.text()).toBe(true);
	const { items } = (await board.json()) as { items: Array<{ id: string; code: string; serviceNumber: number; customerName: string; receivedAt: string; deadline: string | null; workingDaysLeft: number | null; state: string }> };
	const found = items.find((i) => i.code === code);
	expect(found, JSON.stringify(items)).toBeDefined();
	expect(found!.serviceNumber).toBe(75);
	expect(getService(75).processingTime).toEqual({ kind: 'working_days', value: 1 });
	expect(found!.customerName).toBe(meter.customer.name);
	expect(found!.deadline).toBe(computeDeadline({ kind: 'working_days', value: 1 }, new Date(found!.receivedAt))!.toISOString());
	expect(found!.workingDaysLeft).toBe(1);

	// both readings and the customer's photo are on the complaint's timeline
	const detail = await requestAsSupervisor(request, found!.id);
	const dispute = detail.timeline.find((e) => e.transition === 'readingDispute')?.detail as
		| { meterSerial: string; utility: { kwh: number }; customer: { kwh: number; photo: string | null } }
		| undefined;
	expect(dispute, JSON.stringify(detail.timeline)).toBeDefined();
	expect(dispute).toMatchObject({ meterSerial: serial, utility: { kwh: utility }, customer: { kwh: customerKwh, photo: photoSha } });
});

test('a reading below the last one is refused on the phone, with the reason, before anything is sent', async ({ page, request }) => {
	const serial = 'HN-CT-0012';
	const meter = await meterOf(request, serial);
	const last = meter.readings.at(-1)!;
	const path = await sendReadingLink(request, serial);

	const writes = recordWrites(page);
	await page.goto(path);
	await expectMeterShown(page, meter);
	await expect(page.getByTestId('self-reading-last')).toContainText(`${vi(last.kwh)} kWh`);

	await takePhoto(page);
	const kwh = page.getByTestId('self-reading-kwh');
	const error = page.getByTestId('self-reading-kwh-error');
	// a short number may be on its way to a right one: said on "send" (tapped with the field still focused)
	await kwh.fill('12');
	await expect(error).toBeHidden();
	await page.getByTestId('self-reading-send').click();
	await expect(page.getByTestId('self-reading-send-error')).toHaveText('Vui lòng kiểm tra các mục được đánh dấu.');
	await expect(error).toContainText(`Chỉ số 12 kWh nhỏ hơn chỉ số lần trước (${vi(last.kwh)} kWh`);

	// as many digits as the last reading and below it: said as it is typed
	await kwh.fill(String(last.kwh - 10));
	await expect(error).toContainText(`Chỉ số ${vi(last.kwh - 10)} kWh nhỏ hơn chỉ số lần trước (${vi(last.kwh)} kWh`);
	await expect(kwh).toHaveAttribute('aria-invalid', 'true');
	await page.getByTestId('self-reading-send').click();
	await expect(error).toBeVisible();

	// more digits than the 6-digit register: refused too
	await kwh.fill('1234567');
	await expect(error).toContainText('nhiều chữ số hơn mặt số công tơ (6 chữ số)');
	await page.getByTestId('self-reading-send').click();
	await expect(error).toContainText('nhiều chữ số hơn mặt số công tơ (6 chữ số)');

	// in English
	await page.getByTestId('self-reading-language-switch').click();
	await expect(error).toContainText('more digits than the meter’s register (6 digits)');
	await page.getByTestId('self-reading-language-switch').click();

	expect(writes, 'nothing was sent').toHaveLength(0);
	await expect(page.getByTestId('self-reading-form')).toBeVisible();
	expect((await meterOf(request, serial)).readings).toHaveLength(meter.readings.length);
});

test('a reading within 1 kWh of the utility’s is accepted with no complaint, after a network drop; the link then says it was used', async ({ page, request, context }) => {
	const serial = 'HN-CT-0012';
	const meter = await meterOf(request, serial);
	const utility = meter.readings.at(-1)!.kwh + 150;
	await utilityReadsToday(request, serial, utility);
	const path = await sendReadingLink(request, serial);

	await page.goto(path);
	await expectMeterShown(page, meter);
	await takePhoto(page);
	const customerKwh = utility + 1; // the tolerance is 1 kWh: still a match
	await page.getByTestId('self-reading-kwh').fill(String(customerKwh));

	// the phone loses its connection: nothing typed is lost, and the button offers to try again
	await context.setOffline(true);
	await page.getByTestId('self-reading-send').click();
	await expect(page.getByTestId('self-reading-send-error')).toContainText('Không kết nối được máy chủ');
	await expect(page.getByTestId('self-reading-send')).toHaveText('Thử gửi lại');
	await expect(page.getByTestId('self-reading-kwh')).toHaveValue(String(customerKwh));
	await expect(page.getByTestId('self-reading-photo-preview')).toBeVisible();
	await context.setOffline(false);

	await page.getByTestId('self-reading-send').click();
	await expect(page.getByTestId('self-reading-done')).toBeVisible();
	await expect(page.getByTestId('self-reading-done')).toContainText(`${vi(customerKwh)} kWh`);
	await expect(page.getByTestId('self-reading-complaint')).toHaveCount(0);

	const readings = (await meterOf(request, serial)).readings;
	expect(readings.at(-1)).toMatchObject({ kwh: customerKwh, source: 'customer' });
	const board = await request.get('/api/requests?service=75&pageSize=100', { headers: await authOf(request, 'giamsat') });
	expect(board.ok(), await board.text()).toBe(true);
	const complaints = ((await board.json()) as { items: Array<{ customerName: string }> }).items;
	expect(complaints.filter((i) => i.customerName === meter.customer.name), 'no complaint for a matching reading').toHaveLength(0);
	expect((await outboxMessages(request, { reader: 'admin' })).filter((m) => m.kind === 'reading_complaint_received' && m.body.includes(serial))).toHaveLength(0);

	// opening the link again: already sent, no form
	await page.goto(path);
	await expect(page.getByTestId('self-reading-already-sent')).toContainText('Quý khách đã gửi chỉ số cho ngày ghi này');
	await expect(page.getByTestId('self-reading-form')).toHaveCount(0);
});

test('from the link, the customer asks for the meter to be checked: one service-41 request, named again when asked twice', async ({ page, request }) => {
	const serial = 'HN-CT-0011';
	const meter = await meterOf(request, serial);
	const path = await sendReadingLink(request, serial);

	await page.goto(path);
	await expectMeterShown(page, meter);
	const ask = page.getByTestId('self-reading-meter-check-ask');
	const box = await ask.boundingBox();
	expect(box!.height).toBeGreaterThanOrEqual(48);
	await ask.click();
	const done = page.getByTestId('self-reading-meter-check-done');
	await expect(done).toContainText('Điện lực đã tiếp nhận yêu cầu kiểm tra công tơ');
	const code = (await done.getAttribute('data-code'))!;
	await expect(done).toContainText(code);

	const board = await request.get(`/api/requests?q=${encodeURIComponent(code)}`, { headers: await authOf(request, 'giamsat') });
	const { items } = (await board.json()) as { items: Array<{ code: string; serviceNumber: number; customerName: string; state: string }> };
	expect(items.find((i) => i.code === code)).toMatchObject({ serviceNumber: 41, customerName: meter.customer.name, state: 'submitted' });

	// asking again (the page reopened): the request already open is named, no second one
	await page.reload();
	await page.getByTestId('self-reading-meter-check-ask').click();
	await expect(page.getByTestId('self-reading-meter-check-done')).toContainText(`đã có yêu cầu kiểm tra ${code}`);
	const again = await request.get('/api/requests?service=41&pageSize=100', { headers: await authOf(request, 'giamsat') });
	const checks = ((await again.json()) as { items: Array<{ customerName: string }> }).items.filter((i) => i.customerName === meter.customer.name);
	expect(checks).toHaveLength(1);
});

test('a link that does not exist says so, with no retry button', async ({ page }) => {
	await page.goto('/self-reading/AbCdEfGhIjKlMnOpQrStUvWx_-12');
	const error = page.getByTestId('self-reading-load-error');
	await expect(error).toHaveAttribute('data-invalid-link', 'true');
	await expect(error).toContainText('Đường dẫn không hợp lệ hoặc đã hết hạn');
	await expect(page.getByTestId('self-reading-reload')).toHaveCount(0);
});
