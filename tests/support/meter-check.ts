// A meter check (service 41) as a supervisor's dispatch leaves it for the crew: the customer's meter read 1000 and
// 1100 kWh twenty and ten days ago (10 kWh a day), the check taken in on the phone and dispatched, the customer's
// confirmation code texted. Shared by the meter-check and set-based push tests.
import { expect } from 'vitest';
import type { MeterCheckInput } from '../../src/lib/domain/commands';
import type { TestContext } from './factories';

const DAY = 24 * 3_600_000;

export const METER_CHECK_SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Đỗ Thị Mai'
};

/** The confirmation code of the request's first meter-check text. */
export async function meterCheckCode(t: TestContext, requestId: string): Promise<string> {
	const outbox = await t.outbox(requestId);
	const sms = outbox.body.messages.filter((m: { kind: string; channel: string }) => m.kind === 'meter_check_code' && m.channel === 'sms');
	return /: (\d{6})\./.exec(sms[0].body)![1]!;
}

/** The meter `serial` of a new customer (Đỗ Thị Mai unless `customer` says), its check taken in by `supervisor` and dispatched to `crewId`. */
export async function meterCheckReady(
	t: TestContext,
	input: { supervisor: string; unitId: string; crewId: string; serial?: string; customer?: { fullName: string; phone: string; email: string | null } }
) {
	const serial = input.serial ?? 'CT-KT-0001';
	const customer = await t.makeCustomer(input.customer ?? { fullName: 'Đỗ Thị Mai', phone: '0987654321', email: 'mai@example.vn' });
	await t.makeMeter({ serial, unitId: input.unitId, customerId: customer.id }, [
		{ kwh: 1000, at: new Date(t.now().getTime() - 20 * DAY) },
		{ kwh: 1100, at: new Date(t.now().getTime() - 10 * DAY) }
	]);
	const created = await t.call('POST', '/api/requests', {
		token: input.supervisor,
		body: { serviceNumber: 41, meterSerial: serial, customer: { name: 'Người gọi', phone: '0911111111' }, address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm, Hà Nội' }
	});
	expect(created.status).toBe(201);
	const dispatched = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: input.supervisor, body: { crewId: input.crewId, scheduledAt: '2026-11-23T08:00:00Z' } });
	expect(dispatched.status).toBe(200);
	const code = await meterCheckCode(t, created.body.id);
	return { requestId: created.body.id as string, jobId: dispatched.body.jobId as string, serial, code, customer };
}

/** An accurate meter read 1200 kWh (10 kWh a day since the last reading: usual), the reading's photo given. */
export function meterCheckPayload(code: string, readingPhoto: string, overrides: Partial<MeterCheckInput> = {}): MeterCheckInput {
	return {
		meterSerial: 'CT-KT-0001',
		readingKwh: 1200,
		readingPhoto,
		sealIntact: true,
		result: 'accurate',
		errorPercent: 0.4,
		action: 'none',
		notes: 'Khách hàng chứng kiến',
		location: { lat: 21.03, lng: 105.85, accuracyM: 6 },
		code,
		signature: METER_CHECK_SIGNATURE,
		...overrides
	};
}
