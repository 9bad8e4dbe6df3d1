// A push batch keeps other requests' set-based writes pending across a command that touches only its own request
// (ownRequestOnly: installations, signatures, remote signing, fixes): before it, only that request's pending writes
// are written, and after it only that request's signing codes are read again. No flow of the field app reaches a
// command of that kind on a request with writes still pending (survey and estimate come long before the signing), so
// these check the two pieces directly, on the database, as a future command would rely on them; and an installation's
// addendum, which writes the batch's attempts on its request's codes itself before it retires them (keepsCodes).
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { applyTransition } from '../../src/lib/domain/workflow';
import { flushDeferred, flushScopeOf } from '../../server/services/field-commands';
import { batchReads, noDeferred, type PushBatch } from '../../server/services/field-commands/types';
import { auditEntryOf, transitionRequest } from '../../server/services/workflow';
import { DEFAULT_CODE_POLICY, forgetCodes, issueSigningCode, verifySigningCode } from '../../server/services/signing-codes';
import { draftInstalledContract } from '../../server/services/installed-contract';
import { latestContract } from '../../server/db/contracts';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { command, push } from '../support/field';
import { lessThanEstimated, ONSITE_SIGNATURE, readyToInstallOnSite } from '../support/onsite';

/** A batch that surveyed both requests in memory (their transitions, audits and jobs done pending), as a push decides them. */
async function twoSurveyedInMemory(t: TestContext) {
	const crew = await t.makeCrew();
	const first = await t.makeJob({ crewId: crew.id });
	const second = await t.makeJob({ crewId: crew.id });
	const batch: PushBatch = { jobs: new Map(), requests: new Map(), positions: [], surveys: [], deferred: noDeferred() };
	for (const job of [first, second]) {
		batch.jobs.set(job.id, { ...job, changeSeq: 0 } as never);
		const input = { requestId: job.requestId, name: 'submitSurvey' as const, actor: { userId: null, role: 'crew' as const }, at: t.runtime.clock() };
		const result = applyTransition({ state: 'survey_scheduled', version: 2, installed: false, serviceNumber: 1 }, 'submitSurvey', 'crew');
		if (!result.ok) throw new Error(result.reason.en);
		batch.deferred!.states.set(job.requestId, { id: job.requestId, state: result.request.state, version: result.request.version, installed: false, updatedAt: input.at });
		batch.deferred!.audits.push(auditEntryOf(input, result));
		batch.deferred!.jobsDone.set(job.id, input.at);
	}
	return { batch, first, second };
}

async function written(t: TestContext, requestId: string) {
	return t.database.withConnection(async (query) => ({
		request: (await query('SELECT state, version FROM requests WHERE id = $1', [requestId])).rows[0],
		audits: (await query("SELECT transition FROM audit_log WHERE request_id = $1 AND transition = 'submitSurvey'", [requestId])).rows.length,
		jobs: (await query('SELECT status FROM jobs WHERE request_id = $1', [requestId])).rows.map((r) => r.status)
	}));
}

