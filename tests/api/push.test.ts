import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '../../src/lib/domain/commands';
import { reassignJob } from '../../server/db/requests';
import { DRIVERS, type Driver } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyJobFor, surveyPayloadFor, uploadPhoto } from '../support/field';

const DEVICE = 'tablet-doi-1-a';

/** What a supervisor or the customer would notice about a request: its state and everything recorded for it. */
async function effectsOf(t: TestContext, requestId: string) {
	return t.database.withConnection(async (query) => {
		const one = async (sql: string) => (await query(sql, [requestId])).rows[0]!;
		const request = await one('SELECT state, version FROM requests WHERE id = $1');
		const audit = await one('SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1');
		const surveys = await one('SELECT count(*)::int AS n FROM surveys WHERE request_id = $1');
		const estimates = await one('SELECT count(*)::int AS n FROM estimates WHERE request_id = $1');
		const notices = await one('SELECT count(*)::int AS n FROM notifications WHERE request_id = $1');
		return { state: request.state, version: request.version, audit: audit.n, surveys: surveys.n, estimates: estimates.n, notices: notices.n };
	});
}

async function photosFor(t: TestContext, token: string, label: string) {
	return { site: [await uploadPhoto(t, token, `${label}-site`)], meter: [await uploadPhoto(t, token, `${label}-meter`)] };
}

