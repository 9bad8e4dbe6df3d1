import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeterCheckInput } from '../../src/lib/domain/commands';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, fakeJpeg, push, uploadPhoto } from '../support/field';

const DAY = 24 * 3_600_000;
const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Đỗ Thị Mai'
};

describe.each(DRIVERS)('meter register rollover on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	let crewId: string;
	let crewToken: string;
	beforeEach(async () => {
		t = await createTestContext(driver); // now: Monday 23 Nov 2026, 09:00 in Hà Nội
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
		crewId = (await t.makeCrew({ unitId })).id;
		await t.makeUser({ username: 'doi-quay-vong', crewId, unitId });
		crewToken = await t.login('doi-quay-vong');
	});
	afterEach(() => t.close());

	/** A 5-digit meter read 99 900 and 99 990 ten days apart (9 kWh a day). */
	const nearTop = (serial: string, customerId?: string) =>
		t.makeMeter({ serial, unitId, registerDigits: 5, ...(customerId ? { customerId } : {}) }, [
			{ kwh: 99_900, at: new Date(t.now().getTime() - 20 * DAY) },
			{ kwh: 99_990, at: new Date(t.now().getTime() - 10 * DAY) }
		]);

	it('accepts 99 990 → 12 on a 5-digit meter from the crew only with the second photo, as a 22 kWh rollover', async () => {
		const customer = await t.makeCustomer({ fullName: 'Đỗ Thị Mai', phone: '0987654321' });
		await nearTop('CT-QV-0001', customer.id);
		const created = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber: 41, meterSerial: 'CT-QV-0001', customer: { name: 'Đỗ Thị Mai', phone: '0987654321' }, address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm, Hà Nội' }
		});
		expect(created.status).toBe(201);
		const dispatched = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId, scheduledAt: '2026-11-23T08:00:00Z' } });
		expect(dispatched.status).toBe(200);
		const outbox = await t.outbox(created.body.id);
		const sms = outbox.body.messages.find((m: { kind: string; channel: string }) => m.kind === 'meter_check_code' && m.channel === 'sms');
		const code = /: (\d{6})\./.exec(sms.body)![1]!;
		const target = { requestId: created.body.id as string, jobId: dispatched.body.jobId as string };
		const payload = async (extra: Partial<MeterCheckInput> = {}): Promise<MeterCheckInput> => ({
			meterSerial: 'CT-QV-0001',
			readingKwh: 12,
			readingPhoto: await uploadPhoto(t, crewToken, 'mat-cong-to-quay-vong'),
			sealIntact: true,
			result: 'accurate',
			errorPercent: 0.3,
			action: 'none',
			location: { lat: 21.03, lng: 105.85, accuracyM: 6 },
			code,
			signature: SIGNATURE,
			...extra
		});
		const send = (seq: number, p: MeterCheckInput) => push(t, crewToken, 'tablet-quay-vong', [command(seq, 'recordMeterCheck', target, 2, p, { deviceTime: '2026-11-23T08:30:00+07:00' })]);

		const unconfirmed = await send(1, await payload());
		expect(unconfirmed.body.results[0]).toMatchObject({ status: 'rejected', code: 'abnormal_unconfirmed' });
		expect(unconfirmed.body.results[0].reason.vi).toContain('quay vòng');
		expect(unconfirmed.body.results[0].reason.vi).toContain('tiêu thụ 22 kWh');

		const second = await uploadPhoto(t, crewToken, 'anh-thu-hai-quay-vong');
		const confirmed = await send(2, await payload({ abnormalConfirmPhoto: second }));
		expect(confirmed.body.results[0].status).toBe('applied');
		const detail = await t.call('GET', `/api/requests/${created.body.id}`, { token: supervisor });
		expect(detail.body.meterCheck).toMatchObject({ abnormal: true, abnormalConfirmPhoto: second });
		expect(detail.body.meterCheck.abnormalReason).toContain('quay vòng');
		expect(detail.body.meter.readings.at(-1)).toMatchObject({ kwh: 12, source: 'crew', abnormal: true });
	});

	it('refuses a real decrease (50 000 → 40 000) and takes the utility’s and the customer’s rollover, flagged', async () => {
		await t.makeMeter({ serial: 'CT-QV-0002', unitId, registerDigits: 5 }, [{ kwh: 50_000, at: new Date(t.now().getTime() - 10 * DAY) }]);
		const decrease = await t.call('POST', '/api/meters/CT-QV-0002/readings', { token: supervisor, body: { kwh: 40_000 } });
		expect(decrease.status).toBe(422);
		expect(decrease.body.error.code).toBe('below_previous');
		expect(decrease.body.error.message).toContain('nhỏ hơn chỉ số lần trước');

		await nearTop('CT-QV-0003');
		const utility = await t.call('POST', '/api/meters/CT-QV-0003/readings', { token: supervisor, body: { kwh: 12 } });
		expect(utility.status).toBe(201);
		expect(utility.body).toMatchObject({ abnormal: true });

		// the customer's own reading on the reading day, from the link
		await nearTop('CT-QV-0004');
		const sent = await t.call('POST', '/api/meters/CT-QV-0004/reading-links', { token: supervisor, body: { readingDate: '2026-11-23' } });
		expect(sent.status).toBe(201);
		const outbox = await t.outbox();
		const sms = outbox.body.messages.find((m: { kind: string; channel: string; body: string }) => m.kind === 'self_reading_link' && m.channel === 'sms' && m.body.includes('CT-QV-0004'));
		const token = /\/self-reading\/([A-Za-z0-9_-]+)/.exec(sms.body)![1]!;
		const photo = fakeJpeg('tu-ghi-quay-vong');
		expect([200, 201]).toContain((await t.call('PUT', `/api/self-reading/${token}/photo/${photo.sha256}`, { bytes: photo.bytes })).status);
		const own = await t.call('POST', `/api/self-reading/${token}`, { body: { kwh: 15, photoSha256: photo.sha256 } });
		expect(own.status).toBe(201);
		const register = await t.call('GET', '/api/meters/CT-QV-0004', { token: supervisor });
		expect(register.body.readings.at(-1)).toMatchObject({ kwh: 15, source: 'customer', abnormal: true });
	});
});
