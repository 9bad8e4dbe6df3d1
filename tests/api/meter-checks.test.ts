import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeterCheckInput } from '../../src/lib/domain/commands';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, push, uploadPhoto } from '../support/field';
import { pdfText } from '../support/pdf-text';
import { meterCheckPayload, meterCheckReady } from '../support/meter-check';

const DAY = 24 * 3_600_000;
const DEVICE = 'tablet-kiem-tra-1';

describe.each(DRIVERS)('meter checks on %s', (driver) => {
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
		await t.makeUser({ username: 'doi-kiem-tra', crewId, unitId });
		crewToken = await t.login('doi-kiem-tra');
	});
	afterEach(() => t.close());

	/** A meter read 1000 and 1100 kWh ten days apart (10 kWh a day), its check taken in and dispatched to the crew. */
	const dispatchedCheck = (serial = 'CT-KT-0001', toCrew = crewId) => meterCheckReady(t, { supervisor, unitId, crewId: toCrew, serial });

	const checkPayload = async (code: string, overrides: Partial<MeterCheckInput> = {}): Promise<MeterCheckInput> =>
		meterCheckPayload(code, await uploadPhoto(t, crewToken, 'mat-cong-to'), overrides);

	const pushCheck = (target: { requestId: string; jobId: string }, seq: number, payload: MeterCheckInput) =>
		push(t, crewToken, DEVICE, [command(seq, 'recordMeterCheck', target, 2, payload, { deviceTime: '2026-11-23T08:30:00+07:00' })]);

	it('gives the crew the meter with its readings, and texts the customer the visit and a confirmation code', async () => {
		const check = await dispatchedCheck();
		const pulled = await t.call('GET', '/api/sync/pull', { token: crewToken });
		const job = pulled.body.jobs.find((j: { id: string }) => j.id === check.jobId);
		expect(job.kind).toBe('meter_check');
		// the request is the registered customer's, whoever called
		expect(job.request.customer).toMatchObject({ name: 'Đỗ Thị Mai', phone: '0987654321' });
		expect(job.request.meter).toMatchObject({ serial: 'CT-KT-0001', phases: 1, type: 'mechanical', registerDigits: 5, removedAt: null });
		expect(job.request.meter.readings.map((r: { kwh: number; source: string }) => [r.kwh, r.source])).toEqual([
			[1000, 'utility'],
			[1100, 'utility']
		]);
		expect(job.request.meterCheck).toBeNull();
		// 41 "Kiểm tra công tơ": 1 working day from Monday 09:00 → end of Tuesday
		expect(job.request.deadline).toBe('2026-11-24T16:59:59.999Z');
		const outbox = await t.outbox(check.requestId);
		expect(outbox.body.messages.map((m: { channel: string; recipient: string }) => [m.channel, m.recipient]).sort()).toEqual([
			['email', 'mai@example.vn'],
			['sms', '0987654321']
		]);
	});

	it('brings the crew a reading taken after the dispatch on its next pull', async () => {
		const check = await dispatchedCheck();
		const first = await t.call('GET', '/api/sync/pull', { token: crewToken });
		const utility = await t.call('POST', `/api/meters/${check.serial}/readings`, { token: supervisor, body: { kwh: 1150 } });
		expect(utility.status).toBe(201);
		const next = await t.call('GET', `/api/sync/pull?cursor=${first.body.cursor}`, { token: crewToken });
		const job = next.body.jobs.find((j: { id: string }) => j.id === check.jobId);
		expect(job.request.meter.readings.map((r: { kwh: number }) => r.kwh)).toEqual([1000, 1100, 1150]);
	});

	it('records a check with a replacement: the request closes, the register has the new meter, the customer gets the result', async () => {
		const check = await dispatchedCheck();
		const payload = await checkPayload(check.code, {
			result: 'fast',
			errorPercent: 4.5,
			action: 'replaced',
			replacement: {
				newSerial: 'CT-KT-9001',
				newType: 'electronic',
				newPhases: 1,
				newRegisterDigits: 6,
				newReadingKwh: 0.5,
				newPhoto: await uploadPhoto(t, crewToken, 'cong-to-moi'),
				oldFinalKwh: 1201,
				oldFinalPhoto: await uploadPhoto(t, crewToken, 'chot-cong-to-cu')
			}
		});
		const res = await pushCheck(check, 1, payload);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'completed', version: 3 } });

		const detail = await t.call('GET', `/api/requests/${check.requestId}`, { token: supervisor });
		expect(detail.body.state).toBe('completed');
		expect(detail.body.meterCheck).toMatchObject({
			meterSerial: 'CT-KT-0001',
			readingKwh: 1200,
			result: 'fast',
			errorPercent: 4.5,
			action: 'replaced',
			replacement: { newSerial: 'CT-KT-9001', newReadingKwh: 0.5, oldFinalKwh: 1201 },
			abnormal: false,
			signerName: 'Đỗ Thị Mai'
		});
		expect(detail.body.jobs[0].status).toBe('done');

		const oldMeter = await t.call('GET', '/api/meters/CT-KT-0001', { token: supervisor });
		expect(oldMeter.body.meter.removedAt).not.toBeNull();
		expect(oldMeter.body.readings.slice(-2).map((r: { kwh: number; source: string }) => [r.kwh, r.source])).toEqual([
			[1200, 'crew'],
			[1201, 'crew']
		]);
		const newMeter = await t.call('GET', '/api/meters/CT-KT-9001', { token: supervisor });
		expect(newMeter.status).toBe(200);
		expect(newMeter.body.meter).toMatchObject({ type: 'electronic', registerDigits: 6, removedAt: null, customerId: check.customer.id });
		expect(newMeter.body.readings).toEqual([expect.objectContaining({ kwh: 0.5, source: 'crew' })]);

		const outbox = await t.outbox(check.requestId);
		const results = outbox.body.messages.filter((m: { kind: string }) => m.kind === 'meter_check_result');
		expect(results.map((m: { channel: string }) => m.channel).sort()).toEqual(['email', 'sms']);
		expect(results.find((m: { channel: string }) => m.channel === 'sms').body).toContain('Cong to moi CT-KT-9001');
		const email = results.find((m: { channel: string }) => m.channel === 'email').body;
		expect(email).toContain('Kết quả kiểm tra: Chạy nhanh');
		expect(email).toContain('Sai số đo: +4,5%');
		expect(email).toContain('chỉ số ban đầu 0,5 kWh');
		expect(email).not.toMatch(/fast|replaced/);
	});

	it('accepts an abnormal reading only with the second photo, and the refusal does not use up the customer’s code', async () => {
		const check = await dispatchedCheck();
		// 500 kWh in 10 days is 50 a day, five times the usual 10
		const unconfirmed = await pushCheck(check, 1, await checkPayload(check.code, { readingKwh: 1600 }));
		expect(unconfirmed.body.results[0]).toMatchObject({ status: 'rejected', code: 'abnormal_unconfirmed' });
		expect(unconfirmed.body.results[0].reason.vi).toContain('Bất thường');
		expect(unconfirmed.body.results[0].fields).toHaveProperty('abnormalConfirmPhoto');

		const confirmPhoto = await uploadPhoto(t, crewToken, 'anh-xac-nhan-lan-2');
		const confirmed = await pushCheck(check, 2, await checkPayload(check.code, { readingKwh: 1600, abnormalConfirmPhoto: confirmPhoto }));
		expect(confirmed.body.results[0].status).toBe('applied');
		const detail = await t.call('GET', `/api/requests/${check.requestId}`, { token: supervisor });
		expect(detail.body.meterCheck).toMatchObject({ abnormal: true, abnormalConfirmPhoto: confirmPhoto });
		expect(detail.body.meterCheck.abnormalReason).toContain('Bất thường');
		expect(detail.body.meterCheck.abnormalReasonEn).toContain('Abnormal');
		expect(detail.body.meter.readings.at(-1)).toMatchObject({ kwh: 1600, source: 'crew', abnormal: true });
	});

	it('asks the second photo when only the old meter’s final reading is abnormal', async () => {
		const check = await dispatchedCheck();
		const replacement = {
			newSerial: 'CT-KT-9002',
			newType: 'mechanical' as const,
			newPhases: 1 as const,
			newRegisterDigits: 5,
			newReadingKwh: 0,
			newPhoto: await uploadPhoto(t, crewToken, 'moi'),
			oldFinalKwh: 1700, // 60 kWh a day since the last reading
			oldFinalPhoto: await uploadPhoto(t, crewToken, 'chot')
		};
		const refused = await pushCheck(check, 1, await checkPayload(check.code, { action: 'replaced', replacement }));
		expect(refused.body.results[0]).toMatchObject({ status: 'rejected', code: 'abnormal_unconfirmed' });
		const confirmed = await pushCheck(check, 2, await checkPayload(check.code, { action: 'replaced', replacement, abnormalConfirmPhoto: await uploadPhoto(t, crewToken, 'xac-nhan') }));
		expect(confirmed.body.results[0].status).toBe('applied');
		const old = await t.call('GET', '/api/meters/CT-KT-0001', { token: supervisor });
		expect(old.body.readings.slice(-2).map((r: { kwh: number; abnormal: boolean }) => [r.kwh, r.abnormal])).toEqual([
			[1200, false],
			[1700, true]
		]);
	});

	it('refuses a reading below the last one, one longer than the register, and a wrong code, which counts as an attempt', async () => {
		const check = await dispatchedCheck();
		const below = await pushCheck(check, 1, await checkPayload(check.code, { readingKwh: 1099 }));
		expect(below.body.results[0]).toMatchObject({ status: 'rejected', code: 'below_previous' });
		const tooLong = await pushCheck(check, 2, await checkPayload(check.code, { readingKwh: 100_000 }));
		expect(tooLong.body.results[0]).toMatchObject({ status: 'rejected', code: 'too_many_digits' });
		// a well-formed code (the check digit is right) that is not the one sent
		const wrong = await pushCheck(check, 3, await checkPayload(validOther(check.code)));
		expect(wrong.body.results[0]).toMatchObject({ status: 'rejected', code: 'wrong_code' });
		expect(wrong.body.results[0].reason.vi).toContain('Mã xác nhận không đúng; còn 4 lần thử');
		const ok = await pushCheck(check, 4, await checkPayload(check.code));
		expect(ok.body.results[0].status).toBe('applied');
		const attempts = await t.database.withConnection(async (q) => (await q("SELECT attempts, status FROM signing_codes WHERE purpose = 'meter_check'")).rows);
		expect(attempts).toEqual([{ attempts: 2, status: 'used' }]);
	});

	it('keeps a crew to the meters of its own jobs, and a meter check to its own workflow', async () => {
		const check = await dispatchedCheck();
		await t.makeMeter({ serial: 'CT-KHAC-01', unitId }, [{ kwh: 10, at: new Date(t.now().getTime() - 5 * DAY) }]);
		const otherMeter = await pushCheck(check, 1, await checkPayload(check.code, { meterSerial: 'CT-KHAC-01' }));
		expect(otherMeter.body.results[0]).toMatchObject({ status: 'rejected', code: 'wrong_meter' });

		// another crew's tablet cannot record on this job
		const otherCrew = (await t.makeCrew({ unitId })).id;
		await t.makeUser({ username: 'doi-khac', crewId: otherCrew, unitId });
		const stranger = await push(t, await t.login('doi-khac'), 'tablet-doi-khac', [command(1, 'recordMeterCheck', check, 2, await checkPayload(check.code))]);
		expect(stranger.body.results[0]).toMatchObject({ status: 'rejected', code: 'job_reassigned' });

		// a survey is not part of a meter check
		const survey = await push(t, crewToken, DEVICE, [command(2, 'submitSurvey', check, 2, { customerPresent: true })]);
		expect(survey.body.results[0].status).toBe('rejected');
		const detail = await t.call('GET', `/api/requests/${check.requestId}`, { token: supervisor });
		expect(detail.body).toMatchObject({ state: 'survey_scheduled', version: 2, meterCheck: null });
	});

	it('takes in a meter check only with a meter of the unit that is still on the wall', async () => {
		const intake = (body: Record<string, unknown>) =>
			t.call('POST', '/api/requests', { token: supervisor, body: { serviceNumber: 41, customer: { name: 'Người gọi', phone: '0911111111' }, address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm', ...body } });
		const missing = await intake({});
		expect(missing.status).toBe(400);
		expect(missing.body.error.fields.meterSerial).toBe('Nhập số sê-ri công tơ cần kiểm tra');
		const unknown = await intake({ meterSerial: 'XX-0000' });
		expect(unknown.body.error.fields.meterSerial).toBe('Không có công tơ số XX-0000 trong đơn vị');
		await t.makeMeter({ serial: 'CT-DONVI-KHAC' });
		expect((await intake({ meterSerial: 'CT-DONVI-KHAC' })).body.error.fields.meterSerial).toContain('Không có công tơ');
		const notACheck = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber: 2, meterSerial: 'CT-DONVI-KHAC', customer: { name: 'Người gọi', phone: '0911111111' }, address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm' }
		});
		expect(notACheck.body.error.fields.meterSerial).toBe('Chỉ dùng cho dịch vụ 41, 42');
	});

	it('sends a new confirmation code on request; the old one stops working', async () => {
		const check = await dispatchedCheck();
		const resent = await t.call('POST', `/api/requests/${check.requestId}/signing-code`, { token: supervisor });
		expect(resent.status).toBe(429); // the first code went out a moment ago
		t.setNow(new Date(t.now().getTime() + 2 * 60_000));
		const again = await t.call('POST', `/api/requests/${check.requestId}/signing-code`, { token: await t.login('giamsat') });
		expect(again.status).toBe(200);
		const fresh = await latestCodeNewest(check.requestId);
		expect(fresh).not.toBe(check.code);
		const old = await pushCheck(check, 1, await checkPayload(check.code));
		expect(old.body.results[0]).toMatchObject({ status: 'rejected', code: 'wrong_code' });
		const ok = await pushCheck(check, 2, await checkPayload(fresh));
		expect(ok.body.results[0].status).toBe('applied');
	});

	it("shows the customer the check's findings in words in their account, and the record as a PDF only to them", async () => {
		const check = await dispatchedCheck();
		const res = await pushCheck(check, 1, await checkPayload(check.code, { result: 'slow', errorPercent: -3.2, action: 'adjusted', sealIntact: false, sealPhoto: await uploadPhoto(t, crewToken, 'niem-phong') }));
		expect(res.body.results[0].status, JSON.stringify(res.body.results[0])).toBe('applied');

		const signIn = async (phone: string) => {
			let cookie = '';
			const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
				const r = await t.app.request(path, { method: init.method ?? 'GET', headers: { ...(cookie ? { cookie } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) }, body: init.body ? JSON.stringify(init.body) : undefined }, { incoming: { socket: { remoteAddress: '203.0.113.41' } } } as never);
				const set = r.headers.get('set-cookie');
				if (set) cookie = set.split(';')[0]!;
				return r;
			};
			expect((await call('/api/customer/login/code', { method: 'POST', body: { contact: phone } })).status).toBe(200);
			const sms = (await t.outbox()).body.messages.find((m: { kind: string; recipient: string }) => m.kind === 'customer_login_code' && m.recipient === phone);
			expect((await call('/api/customer/login', { method: 'POST', body: { contact: phone, code: /\b(\d{6})\b/.exec(sms.body)![1] } })).status).toBe(200);
			return call;
		};
		const customer = await signIn('0987654321');
		const detail = (await (await customer(`/api/customer/requests/${check.requestId}`)).json()) as { meterCheck: Record<string, unknown> };
		expect(detail.meterCheck).toMatchObject({ meterSerial: 'CT-KT-0001', readingKwh: 1200, result: 'slow', errorPercent: -3.2, sealIntact: false, action: 'adjusted', newMeterSerial: null, signerName: 'Đỗ Thị Mai' });
		const pdf = await customer(`/api/customer/requests/${check.requestId}/meter-check.pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-disposition')).toContain('bien-ban-kiem-tra-cong-to-');
		const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).join(' ');
		for (const words of ['BIÊN BẢN KIỂM TRA CÔNG TƠ', 'Đỗ Thị Mai', 'CT-KT-0001', 'Chạy chậm', '−3,2%', 'Không còn nguyên', 'Đã hiệu chỉnh']) expect(text).toContain(words);

		// another customer gets 404 in words; a request without a check says there is none yet
		await t.makeRequest({ customerId: (await t.makeCustomer({ phone: '0977000111' })).id });
		const other = await signIn('0977000111');
		expect((await other(`/api/customer/requests/${check.requestId}/meter-check.pdf`)).status).toBe(404);
		const unchecked = await dispatchedCheck('CT-KT-0002');
		const none = await customer(`/api/customer/requests/${unchecked.requestId}/meter-check.pdf`);
		expect(none.status).toBe(404);
		expect(((await none.json()) as { error: { message: string } }).error.message).toBe('Yêu cầu này chưa có kết quả kiểm tra công tơ');
	});

	async function latestCodeNewest(requestId: string) {
		const outbox = await t.outbox(requestId);
		const sms = outbox.body.messages
			.filter((m: { kind: string; channel: string }) => m.kind === 'meter_check_code' && m.channel === 'sms')
			.sort((a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt));
		return /: (\d{6})\./.exec(sms[0].body)![1]!;
	}
});

/** Another code with a valid check digit (so only the server can tell it is wrong). */
function validOther(code: string): string {
	const body = String((Number(code.slice(0, 5)) + 1) % 100_000).padStart(5, '0');
	return signingCodeFrom(body);
}
