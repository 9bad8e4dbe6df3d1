// Set-based push (docs/sync-protocol.md, "How a batch is written"): a mixed batch written in a few statements leaves
// exactly what the same commands leave pushed one per batch: request states and versions, audit entries in order,
// surveys, estimates, notices (their recipients and words, but a random code, a signed link and a portal link) and the command log's results.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '../../src/lib/domain/commands';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyJobFor, surveyPayloadFor, uploadPhoto } from '../support/field';
import { lessThanEstimated, ONSITE_SIGNATURE, readyToInstallOnSite } from '../support/onsite';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { meterCheckPayload, meterCheckReady } from '../support/meter-check';
import { installedContractOnTablet } from '../../src/lib/domain/field-commands/record-installation';
import { findMaterial } from '../../src/lib/domain/materials';

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
				notices: await all("SELECT channel, kind, recipient, subject, CASE WHEN category = 'code' THEN NULL ELSE regexp_replace(body, '/(api/documents|portal)/\\S+', '/\\1/…', 'g') END AS body, customer_id FROM notifications WHERE request_id = $1 ORDER BY channel"),
				jobs: await all('SELECT kind, status FROM jobs WHERE request_id = $1')
			});
		}
		return out;
	});
}

/** Another code with a valid check digit (so only the server can tell it is wrong). */
const otherCode = (code: string) => signingCodeFrom(String((Number(code.slice(0, 5)) + 1) % 100_000).padStart(5, '0'));

/** A request ready to install (readyToInstallOnSite) and a meter check dispatched to the same crew by its unit's supervisor. */
async function installAndCheckReady(t: TestContext) {
	const r = await readyToInstallOnSite(t);
	const unitId = r.crew.unitId as string;
	await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
	const supervisor = await t.login('giamsat');
	return { r, check: await meterCheckReady(t, { supervisor, unitId, crewId: r.crew.id }) };
}

/**
 * A request ready to install (paid, on-site code issued) and a meter check dispatched to the same crew; the commands:
 * a wrong code for each (refused, the attempt counted), the signature, the check, the installation, then a stale check.
 * What a batch reads once for several commands (the code key, the request's row, the meter, the contract) must leave
 * what reading it again for each command leaves.
 */
async function fieldScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const { r, check } = await installAndCheckReady(t);
	const checkCode = check.code;
	const checkPayload = async (code: string) => meterCheckPayload(code, await uploadPhoto(t, r.token, 'mat-cong-to-kt'), { signature: ONSITE_SIGNATURE });
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
				notices: await all("SELECT channel, kind, recipient, subject, CASE WHEN category = 'code' THEN NULL ELSE regexp_replace(body, '/(api/documents|portal)/\\S+', '/\\1/…', 'g') END AS body, customer_id FROM notifications WHERE request_id = $1 ORDER BY kind, channel"),
				jobs: await all('SELECT kind, status FROM jobs WHERE request_id = $1 ORDER BY kind')
			});
		}
		return out;
	});
}

type Scenario = (t: TestContext) => Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }>;
type Results = Array<[string, string | null, string | null, number | null, string | null]>;
const resultOf = (r: { status: string; code?: string; reason?: { vi: string }; request?: { state: string; version: number } }): Results[number] => [
	r.status,
	r.code ?? null,
	r.request?.state ?? null,
	r.request?.version ?? null,
	r.reason?.vi ?? null
];

/**
 * The scenario's commands pushed in one batch on a fresh database, then one per push on another: the results and
 * what `stateOf` reads of its requests afterwards, each way.
 */
