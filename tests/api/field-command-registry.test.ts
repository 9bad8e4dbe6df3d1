// The field-command registry on the server: what the tablet's form refuses, the push refuses too, with the same
// code and words; and a command on a job of another kind is refused as the tablet refuses it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeterCheckInput } from '../../src/lib/domain/commands';
import { METER_CHECK_WORDS } from '../../src/lib/domain/field-commands/record-meter-check';
import { registry } from '../../src/lib/domain/field-commands';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, DRAWN_SIGNATURE, push, uploadPhoto } from '../support/field';

const DAY = 24 * 3_600_000;
const DEVICE = 'tablet-registry-1';

describe.each(DRIVERS)('field-command registry on the server (%s)', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	let crewId: string;
	let crewToken: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
		crewId = (await t.makeCrew({ unitId })).id;
		await t.makeUser({ username: 'doi-kiem-tra', crewId, unitId });
		crewToken = await t.login('doi-kiem-tra');
	});
	afterEach(() => t.close());

	/** A mechanical meter's check dispatched to the crew, with the customer's code. */
	async function dispatchedCheck(serial = 'CT-RG-0001') {
		const customer = await t.makeCustomer({ fullName: 'Đỗ Thị Mai', phone: '0987654321' });
		await t.makeMeter({ serial, unitId, customerId: customer.id }, [
			{ kwh: 1000, at: new Date(t.now().getTime() - 20 * DAY) },
			{ kwh: 1100, at: new Date(t.now().getTime() - 10 * DAY) }
		]);
		const created = await t.call('POST', '/api/requests', {
			token: supervisor,
			body: { serviceNumber: 41, meterSerial: serial, customer: { name: 'Người gọi', phone: '0911111111' }, address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm, Hà Nội' }
		});
		expect(created.status).toBe(201);
		const dispatched = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId, scheduledAt: '2026-11-23T08:00:00Z' } });
		expect(dispatched.status).toBe(200);
		const outbox = await t.outbox(created.body.id);
		const sms = outbox.body.messages.find((m: { kind: string; channel: string }) => m.kind === 'meter_check_code' && m.channel === 'sms');
		const code = /: (\d{6})\./.exec(sms.body)![1]!;
		return { requestId: created.body.id as string, jobId: dispatched.body.jobId as string, serial, code };
	}

	it('refuses the four meter check rules of the form with the form’s words, then takes the corrected check', async () => {
		const check = await dispatchedCheck();
		const photo = await uploadPhoto(t, crewToken, 'mat-cong-to');
		const base: MeterCheckInput = {
			meterSerial: check.serial,
			readingKwh: 1200,
			readingPhoto: photo,
			sealIntact: true,
			result: 'accurate',
			errorPercent: 0.4,
			action: 'none',
			code: check.code,
			signature: DRAWN_SIGNATURE
		};
		const refused: Array<[Partial<MeterCheckInput>, string, string]> = [
			[{ result: 'clock_drift', errorPercent: null }, 'result', METER_CHECK_WORDS.clockDriftElectronicOnly],
			[{ result: 'fast', errorPercent: -1.5 }, 'errorPercent', METER_CHECK_WORDS.fastNeedsPositive],
			[{ result: 'slow', errorPercent: 2 }, 'errorPercent', METER_CHECK_WORDS.slowNeedsNegative],
			[{ abnormalConfirmPhoto: photo }, 'abnormalConfirmPhoto', METER_CHECK_WORDS.confirmPhotoAgain]
		];
		const commands = refused.map(([overrides], i) => command(i + 1, 'recordMeterCheck', check, 2, { ...base, ...overrides }, { deviceTime: '2026-11-23T08:30:00+07:00' }));
		commands.push(command(5, 'recordMeterCheck', check, 2, { ...base, result: 'fast', errorPercent: 2.5 }, { deviceTime: '2026-11-23T08:30:00+07:00' }));
		const res = await push(t, crewToken, DEVICE, commands);
		expect(res.status).toBe(200);
		refused.forEach(([, field, words], i) => {
			expect(res.body.results[i]).toMatchObject({ status: 'rejected', code: 'invalid_data', fields: { [field]: words } });
			expect(res.body.results[i].reason.vi).toContain(words);
		});
		expect(res.body.results[4]).toMatchObject({ status: 'applied', request: { state: 'completed' } });
	});

	it('refuses a command on a job of another kind with the code and words the tablet uses', async () => {
		const check = await dispatchedCheck();
		const res = await push(t, crewToken, DEVICE, [command(1, 'submitSurvey', check, 2, { customerPresent: true, siteCondition: 'good', distanceM: 10, phases: 1, expectedLoadKw: 3, route: 'overhead', location: null, sitePhotos: [await uploadPhoto(t, crewToken, 'a')], meterPhotos: [await uploadPhoto(t, crewToken, 'b')] })]);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'wrong_job_kind', reason: registry.submitSurvey.wrongJobKind });
	});
});