describe.each(DRIVERS)('a push batch scoped to one request on %s', (driver) => {
	const open: TestContext[] = [];
	afterEach(async () => {
		for (const t of open.splice(0)) await t.close();
	});

	it("writes only that request's pending transition, audit entry and job done; the other request's stay pending until the batch's end", async () => {
		const t = await createTestContext(driver);
		open.push(t);
		const { batch, first, second } = await twoSurveyedInMemory(t);
		await t.database.db.transaction(async (tx) => {
			await flushDeferred(tx, batch, { requestId: first.requestId, meters: new Set() });
		});
		expect(await written(t, first.requestId)).toEqual({ request: { state: 'surveyed', version: 3 }, audits: 1, jobs: ['done'] });
		expect(await written(t, second.requestId)).toEqual({ request: { state: 'survey_scheduled', version: 2 }, audits: 0, jobs: ['assigned'] });
		expect([...batch.deferred!.states.keys()]).toEqual([second.requestId]);
		expect(batch.deferred!.audits.map((a) => a.requestId)).toEqual([second.requestId]);
		await t.database.db.transaction(async (tx) => {
			await flushDeferred(tx, batch);
		});
		expect(await written(t, second.requestId)).toEqual({ request: { state: 'surveyed', version: 3 }, audits: 1, jobs: ['done'] });
		expect(await written(t, first.requestId)).toEqual({ request: { state: 'surveyed', version: 3 }, audits: 1, jobs: ['done'] });
	});

	it('scopes only commands that declare they touch their own request alone: a meter check replacing its meter writes everything first', () => {
		const envelope = (name: string, payload: unknown = {}) => ({ name, payload, requestId: 'YC-1' });
		expect(flushScopeOf(envelope('recordInstallation', { meterSerial: 'CT-1' }))?.requestId).toBe('YC-1');
		expect(flushScopeOf(envelope('signOnSite'))?.requestId).toBe('YC-1');
		expect(flushScopeOf(envelope('recordMeterCheck', { meterSerial: 'CT-1', replacement: { newSerial: 'CT-2' } }))).toBeUndefined();
		expect(flushScopeOf(envelope('notACommand'))).toBeUndefined();
	});

	it("after a command issued one request's code, the batch reads that request's codes again and keeps the other's attempts in its copy", async () => {
		const t = await createTestContext(driver);
		open.push(t);
		const [first, second] = [await t.makeRequest(), await t.makeRequest()];
		const policy = DEFAULT_CODE_POLICY;
		await t.database.db.transaction(async (tx) => {
			const old = await issueSigningCode(tx, t.runtime, { requestId: first.id, subjectId: 'hop-dong-1', purpose: 'on_site', policy });
			const other = await issueSigningCode(tx, t.runtime, { requestId: second.id, subjectId: 'hop-dong-2', purpose: 'on_site', policy });
			const reads = batchReads({ codeRequestIds: [first.id, second.id] });
			const check = (requestId: string, subjectId: string, code: string) => verifySigningCode(tx, t.runtime, { requestId, subjectId, purpose: 'on_site', code, policy, memo: reads });
			const wrong = (code: string) => (code === '00000' ? '11111' : '00000');
			// a wrong attempt on each request, held in the batch's copy
			expect((await check(first.id, 'hop-dong-1', wrong(old.code))).ok).toBe(false);
			expect((await check(second.id, 'hop-dong-2', wrong(other.code))).ok).toBe(false);
			// a command of the first request: its attempt written, then a fresh code issued for it (the old one superseded)
			await forgetCodes(tx, reads, first.id);
			const fresh = await issueSigningCode(tx, t.runtime, { requestId: first.id, subjectId: 'hop-dong-1', purpose: 'on_site', policy });
			expect(await check(first.id, 'hop-dong-1', fresh.code)).toEqual({ ok: true });
			// the second request's attempt is still the batch's to write, and counts
			const again = await check(second.id, 'hop-dong-2', wrong(other.code));
			expect(again).toMatchObject({ ok: false, attemptsLeft: policy.maxAttempts - 2 });
			await forgetCodes(tx, reads);
		});
		const codes = await t.database.withConnection(async (query) => (await query('SELECT request_id, status, attempts FROM signing_codes ORDER BY request_id, created_at')).rows);
		expect(codes).toEqual([
			{ request_id: first.id, status: 'superseded', attempts: 1 },
			{ request_id: first.id, status: 'used', attempts: 1 },
			{ request_id: second.id, status: 'active', attempts: 2 }
		]);
	});

	it("an installation's addendum after the customer signed retires the request's codes for good, though the batch held an attempt on one of them", async () => {
		const t = await createTestContext(driver);
		open.push(t);
		const r = await readyToInstallOnSite(t);
		const signed = await push(t, r.token, 'tablet-scope', [
			command(1, 'signOnSite', r.target, r.version, { contractVersion: r.contract.version, contractSha256: r.contract.sha256, code: r.code, signature: ONSITE_SIGNATURE })
		]);
		expect(signed.body.results[0].status).toBe('applied');
		const policy = DEFAULT_CODE_POLICY;
		const requestId = r.target.requestId;
		const installed = lessThanEstimated(r.estimate.lines);
		await t.database.db.transaction(async (tx) => {
			// a code still active on the signed version, and a wrong attempt on it held in the batch's copy
			const contract = (await latestContract(tx, requestId))!;
			const spare = await issueSigningCode(tx, t.runtime, { requestId, subjectId: contract.id, purpose: 'on_site', policy });
			const reads = batchReads({ codeRequestIds: [requestId], contractRequestIds: [requestId] });
			const wrong = spare.code === '00000' ? '11111' : '00000';
			expect((await verifySigningCode(tx, t.runtime, { requestId, subjectId: contract.id, purpose: 'on_site', code: wrong, policy, memo: reads })).ok).toBe(false);
			// the installation's own transition, as the push applies it before its writes
			expect((await transitionRequest(tx, { requestId, name: 'recordInstallation', actor: { userId: null, role: 'crew' }, at: t.runtime.clock() })).ok).toBe(true);
			const ctx = { runtime: t.runtime, holidays: DEFAULT_HOLIDAYS, codePolicy: policy, publicUrl: 'https://hientruong.test' };
			expect(await draftInstalledContract(tx, ctx, { requestId, installed, installedAt: t.runtime.clock(), memo: reads })).not.toBeNull();
			// the batch's end writes what its copy holds
			await forgetCodes(tx, reads);
		});
		const codes = await t.database.withConnection(async (query) => (await query("SELECT status, attempts FROM signing_codes WHERE request_id = $1 AND status = 'active'", [requestId])).rows);
		expect(codes).toEqual([]);
	});
});