async function batchedAndOneAtATime<S>(driver: Parameters<typeof createTestContext>[0], open: TestContext[], scenario: Scenario, stateOf: (t: TestContext, requestIds: string[]) => Promise<S>) {
	const batched = await createTestContext(driver);
	open.push(batched);
	const a = await scenario(batched);
	const one = await push(batched, a.token, DEVICE, a.commands);
	expect(one.status).toBe(200);
	const batchedState = await stateOf(batched, a.requestIds);
	const batchedResults: Results = one.body.results.map(resultOf);
	await batched.close();
	open.pop();

	const single = await createTestContext(driver);
	open.push(single);
	const b = await scenario(single);
	const singleResults: Results = [];
	for (const c of b.commands) {
		const res = await push(single, b.token, DEVICE, [c]);
		expect(res.status).toBe(200);
		singleResults.push(resultOf(res.body.results[0]));
	}
	return { batchedResults, singleResults, batchedState, singleState: await stateOf(single, b.requestIds) };
}

/** A unit with its supervisor and a meter-check crew, both signed in: what the meter-check scenarios start from. */
async function meterCheckCrew(t: TestContext): Promise<{ unitId: string; supervisor: string; crewId: string; token: string }> {
	const unitId = (await t.makeUnit()).id;
	await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
	const supervisor = await t.login('giamsat');
	const crewId = (await t.makeCrew({ unitId })).id;
	await t.makeUser({ username: 'doi-kiem-tra', crewId, unitId });
	const token = await t.login('doi-kiem-tra');
	return { unitId, supervisor, crewId, token };
}

/**
 * Two meter checks dispatched to one crew; the commands: the second's reading below the last (refused), the first's
 * check replacing its meter (applied on its own, not set-based), the second's check, then the first's again (its
 * meter retired by then). A replacement amid set-based checks must leave what the same commands leave one at a time.
 */
async function replacementScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const { unitId, supervisor, crewId, token } = await meterCheckCrew(t);
	const first = await meterCheckReady(t, { supervisor, unitId, crewId });
	const second = await meterCheckReady(t, { supervisor, unitId, crewId, serial: 'CT-KT-0002' });
	const photo = (name: string) => uploadPhoto(t, token, name);
	const replacing = meterCheckPayload(first.code, await photo('mat-cong-to-1'), {
		result: 'fast',
		errorPercent: 4.5,
		action: 'replaced',
		replacement: { newSerial: 'CT-KT-9001', newType: 'electronic', newPhases: 1, newRegisterDigits: 6, newReadingKwh: 0.5, newPhoto: await photo('cong-to-moi'), oldFinalKwh: 1201, oldFinalPhoto: await photo('chot-cong-to-cu') }
	});
	const list: Array<[typeof first, unknown]> = [
		[second, meterCheckPayload(second.code, await photo('mat-cong-to-2'), { meterSerial: 'CT-KT-0002', readingKwh: 1099 })], // below the last reading
		[first, replacing],
		[second, meterCheckPayload(second.code, await photo('mat-cong-to-2b'), { meterSerial: 'CT-KT-0002' })],
		[first, meterCheckPayload(first.code, await photo('mat-cong-to-1b'))] // its meter is off the wall now
	];
	return {
		token,
		requestIds: [first.requestId, second.requestId],
		commands: list.map(([target, payload], i) => command(i + 1, 'recordMeterCheck', target, 2, payload, { deviceTime: '2026-11-23T08:30:00+07:00' }))
	};
}

/**
 * A request ready to install and a meter check dispatched to the same crew; the commands: the meter check's code wrong
 * five times (the policy's attempts: the fifth locks it), then right; the signature's code wrong four times, right, and
 * right again. Each refusal counts its attempt and says how many are left, as when pushed one at a time, though the
 * batch reads the codes once and writes the attempts together.
 */
