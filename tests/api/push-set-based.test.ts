// Set-based push (docs/sync-protocol.md, "How a batch is written"): a mixed batch written in a few statements leaves
// exactly what the same commands leave pushed one per batch: request states and versions, audit entries in order,
// surveys, estimates, notices and the command log's results.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '../../src/lib/domain/commands';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyJobFor, surveyPayloadFor, uploadPhoto } from '../support/field';

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
});
