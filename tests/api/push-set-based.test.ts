// Set-based push (docs/sync-protocol.md, "How a batch is written"): a mixed batch written in a few statements leaves
// exactly what the same commands leave pushed one per batch: request states and versions, audit entries in order,
// surveys, estimates, notices and the command log's results.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '../../src/lib/domain/commands';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyJobFor, surveyPayloadFor, uploadPhoto } from '../support/field';
import { ONSITE_SIGNATURE, readyToInstallOnSite } from '../support/onsite';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';

const DEVICE = 'tablet-set-based';

/** Three survey jobs; the commands: each job's survey and estimate, interleaved, plus refusals (stale, wrong state). */
async function scenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const { crew, token, job } = await crewWithSurveyJob(t);
	const jobs = [job, await surveyJobFor(t, crew.id), await surveyJobFor(t, crew.id)];
	const surveys = [];
	for (let i = 0; i < jobs.length; i++) {
		surveys.push(surveyPayloadFor({ site: [await uploadPhoto(t, token, `s${i}-site`)], meter: [await uploadPhoto(t, token, `s${i}-meter`)] }));
	}
	const list: Array<[string, (typeof jobs)[number], number, unknown]> = [
		['submitSurvey', jobs[0]!, 2, surveys[0]],
		['submitSurvey', jobs[1]!, 2, surveys[1]],
		['submitEstimate', jobs[0]!, 3, estimatePayloadFor(surveys[0]!)],
		['submitSurvey', jobs[0]!, 2, surveys[0]], // stale: the job moved on
		['submitEstimate', jobs[2]!, 2, estimatePayloadFor(surveys[2]!)], // wrong state: not surveyed yet
		['submitSurvey', jobs[2]!, 2, surveys[2]],
		['submitEstimate', jobs[1]!, 3, estimatePayloadFor(surveys[1]!)],
		['submitEstimate', jobs[2]!, 3, estimatePayloadFor(surveys[2]!)]
	];
	return { token, requestIds: jobs.map((j) => j.requestId), commands: list.map(([name, j, base, payload], i) => command(i + 1, name, j, base, payload)) };
}

async function stateOf(t: TestContext, requestIds: string[]) {
	return t.database.withConnection(async (query) => {
		const out = [];
		for (const id of requestIds) {
			const all = async (sql: string) => (await query(sql, [id])).rows;
			out.push({
				request: await all('SELECT state, version, installed FROM requests WHERE id = $1'),
				audit: await all(
					"SELECT transition, from_state, to_state, version, actor_role, device_id, lat, lng, detail - 'commandId' AS detail FROM audit_log WHERE request_id = $1 ORDER BY id"
				),
				surveys: await all("SELECT data - 'sitePhotos' - 'meterPhotos' AS data FROM surveys WHERE request_id = $1 ORDER BY submitted_at"),
				estimates: await all('SELECT total, customer_total, utility_total, vat_percent FROM estimates WHERE request_id = $1'),
				notices: await all('SELECT channel, kind FROM notifications WHERE request_id = $1 ORDER BY channel'),
				jobs: await all('SELECT kind, status FROM jobs WHERE request_id = $1')
			});
		}
		return out;
	});
}

const DAY = 24 * 3_600_000;
/** Another code with a valid check digit (so only the server can tell it is wrong). */
const otherCode = (code: string) => signingCodeFrom(String((Number(code.slice(0, 5)) + 1) % 100_000).padStart(5, '0'));

/**
 * A request ready to install (paid, on-site code issued) and a meter check dispatched to the same crew; the commands:
 * a wrong code for each (refused, the attempt counted), the signature, the check, the installation, then a stale check.
 * What a batch reads once for several commands (the code key, the request's row, the meter, the contract) must leave
 * what reading it again for each command leaves.
 */
async function fieldScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const r = await readyToInstallOnSite(t);
	const unitId = r.crew.unitId as string;
	await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
	const supervisor = await t.login('giamsat');
	const customer = await t.makeCustomer({ fullName: 'Đỗ Thị Mai', phone: '0987654321', email: 'mai@example.vn' });
	await t.makeMeter({ serial: 'CT-KT-0001', unitId, customerId: customer.id }, [
		{ kwh: 1000, at: new Date(t.now().getTime() - 20 * DAY) },
		{ kwh: 1100, at: new Date(t.now().getTime() - 10 * DAY) }
	]);
	const created = await t.call('POST', '/api/requests', {
		token: supervisor,
		body: { serviceNumber: 41, meterSerial: 'CT-KT-0001', customer: { name: 'Người gọi', phone: '0911111111' }, address: 'Số 8 Lý Thái Tổ, Hoàn Kiếm, Hà Nội' }
	});
	expect(created.status).toBe(201);
	const dispatched = await t.call('POST', `/api/requests/${created.body.id}/dispatch`, { token: supervisor, body: { crewId: r.crew.id, scheduledAt: '2026-11-23T08:00:00Z' } });
	expect(dispatched.status).toBe(200);
	const sms = (await t.outbox(created.body.id)).body.messages.find((m: { kind: string; channel: string }) => m.kind === 'meter_check_code' && m.channel === 'sms');
	const checkCode = /: (\d{6})\./.exec(sms.body)![1]!;
	const check = { requestId: created.body.id as string, jobId: dispatched.body.jobId as string };
	const checkPayload = async (code: string) => ({
		meterSerial: 'CT-KT-0001',
		readingKwh: 1200,
		readingPhoto: await uploadPhoto(t, r.token, 'mat-cong-to-kt'),
		sealIntact: true,
		result: 'accurate',
		errorPercent: 0.4,
		action: 'none',
		notes: 'Khách hàng chứng kiến',
		location: { lat: 21.03, lng: 105.85, accuracyM: 6 },
		code,
		signature: ONSITE_SIGNATURE
	});
	const signature = (code: string) => ({ contractVersion: r.contract.version, contractSha256: r.contract.sha256, code, signature: ONSITE_SIGNATURE });
	const list: Array<[string, { requestId: string; jobId: string }, number, unknown]> = [
		['signOnSite', r.target, r.version, signature(otherCode(r.code))], // wrong code: refused, the attempt counted
		['recordMeterCheck', check, 2, await checkPayload(otherCode(checkCode))], // wrong code: refused, the attempt counted
		['signOnSite', r.target, r.version, signature(r.code)],
		['recordMeterCheck', check, 2, await checkPayload(checkCode)],
		['recordInstallation', r.target, r.version + 1, r.installation],
		['recordMeterCheck', check, 2, await checkPayload(checkCode)] // stale: the check is recorded
	];
	return {
		token: r.token,
		requestIds: [r.target.requestId, check.requestId],
		commands: list.map(([name, target, base, payload], i) => command(i + 1, name, target, base, payload, { deviceTime: '2026-11-23T08:30:00+07:00' }))
	};
}