describe.each(DRIVERS)('sync push on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	it('applies an offline survey then estimate in order: the request is estimated and the payment notice is queued', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const survey = surveyPayloadFor(await photosFor(t, token, 'a'));
		const estimate = estimatePayloadFor(survey);
		const res = await push(t, token, DEVICE, [
			command(1, 'submitSurvey', job, 2, survey),
			command(2, 'submitEstimate', job, 3, estimate)
		]);

		expect(res.status).toBe(200);
		expect(res.body.lastSeq).toBe(2);
		expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
		expect(res.body.results[1].request).toEqual({ id: job.requestId, state: 'estimated', version: 4 });

		const pull = await t.call('GET', `/api/sync/pull?deviceId=${DEVICE}`, { token });
		expect(pull.body.lastSeq).toBe(2);
		const pulled = pull.body.jobs.find((j: { id: string }) => j.id === job.jobId);
		expect(pulled.status).toBe('done');
		expect(pulled.request.state).toBe('estimated');
		expect(pulled.request.survey).toMatchObject({ distanceM: 25, phases: 1, sitePhotos: survey.sitePhotos });
		expect(pulled.request.estimate.total).toBe(estimate.expectedTotal);
		expect(pulled.request.estimate.customer.total + pulled.request.estimate.utility.total).toBe(estimate.expectedTotal);

		const outbox = await t.outbox(job.requestId);
		const channels = outbox.body.messages.map((m: { channel: string }) => m.channel).sort();
		expect(channels).toEqual(['email', 'sms']);
		const amount = new Intl.NumberFormat('vi-VN').format(pulled.request.estimate.customer.total);
		for (const message of outbox.body.messages) expect(message.body).toContain(amount);
	});

	it('answers the same push twice with the stored results and applies it once', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const commands = [command(1, 'submitSurvey', job, 2, surveyPayloadFor(await photosFor(t, token, 'b')))];
		const first = await push(t, token, DEVICE, commands);
		const after = await effectsOf(t, job.requestId);
		const second = await push(t, token, DEVICE, commands);

		expect(second.status).toBe(200);
		expect(second.body.results).toEqual([{ ...first.body.results[0], replayed: true }]);
		expect(await effectsOf(t, job.requestId)).toEqual(after);
		expect(after).toMatchObject({ state: 'surveyed', version: 3, surveys: 1 });
	});

	it('after a lost response, the retried batch plus new work applies each command once', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const survey = surveyPayloadFor(await photosFor(t, token, 'c'));
		const surveyCommand = command(1, 'submitSurvey', job, 2, survey);
		await push(t, token, DEVICE, [surveyCommand]); // the tablet never saw this answer

		const retry = await push(t, token, DEVICE, [surveyCommand, command(2, 'submitEstimate', job, 3, estimatePayloadFor(survey))]);
		expect(retry.body.results.map((r: { status: string; replayed: boolean }) => [r.status, r.replayed])).toEqual([
			['applied', true],
			['applied', false]
		]);
		expect(await effectsOf(t, job.requestId)).toMatchObject({ state: 'estimated', version: 4, surveys: 1, estimates: 1, notices: 2 });
	});

	it('refuses a gap in the sequence without applying anything, then accepts the batch in order', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const survey = surveyPayloadFor(await photosFor(t, token, 'd'));
		const estimateCommand = command(2, 'submitEstimate', job, 3, estimatePayloadFor(survey));

		const gap = await push(t, token, DEVICE, [estimateCommand]);
		expect(gap.body).toMatchObject({ lastSeq: 0, results: [{ seq: 2, status: 'out_of_order', code: 'seq_gap' }] });
		expect(await effectsOf(t, job.requestId)).toMatchObject({ state: 'survey_scheduled', version: 2 });

		const inOrder = await push(t, token, DEVICE, [command(1, 'submitSurvey', job, 2, survey), estimateCommand]);
		expect(inOrder.body.lastSeq).toBe(2);
		expect(await effectsOf(t, job.requestId)).toMatchObject({ state: 'estimated', surveys: 1, estimates: 1 });
	});

	it('with two tablets of one crew, the second survey of the same job is rejected with a reason and its seq still advances', async () => {
		const { crew, token, job } = await crewWithSurveyJob(t, 'doi-an');
		await t.makeUser({ username: 'doi-binh', crewId: crew.id });
		const tokenB = await t.login('doi-binh');
		const photos = await photosFor(t, token, 'e');

		const a = await push(t, token, 'tablet-an-0001', [command(1, 'submitSurvey', job, 2, surveyPayloadFor(photos))]);
		const b = await push(t, tokenB, 'tablet-binh-001', [command(1, 'submitSurvey', job, 2, surveyPayloadFor(photos, { distanceM: 40 }))]);

		expect(a.body.results[0].status).toBe('applied');
		expect(b.body.lastSeq).toBe(1);
		expect(b.body.results[0]).toMatchObject({ status: 'rejected', code: 'stale_version' });
		expect(b.body.results[0].reason.vi).toMatch(/\S/);
		expect(await effectsOf(t, job.requestId)).toMatchObject({ state: 'surveyed', surveys: 1 });
	});

	it('rejects work on a job reassigned meanwhile, with a Vietnamese reason, and goes on with the next command', async () => {
		const { token, job, crew } = await crewWithSurveyJob(t);
		const other = await t.makeCrew();
		const second = await surveyJobFor(t, crew.id);
		const photos = await photosFor(t, token, 'f');
		await t.db.transaction((tx) => reassignJob(tx, job.jobId, other.id, t.now()));

		const res = await push(t, token, DEVICE, [
			command(1, 'submitSurvey', job, 2, surveyPayloadFor(photos)),
			command(2, 'submitSurvey', second, 2, surveyPayloadFor(photos))
		]);

		expect(res.body.lastSeq).toBe(2);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'job_reassigned' });
		expect(res.body.results[0].reason.vi).toContain('tổ khác');
		expect(res.body.results[1].status).toBe('applied');
		expect(await effectsOf(t, job.requestId)).toMatchObject({ state: 'survey_scheduled', surveys: 0 });
		// the rejection is remembered: asking again gives the same reason, not a second attempt
		const again = await push(t, token, DEVICE, [command(1, 'submitSurvey', job, 2, surveyPayloadFor(photos))]);
		expect(again.body.results[0]).toMatchObject({ status: 'rejected', code: 'job_reassigned', replayed: true });
	});

	it('rejects invalid survey data field by field and advances the seq', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const photos = await photosFor(t, token, 'g');
		const res = await push(t, token, DEVICE, [command(1, 'submitSurvey', job, 2, surveyPayloadFor(photos, { distanceM: 900, meterPhotos: [] }))]);
		expect(res.body.lastSeq).toBe(1);
		expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_data' });
		expect(res.body.results[0].fields.distanceM).toContain('500 m');
		expect(res.body.results[0].fields.meterPhotos).toContain('ảnh công tơ');
		expect(await effectsOf(t, job.requestId)).toMatchObject({ state: 'survey_scheduled', version: 2, audit: 2 });
	});

	it('rejects an estimate whose total differs from the server price list', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const survey = surveyPayloadFor(await photosFor(t, token, 'h'));
		const stale = estimatePayloadFor(survey);
		const res = await push(t, token, DEVICE, [
			command(1, 'submitSurvey', job, 2, survey),
			command(2, 'submitEstimate', job, 3, { ...stale, expectedTotal: stale.expectedTotal - 1000 })
		]);
		expect(res.body.results[1]).toMatchObject({ status: 'rejected', code: 'price_changed' });
		expect(await effectsOf(t, job.requestId)).toMatchObject({ state: 'surveyed', estimates: 0, notices: 0 });
	});

	it('asks to retry, not rejects, a command whose photo has not arrived; it applies once the photo is uploaded', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const missing = '0'.repeat(64);
		const commands = [command(1, 'submitSurvey', job, 2, surveyPayloadFor({ site: [missing], meter: [missing] }))];
		const res = await push(t, token, DEVICE, commands);
		expect(res.body).toMatchObject({ lastSeq: 0, results: [{ status: 'retry', code: 'blob_missing' }] });
		expect(await effectsOf(t, job.requestId)).toMatchObject({ state: 'survey_scheduled' });

		const site = await uploadPhoto(t, token, 'i-site');
		const meter = await uploadPhoto(t, token, 'i-meter');
		const again = await push(t, token, DEVICE, [{ ...commands[0]!, payload: surveyPayloadFor({ site: [site], meter: [meter] }) }]);
		expect(again.body.results[0].status).toBe('applied');
	});

	it('refuses a command id reused by another tablet without wedging that tablet', async () => {
		const { token, job, crew } = await crewWithSurveyJob(t, 'doi-an');
		const other = await surveyJobFor(t, crew.id);
		await t.makeUser({ username: 'doi-binh', crewId: crew.id });
		const tokenB = await t.login('doi-binh');
		const photos = await photosFor(t, token, 'reuse');
		const original = command(1, 'submitSurvey', job, 2, surveyPayloadFor(photos));
		await push(t, token, 'tablet-an-0001', [original]);

		const reuse = await push(t, tokenB, 'tablet-binh-001', [
			{ ...command(1, 'submitSurvey', other, 2, surveyPayloadFor(photos)), commandId: original.commandId },
			command(2, 'submitSurvey', other, 2, surveyPayloadFor(photos))
		]);
		expect(reuse.status).toBe(200);
		expect(reuse.body.results.map((r: { status: string; code?: string }) => [r.status, r.code ?? null])).toEqual([
			['rejected', 'duplicate_command'],
			['applied', null]
		]);
		expect(reuse.body.lastSeq).toBe(2);
	});

	it("refuses a device id already bound to another user's tablet", async () => {
		const { token, job, crew } = await crewWithSurveyJob(t);
		await t.makeUser({ username: 'nguoi-khac', crewId: crew.id });
		const other = await t.login('nguoi-khac');
		const photos = await photosFor(t, token, 'j');
		await push(t, token, DEVICE, [command(1, 'submitSurvey', job, 2, surveyPayloadFor(photos))]);
		const res = await push(t, other, DEVICE, [command(2, 'submitSurvey', job, 3, surveyPayloadFor(photos))]);
		expect(res.status).toBe(403);
		expect(res.body.error.code).toBe('device_of_another_user');
	});

	it('refuses a malformed batch with 400 and a supervisor with 403', async () => {
		const { token } = await crewWithSurveyJob(t);
		const bad = await t.call('POST', '/api/sync/push', { token, body: { deviceId: 'x', commands: [] } });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['deviceId', 'commands']));
		await t.makeUser({ username: 'giamsat', role: 'supervisor' });
		const supervisor = await t.login('giamsat');
		const forbidden = await t.call('POST', '/api/sync/push', { token: supervisor, body: { deviceId: DEVICE, commands: [] } });
		expect(forbidden.status).toBe(403);
	});
});