async function attemptsScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const { r, check } = await installAndCheckReady(t);
	const photo = await uploadPhoto(t, r.token, 'mat-cong-to-kt');
	const signature = (code: string) => ({ contractVersion: r.contract.version, contractSha256: r.contract.sha256, code, signature: ONSITE_SIGNATURE });
	// `times` different wrong codes: the right one's successors
	const wrong = (code: string, times: number) => {
		const codes = [otherCode(code)];
		while (codes.length < times) codes.push(otherCode(codes.at(-1)!));
		return codes;
	};
	const list: Array<[string, { requestId: string; jobId: string }, number, unknown]> = [
		...wrong(check.code, 5).map((code): [string, typeof check, number, unknown] => ['recordMeterCheck', check, 2, meterCheckPayload(code, photo, { signature: ONSITE_SIGNATURE })]),
		['recordMeterCheck', check, 2, meterCheckPayload(check.code, photo, { signature: ONSITE_SIGNATURE })], // locked by now
		...wrong(r.code, 4).map((code): [string, typeof r.target, number, unknown] => ['signOnSite', r.target, r.version, signature(code)]),
		['signOnSite', r.target, r.version, signature(r.code)],
		['signOnSite', r.target, r.version, signature(r.code)] // stale: signed already
	];
	return {
		token: r.token,
		requestIds: [r.target.requestId, check.requestId],
		commands: list.map(([name, target, base, payload], i) => command(i + 1, name, target, base, payload, { deviceTime: '2026-11-23T08:30:00+07:00' }))
	};
}

/**
 * A request ready to install; the commands: the installation, with less material than estimated (the server drafts
 * the addendum the tablet rendered), a signature of the contract as it was (refused: it changed), then the signature
 * of the addendum, which records the refund of what was paid beyond it. The batch reads the latest contract once and
 * keeps it current when it drafts one, and reads what was paid and refunded once.
 */
async function redraftScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const r = await readyToInstallOnSite(t);
	const deviceTime = '2026-11-23T08:30:00+07:00';
	// less material than estimated: the addendum costs less than was paid, and signing it records the refund
	const installation = { ...r.installation, materials: lessThanEstimated(r.estimate.lines) };
	const addendum = installedContractOnTablet(r.job.request, installation, deviceTime, findMaterial)!;
	const list: Array<[string, number, unknown]> = [
		['recordInstallation', r.version, installation],
		['signOnSite', r.version + 1, { contractVersion: r.contract.version, contractSha256: r.contract.sha256, code: r.code, signature: ONSITE_SIGNATURE }],
		['signOnSite', r.version + 1, { contractVersion: addendum.version, contractSha256: addendum.sha256, code: r.code, signature: ONSITE_SIGNATURE }]
	];
	return { token: r.token, requestIds: [r.target.requestId], commands: list.map(([name, base, payload], i) => command(i + 1, name, r.target, base, payload, { deviceTime })) };
}

/**
 * A request ready to install; the commands: the on-site signature, then the installation with less material than
 * estimated. Signed already, the addendum retires the request's codes and sends the customer a portal link, and the
 * request goes back to the customer's signature: the batch's use of the code is written before the addendum touches
 * the codes.
 */
async function signedThenRedraftedScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const r = await readyToInstallOnSite(t);
	const deviceTime = '2026-11-23T08:30:00+07:00';
	const installation = { ...r.installation, materials: lessThanEstimated(r.estimate.lines) };
	const list: Array<[string, number, unknown]> = [
		['signOnSite', r.version, { contractVersion: r.contract.version, contractSha256: r.contract.sha256, code: r.code, signature: ONSITE_SIGNATURE }],
		['recordInstallation', r.version + 1, installation]
	];
	return { token: r.token, requestIds: [r.target.requestId], commands: list.map(([name, base, payload], i) => command(i + 1, name, r.target, base, payload, { deviceTime })) };
}

/**
 * A request ready to install; the commands: the installation as contracted (no addendum), then the customer's
 * signature of the contract on site. The installation's transition and row are left with the batch's pending writes;
 * the signature after it sees them written (the batch read its request again).
 */
