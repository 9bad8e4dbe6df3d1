import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { fakeJpeg } from '../support/field';

const DAY = 24 * 3_600_000;

describe.each(DRIVERS)('meter readings and self-reading on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	beforeEach(async () => {
		t = await createTestContext(driver); // now: Monday 23 Nov 2026, 09:00 in Hà Nội
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	/** Ten days of 10 kWh a day before today. */
	const meterWithHistory = () =>
		t.makeMeter({ unitId }, [
			{ kwh: 1000, at: new Date(t.now().getTime() - 20 * DAY) },
			{ kwh: 1100, at: new Date(t.now().getTime() - 10 * DAY) }
		]);

	const reading = (serial: string, kwh: number) => t.call('POST', `/api/meters/${serial}/readings`, { token: supervisor, body: { kwh } });

	it('refuses a reading below the last one, flags an abnormal one, and keeps both facts on the register', async () => {
		const meter = await meterWithHistory();
		const below = await reading(meter.serial, 1050);
		expect(below.status).toBe(422);
		expect(below.body.error.message).toContain('nhỏ hơn chỉ số lần trước');
		const tooLong = await reading(meter.serial, 123456);
		expect(tooLong.body.error.code).toBe('too_many_digits');

		// 10 days at 10 kWh/day would be 100; 400 is 4× the usual use
		const abnormal = await reading(meter.serial, 1500);
		expect(abnormal.status).toBe(201);
		expect(abnormal.body).toEqual({ abnormal: true, complaint: null });
		const register = await t.call('GET', `/api/meters/${meter.serial}`, { token: supervisor });
		expect(register.body.readings.map((r: { kwh: number; abnormal: boolean }) => [r.kwh, r.abnormal])).toEqual([
			[1000, false],
			[1100, false],
			[1500, true]
		]);
	});

	async function customerLink(serial: string) {
		const sent = await t.call('POST', `/api/meters/${serial}/reading-links`, { token: supervisor, body: { readingDate: '2026-11-23' } });
		expect(sent.status).toBe(201);
		const outbox = await t.outbox();
		const sms = outbox.body.messages.find((m: { kind: string; channel: string; body: string }) => m.kind === 'self_reading_link' && m.channel === 'sms' && m.body.includes(serial));
		return /\/self-reading\/([A-Za-z0-9_-]+)/.exec(sms.body)![1]!;
	}

	async function sendOwnReading(token: string, kwh: number) {
		const photo = fakeJpeg(`tu-ghi-${kwh}`);
		expect([200, 201]).toContain((await t.call('PUT', `/api/self-reading/${token}/photo/${photo.sha256}`, { bytes: photo.bytes })).status);
		return t.call('POST', `/api/self-reading/${token}`, { body: { kwh, photoSha256: photo.sha256 } });
	}

	it('opens a service-75 complaint, due in one working day, when the customer’s reading differs from the utility’s', async () => {
		const meter = await meterWithHistory();
		expect((await reading(meter.serial, 1200)).status).toBe(201);
		const token = await customerLink(meter.serial);
		const page = await t.call('GET', `/api/self-reading/${token}`);
		// the last reading before the reading day, not the utility's reading of the day the customer may dispute
		expect(page.body).toMatchObject({ meter: { serial: meter.serial, registerDigits: 5 }, readingDate: '2026-11-23', lastReading: { kwh: 1100 }, submitted: false });

		const sent = await sendOwnReading(token, 1195);
		expect(sent.status).toBe(201);
		expect(sent.body.complaint.code).toMatch(/^YC-2026-\d{5}$/);
		const board = await t.call('GET', '/api/requests?service=75', { token: supervisor });
		expect(board.body.items).toHaveLength(1);
		// received Monday 23 Nov: the end of the next working day, Tuesday 24 Nov, in Hà Nội
		expect(board.body.items[0]).toMatchObject({ code: sent.body.complaint.code, serviceNumber: 75, state: 'submitted', deadline: '2026-11-24T16:59:59.999Z' });
		const detail = await t.call('GET', `/api/requests/${board.body.items[0].id}`, { token: supervisor });
		const dispute = detail.body.timeline.find((e: { transition: string }) => e.transition === 'readingDispute');
		expect(dispute.detail).toMatchObject({ meterSerial: meter.serial, utility: { kwh: 1200 }, customer: { kwh: 1195 }, differenceKwh: -5 });
		expect(dispute.detail.customer.photo).toMatch(/^[0-9a-f]{64}$/);

		expect((await sendOwnReading(token, 1195)).status).toBe(409);
	});

	it('opens no complaint within the tolerance, and only one when the utility reads after the customer', async () => {
		const close = await meterWithHistory();
		await reading(close.serial, 1200);
		const near = await sendOwnReading(await customerLink(close.serial), 1200.5);
		expect(near.body, JSON.stringify(near.body)).toMatchObject({ ok: true, complaint: null });

		const later = await meterWithHistory();
		expect((await sendOwnReading(await customerLink(later.serial), 1180)).body.complaint).toBeNull();
		t.setNow(new Date(t.now().getTime() + 2 * 3_600_000));
		supervisor = await t.login('giamsat');
		const first = await reading(later.serial, 1190);
		expect(first.body.complaint.code).toMatch(/^YC-/);
		const second = await reading(later.serial, 1191);
		expect(second.body.complaint).toBeNull();
		expect((await t.call('GET', '/api/requests?service=75', { token: supervisor })).body.total).toBe(1);
	});

	it('lets the customer ask for a meter check from the link: one open check per meter, then dispatched like any request', async () => {
		const meter = await meterWithHistory();
		const token = await customerLink(meter.serial);
		const asked = await t.call('POST', `/api/self-reading/${token}/meter-check`);
		expect(asked.status).toBe(201);
		expect(asked.body.code).toMatch(/^YC-2026-\d{5}$/);
		const again = await t.call('POST', `/api/self-reading/${token}/meter-check`);
		expect(again.status).toBe(200);
		expect(again.body.code).toBe(asked.body.code);

		const board = await t.call('GET', '/api/requests?service=41', { token: supervisor });
		expect(board.body.items).toHaveLength(1);
		const detail = await t.call('GET', `/api/requests/${board.body.items[0].id}`, { token: supervisor });
		expect(detail.body).toMatchObject({ code: asked.body.code, state: 'submitted', meter: { serial: meter.serial }, meterCheck: null });
		expect(detail.body.timeline[0]).toMatchObject({ transition: 'submit', actorRole: 'customer' });
		const crewId = (await t.makeCrew({ unitId })).id;
		const dispatched = await t.call('POST', `/api/requests/${board.body.items[0].id}/dispatch`, { token: supervisor, body: { crewId, scheduledAt: '2026-11-24T02:00:00Z' } });
		expect(dispatched.status).toBe(200);
		const notices = (await t.outbox(board.body.items[0].id)).body.messages.map((m: { kind: string }) => m.kind);
		expect(notices).toContain('meter_check_received');
		expect(notices).toContain('meter_check_code');
	});

	it('refuses an unknown link and keeps crews out of the register', async () => {
		expect((await t.call('GET', `/api/self-reading/${'a'.repeat(32)}`)).status).toBe(404);
		const meter = await meterWithHistory();
		await t.makeUser({ username: 'doi-ct' });
		const crew = await t.login('doi-ct');
		expect((await t.call('POST', `/api/meters/${meter.serial}/readings`, { token: crew, body: { kwh: 1200 } })).status).toBe(403);
	});
});