describe.each(DRIVERS)('sync push across a restart on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver, { persistent: true });
	});
	afterEach(() => t.close());

	it('keeps what was pushed when the server restarts before the tablet pulls', async () => {
		const { token, job } = await crewWithSurveyJob(t);
		const survey = surveyPayloadFor(await photosFor(t, token, 'k'));
		await push(t, token, DEVICE, [command(1, 'submitSurvey', job, 2, survey), command(2, 'submitEstimate', job, 3, estimatePayloadFor(survey))]);

		await t.restart();

		const pull = await t.call('GET', `/api/sync/pull?deviceId=${DEVICE}`, { token });
		expect(pull.status).toBe(200);
		expect(pull.body.lastSeq).toBe(2);
		expect(pull.body.jobs[0].request).toMatchObject({ state: 'estimated', version: 4 });
		const photo = await t.call('GET', `/api/blobs/${survey.sitePhotos[0]}`, { token });
		expect(photo.status).toBe(200);
	});
});

/*
 * Property: however the network mangles delivery (lost responses, duplicated and reordered batches,
 * retries), once the tablet has flushed its outbox the server is in the same state as after one clean push.
 */
describe.each(DRIVERS)('sync push convergence on %s', (driver: Driver) => {
	interface Plan {
		token: string;
		commands: CommandEnvelope[];
		requestIds: string[];
	}

	/** Three jobs; survey + estimate on each, one survey with invalid data (its estimate is then refused too). */
	async function setUp(t: TestContext): Promise<Plan> {
		const { token, job, crew } = await crewWithSurveyJob(t);
		const jobs = [job, await surveyJobFor(t, crew.id), await surveyJobFor(t, crew.id)];
		const photos = await photosFor(t, token, 'p');
		const commands: CommandEnvelope[] = [];
		jobs.forEach((j, i) => {
			const survey = surveyPayloadFor(photos, i === 1 ? { distanceM: 0 } : { distanceM: 10 + i });
			commands.push(command(commands.length + 1, 'submitSurvey', j, 2, survey, { commandId: `00000000-0000-4000-8000-00000000000${commands.length + 1}` }));
			commands.push(command(commands.length + 1, 'submitEstimate', j, 3, estimatePayloadFor(survey), { commandId: `00000000-0000-4000-8000-00000000000${commands.length + 1}` }));
		});
		return { token, commands, requestIds: jobs.map((j) => j.requestId) };
	}

	async function serverState(t: TestContext, plan: Plan) {
		const perRequest = [];
		for (const id of plan.requestIds) perRequest.push(await effectsOf(t, id));
		const log = await t.database.withConnection(async (query) => (await query('SELECT seq, status, code FROM command_log ORDER BY seq')).rows);
		return { perRequest, log };
	}

	const delivery = fc.array(
		fc.record({
			from: fc.nat({ max: 5 }),
			length: fc.integer({ min: 1, max: 6 }),
			shuffle: fc.boolean(),
			duplicate: fc.boolean(),
			responseLost: fc.boolean()
		}),
		{ maxLength: 6 }
	);

	it('converges to the state of a clean run', async () => {
		const clean = await createTestContext(driver);
		let expected: Awaited<ReturnType<typeof serverState>>;
		try {
			const plan = await setUp(clean);
			const res = await push(clean, plan.token, DEVICE, plan.commands);
			expect(res.body.lastSeq).toBe(6);
			expected = await serverState(clean, plan);
		} finally {
			await clean.close();
		}
		expect(expected.log.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'rejected', 'applied', 'applied']);

		await fc.assert(
			fc.asyncProperty(delivery, async (attempts) => {
				const t = await createTestContext(driver);
				try {
					const plan = await setUp(t);
					let acknowledged = 0;
					for (const attempt of attempts) {
						let batch = plan.commands.slice(attempt.from, attempt.from + attempt.length);
						if (attempt.duplicate) batch = [...batch, ...batch];
						if (attempt.shuffle) batch = [...batch].reverse();
						if (batch.length === 0) continue;
						const res = await push(t, plan.token, DEVICE, batch);
						expect(res.status).toBe(200);
						if (!attempt.responseLost) acknowledged = Math.max(acknowledged, res.body.lastSeq);
					}
					// the tablet flushes what it has not seen acknowledged, in order
					const unacknowledged = plan.commands.slice(acknowledged);
					if (unacknowledged.length > 0) expect((await push(t, plan.token, DEVICE, unacknowledged)).body.lastSeq).toBe(6);
					expect(await serverState(t, plan)).toEqual(expected);
				} finally {
					await t.close();
				}
			}),
			{ numRuns: driver === 'pglite' ? 8 : 5 }
		);
	}, 180_000);
});