async function installedThenSignedScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const r = await readyToInstallOnSite(t);
	const deviceTime = '2026-11-23T08:30:00+07:00';
	const list: Array<[string, number, unknown]> = [
		['recordInstallation', r.version, { ...r.installation, materials: r.estimate.lines }],
		['signOnSite', r.version + 1, { contractVersion: r.contract.version, contractSha256: r.contract.sha256, code: r.code, signature: ONSITE_SIGNATURE }]
	];
	return { token: r.token, requestIds: [r.target.requestId], commands: list.map(([name, base, payload], i) => command(i + 1, name, r.target, base, payload, { deviceTime })) };
}

/**
 * Two meter checks of two customers dispatched to one crew, the second customer reading in English and without an
 * email; the commands: each check. Each result notice goes to its own request's customer, in their language and
 * channels, though the batch reads its customers once and writes the messages with its other set-based writes.
 */
async function twoCustomersScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const { unitId, supervisor, crewId, token } = await meterCheckCrew(t);
	const first = await meterCheckReady(t, { supervisor, unitId, crewId });
	const second = await meterCheckReady(t, { supervisor, unitId, crewId, serial: 'CT-KT-0002', customer: { fullName: 'John Tran', phone: '0977000111', email: null } });
	const chosen = await t.call('PUT', `/api/notices/preferences/${second.customer.id}`, { token: supervisor, body: { channel: 'sms', reminders: true, language: 'en' } });
	expect(chosen.status).toBe(200);
	const list: Array<[typeof first, unknown]> = [
		[first, meterCheckPayload(first.code, await uploadPhoto(t, token, 'mat-cong-to-1'))],
		[second, meterCheckPayload(second.code, await uploadPhoto(t, token, 'mat-cong-to-2'), { meterSerial: 'CT-KT-0002' })]
	];
	return {
		token,
		requestIds: [first.requestId, second.requestId],
		commands: list.map(([target, payload], i) => command(i + 1, 'recordMeterCheck', target, 2, payload, { deviceTime: '2026-11-23T08:30:00+07:00' }))
	};
}

/**
 * A day's mixed work in one push, each kind's writes interleaved with the others': a survey and its estimate (set-based),
 * a meter check with a wrong code then the right one (set-based, the attempt counted), and an installation with less
 * material than estimated (it drafts the addendum and issues its code) followed by the addendum's signature. The
 * installation and the signature write before them only their own request's pending writes: the other requests'
 * stay pending until later and must land as the same commands pushed one at a time leave them.
 */
async function dayScenario(t: TestContext): Promise<{ token: string; requestIds: string[]; commands: CommandEnvelope[] }> {
	const { r, check } = await installAndCheckReady(t);
	const survey = await surveyJobFor(t, r.crew.id);
	const surveyed = surveyPayloadFor({ site: [await uploadPhoto(t, r.token, 'day-site')], meter: [await uploadPhoto(t, r.token, 'day-meter')] });
	const checkPhoto = await uploadPhoto(t, r.token, 'day-check');
	const early = { requestId: survey.requestId, jobId: (await t.makeJob({ requestId: survey.requestId, crewId: r.crew.id, kind: 'installation' })).id };
	const deviceTime = '2026-11-23T08:30:00+07:00';
	const installation = { ...r.installation, materials: lessThanEstimated(r.estimate.lines) };
	const addendum = installedContractOnTablet(r.job.request, installation, deviceTime, findMaterial)!;
	const list: Array<[string, { requestId: string; jobId: string }, number, unknown]> = [
		['submitSurvey', survey, 2, surveyed],
		// an installation on the request just surveyed, too early: it reads the survey's transition, still pending in the batch
		['recordInstallation', early, 3, r.installation],
		['recordMeterCheck', check, 2, meterCheckPayload(otherCode(check.code), checkPhoto, { signature: ONSITE_SIGNATURE })], // wrong code: the attempt counted
		['recordInstallation', r.target, r.version, installation],
		['submitEstimate', survey, 3, estimatePayloadFor(surveyed)],
		['recordMeterCheck', check, 2, meterCheckPayload(check.code, checkPhoto, { signature: ONSITE_SIGNATURE })],
		['signOnSite', r.target, r.version + 1, { contractVersion: addendum.version, contractSha256: addendum.sha256, code: r.code, signature: ONSITE_SIGNATURE }],
		['submitSurvey', survey, 2, surveyed] // stale: estimated since
	];
	return {
		token: r.token,
		requestIds: [r.target.requestId, check.requestId, survey.requestId],
		commands: list.map(([name, target, base, payload], i) => command(i + 1, name, target, base, payload, { deviceTime }))
	};
}