async function fieldStateOf(t: TestContext, requestIds: string[]) {
	return t.database.withConnection(async (query) => {
		const out = [];
		for (const id of requestIds) {
			const all = async (sql: string) => (await query(sql, [id])).rows;
			out.push({
				request: await all('SELECT state, version, installed FROM requests WHERE id = $1'),
				audit: await all("SELECT transition, from_state, to_state, version, actor_role, detail - 'commandId' AS detail FROM audit_log WHERE request_id = $1 ORDER BY id"),
				codes: await all('SELECT purpose, attempts, status FROM signing_codes WHERE request_id = $1 ORDER BY created_at, attempts'),
				signatures: await all('SELECT party, channel, signer_name, contract_sha256 FROM signatures WHERE request_id = $1'),
				installations: await all('SELECT differences FROM installations WHERE request_id = $1'),
				checks: await all('SELECT meter_serial, reading_kwh, result, abnormal FROM meter_checks WHERE request_id = $1'),
				readings: await all("SELECT r.kwh, r.source, r.abnormal FROM meter_readings r JOIN requests q ON q.meter_serial = r.meter_serial WHERE q.id = $1 ORDER BY r.taken_at, r.kwh"),
				refunds: await all('SELECT amount FROM refunds WHERE request_id = $1'),
				notices: await all('SELECT channel, kind FROM notifications WHERE request_id = $1 ORDER BY kind, channel'),
				jobs: await all('SELECT kind, status FROM jobs WHERE request_id = $1 ORDER BY kind')
			});
		}
		return out;
	});
}

describe.each(DRIVERS)('set-based push on %s', (driver) => {
	const open: TestContext[] = [];
	afterEach(async () => {
		for (const t of open.splice(0)) await t.close();
	});

	it('a mixed batch in one push leaves what the same commands leave pushed one at a time', async () => {
		const batched = await createTestContext(driver);
		open.push(batched);
		const a = await scenario(batched);
		const one = await push(batched, a.token, DEVICE, a.commands);
		expect(one.status).toBe(200);
		const stateA = await stateOf(batched, a.requestIds);
		const resultsA = one.body.results.map((r: { status: string; code?: string; request?: { state: string; version: number } }) => [r.status, r.code ?? null, r.request?.state ?? null, r.request?.version ?? null]);
		await batched.close();
		open.pop();

		const single = await createTestContext(driver);
		open.push(single);
		const b = await scenario(single);
		const resultsB = [];
		for (const c of b.commands) {
			const res = await push(single, b.token, DEVICE, [c]);
			expect(res.status).toBe(200);
			const r = res.body.results[0];
			resultsB.push([r.status, r.code ?? null, r.request?.state ?? null, r.request?.version ?? null]);
		}
		expect(resultsA).toEqual(resultsB);
		expect(resultsA.map((r: unknown[]) => r[1])).toEqual([null, null, null, 'stale_version', 'wrong_state', null, null, null]);
		expect(stateA).toEqual(await stateOf(single, b.requestIds));
		expect(stateA.map((s) => s.request[0]!.state)).toEqual(['estimated', 'estimated', 'estimated']);
	});

	it('signatures, installations and meter checks in one push leave what the same commands leave pushed one at a time, refused codes counted', async () => {
		const batched = await createTestContext(driver);
		open.push(batched);
		const a = await fieldScenario(batched);
		const one = await push(batched, a.token, DEVICE, a.commands);
		expect(one.status).toBe(200);
		const stateA = await fieldStateOf(batched, a.requestIds);
		const resultsA = one.body.results.map((r: { status: string; code?: string; request?: { state: string; version: number } }) => [r.status, r.code ?? null, r.request?.state ?? null, r.request?.version ?? null]);
		await batched.close();
		open.pop();

		const single = await createTestContext(driver);
		open.push(single);
		const b = await fieldScenario(single);
		const resultsB = [];
		for (const c of b.commands) {
			const res = await push(single, b.token, DEVICE, [c]);
			expect(res.status).toBe(200);
			const r = res.body.results[0];
			resultsB.push([r.status, r.code ?? null, r.request?.state ?? null, r.request?.version ?? null]);
		}
		expect(resultsA).toEqual(resultsB);
		expect(resultsA.map((r: unknown[]) => r[1])).toEqual(['wrong_code', 'wrong_code', null, null, null, 'stale_version']);
		const stateB = await fieldStateOf(single, b.requestIds);
		expect(stateA).toEqual(stateB);
		// each refused code's attempt stays: the used codes show two attempts each
		expect(stateA.map((s) => s.codes.filter((c) => c.status === 'used').map((c) => c.attempts))).toEqual([[2], [2]]);
	});
});
