// Issue 11 item 2, "what was installed is what is signed": the path where the crew records the installation AFTER
// the customer has signed (recordInstallation is allowed from customer_signed and utility_signed in
// src/lib/domain/workflow.ts). An installation equal to the signed contract changes nothing. (One that differs still
// drafts no addendum on this path: ADDENDUM_STATES holds only contract_drafted and awaiting_remote_signature. That
// is open in issue 11; its test comes with the fix.)
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestContract } from '../../server/db/contracts';
import { amountOwed } from '../../server/services/balance';
import { DEFAULT_CODE_POLICY, issueSigningCode } from '../../server/services/signing-codes';
import { DRIVERS } from '../support/db';
import { createTestContext, TEST_WEBHOOK_SECRET, type TestContext } from '../support/factories';
import { command, crewWithSurveyJob, estimatePayloadFor, push, surveyPayloadFor, uploadPhoto } from '../support/field';

const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Lê Văn Tâm'
};
const DEVICE = 'tablet-thi-cong-1';

describe.each(DRIVERS)('installation recorded after the customer signed, on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	/** Surveyed, estimated, paid and signed on site with the contract's code; the installation not yet recorded. */
	async function signedBeforeInstallation() {
		const crew = await crewWithSurveyJob(t);
		const photos = { site: [await uploadPhoto(t, crew.token, 's')], meter: [await uploadPhoto(t, crew.token, 'm')] };
		const survey = surveyPayloadFor(photos);
		const estimate = estimatePayloadFor(survey);
		await push(t, crew.token, DEVICE, [command(1, 'submitSurvey', crew.job, 2, survey), command(2, 'submitEstimate', crew.job, 3, estimate)]);
		const owed = (await t.call('GET', '/api/sync/pull', { token: crew.token })).body.jobs[0].request.estimate.customer.total;
		const raw = JSON.stringify({ requestCode: crew.job.code, amount: owed, transactionId: `TX-${crew.job.requestId}` });
		await t.app.request('/api/payments/webhook', { method: 'POST', headers: { 'x-signature': createHmac('sha256', TEST_WEBHOOK_SECRET).update(raw).digest('hex') }, body: raw });
		const pulled = await t.call('GET', '/api/sync/pull', { token: crew.token });
		const installJob = pulled.body.jobs.find((j: { kind: string }) => j.kind === 'installation');
		const contract = (await latestContract(t.db, crew.job.requestId))!;
		const { code } = await t.db.transaction((tx) => issueSigningCode(tx, t.runtime, { requestId: crew.job.requestId, subjectId: contract.id, purpose: 'on_site', policy: DEFAULT_CODE_POLICY }));
		const target = { requestId: crew.job.requestId, jobId: installJob.id };
		const version = installJob.request.version as number;
		const signed = await push(t, crew.token, DEVICE, [command(3, 'signOnSite', target, version, { contractVersion: 1, contractSha256: contract.sha256, code, signature: SIGNATURE })]);
		expect(signed.body.results[0].status).toBe('applied');
		const installation = async (materials: typeof estimate.lines) => ({
			materials,
			meterSerial: 'pc-2026-118',
			meterReadingKwh: 12.5,
			meterPhoto: await uploadPhoto(t, crew.token, 'mat-cong-to'),
			sealNumbers: ['NP-001'],
			beforePhotos: [await uploadPhoto(t, crew.token, 'truoc')],
			afterPhotos: [await uploadPhoto(t, crew.token, 'sau')],
			notes: ''
		});
		const more = estimate.lines.map((l, i) => (i === 2 ? { ...l, quantity: l.quantity + 3 } : l));
		return { ...crew, target, contract, version: version + 1, estimate, more, installation };
	}

	const facts = async (requestId: string) =>
		t.database.withConnection(async (q) => ({
			request: (await q('SELECT state, installed FROM requests WHERE id = $1', [requestId])).rows[0]!,
			versions: (await q('SELECT version, kind FROM contracts WHERE request_id = $1 ORDER BY version', [requestId])).rows,
			refunds: Number((await q('SELECT count(*) AS n FROM refunds WHERE request_id = $1', [requestId])).rows[0]!.n),
			signatures: Number((await q('SELECT count(*) AS n FROM signatures')).rows[0]!.n)
		}));

	it('an installation equal to the signed contract changes nothing: same version, nothing owed, no refund', async () => {
		const r = await signedBeforeInstallation();
		const res = await push(t, r.token, DEVICE, [command(4, 'recordInstallation', r.target, r.version, await r.installation(r.estimate.lines))]);
		expect(res.body.results[0]).toMatchObject({ status: 'applied', request: { state: 'customer_signed' } });
		expect(await facts(r.target.requestId)).toEqual({
			request: { state: 'customer_signed', installed: true },
			versions: [{ version: 1, kind: 'contract' }],
			refunds: 0,
			signatures: 1
		});
		expect(await amountOwed(t.db, r.target.requestId)).toBe(0);
	});
});