const dayStateOf = async (t: TestContext, requestIds: string[]) => ({ field: await fieldStateOf(t, requestIds), work: await stateOf(t, requestIds) });

async function metersStateOf(t: TestContext, requestIds: string[]) {
	const meters = await t.database.withConnection(async (query) => ({
		meters: (await query("SELECT serial, type, register_digits, removed_at IS NULL AS on_wall FROM meters WHERE serial LIKE 'CT-KT-%' ORDER BY serial")).rows,
		readings: (await query("SELECT meter_serial, kwh, source, abnormal FROM meter_readings WHERE meter_serial LIKE 'CT-KT-%' ORDER BY meter_serial, taken_at, kwh")).rows
	}));
	return { requests: await fieldStateOf(t, requestIds), ...meters };
}

describe.each(DRIVERS)('set-based push on %s', (driver) => {
	const open: TestContext[] = [];
	afterEach(async () => {
		for (const t of open.splice(0)) await t.close();
	});

	it('a mixed batch in one push leaves what the same commands leave pushed one at a time', async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, scenario, stateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => r[1])).toEqual([null, null, null, 'stale_version', 'wrong_state', null, null, null]);
		expect(batchedState).toEqual(singleState);
		expect(batchedState.map((s) => s.request[0]!.state)).toEqual(['estimated', 'estimated', 'estimated']);
	});

	it('signatures, installations and meter checks in one push leave what the same commands leave pushed one at a time, refused codes counted', async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, fieldScenario, fieldStateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => r[1])).toEqual(['wrong_code', 'wrong_code', null, null, null, 'stale_version']);
		expect(batchedState).toEqual(singleState);
		// each refused code's attempt stays: the used codes show two attempts each
		expect(batchedState.map((s) => s.codes.filter((c) => c.status === 'used').map((c) => c.attempts))).toEqual([[2], [2]]);
	});

	it('wrong codes then the right one in one push: each attempt counted, the code locked after the policy\'s attempts, as one at a time', async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, attemptsScenario, fieldStateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => r[1])).toEqual([
			'wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'locked_code', 'no_code',
			'wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', null, 'stale_version'
		]);
		// the attempts left as the crew reads them: 4, 3, 2, 1 for each code
		const wrongReasons = batchedResults.filter((r) => r[1] === 'wrong_code').map((r) => r[4]!);
		wrongReasons.forEach((reason, i) => expect(reason).toContain(String(4 - (i % 4))));
		expect(new Set(wrongReasons).size).toBe(8);
		expect(batchedState).toEqual(singleState);
		expect(batchedState.map((s) => s.codes.filter((c) => c.status !== 'superseded').map((c) => [c.purpose, c.status, c.attempts]))).toEqual([
			[['on_site', 'used', 5]],
			[['meter_check', 'locked', 5]]
		]);
	});

	it('a signature after the installation re-drafted the contract in the same push: the old version refused, the addendum signed and the excess refunded, as one at a time', async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, redraftScenario, fieldStateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => [r[0], r[1]])).toEqual([
			['applied', null],
			['rejected', 'contract_changed'],
			['applied', null]
		]);
		expect(batchedState).toEqual(singleState);
		expect(batchedState[0]!.signatures).toHaveLength(1);
		expect(batchedState[0]!.request[0]!.state).toBe('customer_signed');
		expect(batchedState[0]!.refunds).toHaveLength(1);
		expect(Number(batchedState[0]!.refunds[0]!.amount)).toBeGreaterThan(0);
	});

	it('an installation differing from the contract the customer just signed in the same push: the addendum goes to the customer’s portal, as one at a time', async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, signedThenRedraftedScenario, fieldStateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => [r[0], r[1]])).toEqual([
			['applied', null],
			['applied', null]
		]);
		expect(batchedState).toEqual(singleState);
		const codes = batchedState[0]!.codes.map((c) => [c.purpose, c.status]);
		// the spent code stays used; none is left to sign on site: the customer asks the portal for one
		expect(codes).toContainEqual(['on_site', 'used']);
		expect(codes.filter(([, status]) => status === 'active')).toEqual([]);
		expect(batchedState[0]!.notices.map((n) => n.kind)).toContain('remote_signing_link');
		expect(batchedState[0]!.request[0]!.state).toBe('awaiting_remote_signature');
	});

	it('an installation as contracted then the customer’s signature in the same push: installed and signed, the job done, as one at a time', async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, installedThenSignedScenario, fieldStateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => [r[0], r[1]])).toEqual([
			['applied', null],
			['applied', null]
		]);
		expect(batchedState).toEqual(singleState);
		expect(batchedState[0]!.request[0]).toMatchObject({ state: 'customer_signed', installed: true });
		expect(batchedState[0]!.signatures).toHaveLength(1);
		expect(batchedState[0]!.refunds).toEqual([]);
	});

	it("meter checks of two customers in one push send each result to its own customer, in their language, as one at a time", async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, twoCustomersScenario, fieldStateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => r[0])).toEqual(['applied', 'applied']);
		expect(batchedState).toEqual(singleState);
		const results = batchedState.map((s) => s.notices.filter((n) => n.kind === 'meter_check_result').map((n) => [n.channel, n.recipient]));
		expect(results).toEqual([
			[['email', 'mai@example.vn'], ['sms', '0987654321']],
			[['sms', '0977000111']]
		]);
		const english = batchedState[1]!.notices.find((n) => n.kind === 'meter_check_result')!;
		expect(english.body).toMatch(/meter/i);
		expect(english.body).not.toMatch(/cong to/i);
	});

	it("a day's surveys, meter checks, installation and signature interleaved in one push leave what they leave pushed one at a time", async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, dayScenario, dayStateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => [r[0], r[1]])).toEqual([
			['applied', null],
			['rejected', 'wrong_state'],
			['rejected', 'wrong_code'],
			['applied', null],
			['applied', null],
			['applied', null],
			['applied', null],
			['rejected', 'stale_version']
		]);
		expect(batchedState).toEqual(singleState);
		const [installed, checked, surveyed] = batchedState.work;
		expect([installed!.request[0]!.state, checked!.request[0]!.state, surveyed!.request[0]!.state]).toEqual(['customer_signed', 'completed', 'estimated']);
		expect(batchedState.field[1]!.codes.map((c) => [c.status, c.attempts])).toEqual([['used', 2]]);
		expect(batchedState.field[0]!.refunds).toHaveLength(1);
		expect(surveyed!.estimates).toHaveLength(1);
	});

	it('a meter check replacing its meter amid set-based checks leaves what the same commands leave pushed one at a time', async () => {
		const { batchedResults, singleResults, batchedState, singleState } = await batchedAndOneAtATime(driver, open, replacementScenario, metersStateOf);
		expect(batchedResults).toEqual(singleResults);
		expect(batchedResults.map((r) => [r[0], r[1]])).toEqual([
			['rejected', 'below_previous'],
			['applied', null],
			['applied', null],
			['rejected', 'wrong_meter']
		]);
		expect(batchedState).toEqual(singleState);
		expect(batchedState.meters.map((m) => [m.serial, m.on_wall])).toEqual([
			['CT-KT-0001', false],
			['CT-KT-0002', true],
			['CT-KT-9001', true]
		]);
	});
});
