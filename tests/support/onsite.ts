// Issue 11 items 2–3 (on-site signing): a request surveyed, estimated and paid, its installation job on the crew's
// tablet, an on-site code issued, and an installation payload ready to push.
import { createHmac } from 'node:crypto';
import { latestContract } from '../../server/db/contracts';
import { DEFAULT_CODE_POLICY, issueSigningCode } from '../../server/services/signing-codes';
import { TEST_WEBHOOK_SECRET, type TestContext } from './factories';
import { crewWithSurveyJob, estimatePayloadFor, push, surveyPayloadFor, uploadPhoto } from './field';

export const ONSITE_DEVICE = 'tablet-thi-cong-1';
export const ONSITE_SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Lê Văn Tâm'
};

export async function readyToInstallOnSite(t: TestContext) {
	const crew = await crewWithSurveyJob(t);
	const photos = { site: [await uploadPhoto(t, crew.token, 's')], meter: [await uploadPhoto(t, crew.token, 'm')] };
	const survey = surveyPayloadFor(photos);
	const estimate = estimatePayloadFor(survey);
	const { command } = await import('./field');
	await push(t, crew.token, ONSITE_DEVICE, [command(1, 'submitSurvey', crew.job, 2, survey), command(2, 'submitEstimate', crew.job, 3, estimate)]);
	const owed = (await t.call('GET', '/api/sync/pull', { token: crew.token })).body.jobs[0].request.estimate.customer.total as number;
	const raw = JSON.stringify({ requestCode: crew.job.code, amount: owed, transactionId: `TX-${crew.job.requestId}` });
	await t.app.request('/api/payments/webhook', { method: 'POST', headers: { 'x-signature': createHmac('sha256', TEST_WEBHOOK_SECRET).update(raw).digest('hex') }, body: raw });
	const pulled = await t.call('GET', '/api/sync/pull', { token: crew.token });
	const job = pulled.body.jobs.find((j: { kind: string }) => j.kind === 'installation');
	const contract = (await latestContract(t.db, crew.job.requestId))!;
	const { code } = await t.db.transaction((tx) => issueSigningCode(tx, t.runtime, { requestId: crew.job.requestId, subjectId: contract.id, purpose: 'on_site', policy: DEFAULT_CODE_POLICY }));
	const target = { requestId: crew.job.requestId, jobId: job.id as string };
	const installation = {
		materials: estimate.lines.map((l) => ({ ...l })),
		meterSerial: 'pc-2026-118',
		meterReadingKwh: 12.5,
		meterPhoto: await uploadPhoto(t, crew.token, 'mat-cong-to'),
		sealNumbers: ['NP-001'],
		beforePhotos: [await uploadPhoto(t, crew.token, 'truoc')],
		afterPhotos: [await uploadPhoto(t, crew.token, 'sau')],
		notes: ''
	};
	return { ...crew, target, contract, code, installation, version: job.request.version as number, estimate, job, paid: owed };
}

/** The estimate's lines with one unit less of the first line that has more than one: an installation that used less. */
export function lessThanEstimated<L extends { quantity: number }>(lines: readonly L[]): L[] {
	const fewer = lines.findIndex((l) => l.quantity > 1);
	return lines.map((l, i) => (i === fewer ? { ...l, quantity: l.quantity - 1 } : { ...l }));
}
