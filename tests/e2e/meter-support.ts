// Helpers of the crew-side meter check e2e (issue 6): a supervisor takes in and dispatches a meter check through
// the API, reads the confirmation code the customer was texted, and looks the meter up in the register.
import { expect, type APIRequestContext } from '@playwright/test';
import { authOf, outboxMessages } from './support';

export interface DispatchedMeterCheck {
	requestId: string;
	requestCode: string;
	jobId: string;
	/** The 6-digit code the customer got by SMS to acknowledge the result. */
	code: string;
}

export interface MeterRegisterEntry {
	meter: { serial: string; phases: 1 | 3; type: 'mechanical' | 'electronic'; registerDigits: number; removedAt: string | null };
	customer: { name: string };
	readings: Array<{ kwh: number; at: string; source: 'utility' | 'crew' | 'customer'; abnormal: boolean; photo: string | null }>;
}

/** A phone number no other test uses (a customer is found again by phone). */
export function uniquePhone(): string {
	return `09${String(Date.now() % 100_000_000).padStart(8, '0')}`;
}

/** As a supervisor: takes in a meter check (service 41) of `meterSerial`, dispatches it to `crewId`, reads the customer's code. */
export async function dispatchMeterCheck(
	request: APIRequestContext,
	options: { meterSerial: string; customerName: string; crewId?: string; scheduledAt?: string }
): Promise<DispatchedMeterCheck> {
	const supervisor = await authOf(request, 'giamsat');
	const created = await request.post('/api/requests', {
		headers: supervisor,
		data: {
			serviceNumber: 41,
			meterSerial: options.meterSerial,
			customer: { name: options.customerName, phone: uniquePhone(), email: 'khachhang.e2e@example.vn' },
			address: 'Số 8 Hàng Bài, Hoàn Kiếm, Hà Nội',
			location: null
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	const { id, code: requestCode } = (await created.json()) as { id: string; code: string };
	const dispatched = await request.post(`/api/requests/${encodeURIComponent(id)}/dispatch`, {
		headers: supervisor,
		data: { crewId: options.crewId ?? 'doi1', scheduledAt: options.scheduledAt ?? new Date(Date.now() + 3_600_000).toISOString() }
	});
	expect(dispatched.ok(), await dispatched.text()).toBe(true);
	const { jobId } = (await dispatched.json()) as { jobId: string };

	const messages = await outboxMessages(request, { requestId: id });
	const sms = messages.find((m) => m.kind === 'meter_check_code' && m.channel === 'sms');
	const code = /: (\d{6})\./.exec(sms?.body ?? '')?.[1];
	expect(code, `the customer was texted the confirmation code: ${JSON.stringify(messages)}`).toBeDefined();
	return { requestId: id, requestCode, jobId, code: code! };
}

/** The meter register entry as a supervisor reads it (GET /api/meters/:serial); null when the register has no such meter. */
export async function meterAsSupervisor(request: APIRequestContext, serial: string): Promise<MeterRegisterEntry | null> {
	const res = await request.get(`/api/meters/${encodeURIComponent(serial)}`, { headers: await authOf(request, 'giamsat') });
	if (res.status() === 404) return null;
	expect(res.ok(), await res.text()).toBe(true);
	return (await res.json()) as MeterRegisterEntry;
}

export interface SupervisorMeterCheckView {
	state: string;
	meter: { serial: string; removedAt: string | null } | null;
	meterCheck: {
		meterSerial: string;
		readingKwh: number;
		readingPhoto: string;
		result: string;
		errorPercent: number | null;
		action: string;
		replacement: null | { newSerial: string; newType: string; newPhases: number; newRegisterDigits: number; newReadingKwh: number; newPhoto: string; oldFinalKwh: number; oldFinalPhoto: string };
		abnormal: boolean;
		abnormalConfirmPhoto: string | null;
		abnormalReason: string | null;
		signerName: string;
		location: { lat: number; lng: number } | null;
	} | null;
}

/** The supervisors' request detail (GET /api/requests/:id) with the meter and the check result. */
export async function meterCheckAsSupervisor(request: APIRequestContext, requestId: string): Promise<SupervisorMeterCheckView> {
	const res = await request.get(`/api/requests/${encodeURIComponent(requestId)}`, { headers: await authOf(request, 'giamsat') });
	expect(res.ok(), await res.text()).toBe(true);
	return (await res.json()) as SupervisorMeterCheckView;
}

/** A code with one digit changed: the check digit catches it offline. */
export function mistyped(code: string): string {
	return code.slice(0, 4) + String((Number(code[4]) + 1) % 10) + code[5];
}
