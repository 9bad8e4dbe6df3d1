// Field-work test data: a crew with a survey job, photos, and commands with valid defaults.
import { createHash, randomUUID } from 'node:crypto';
import type { CommandEnvelope, EstimatePayload, SurveyPayload } from '../../src/lib/domain/commands';
import { priceEstimate, suggestedLines } from '../../src/lib/domain/estimate';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { insertEstimate } from '../../server/db/commands';
import { latestContract } from '../../server/db/contracts';
import { sendReadingLink } from '../../server/services/meters';
import { recordPayment } from '../../server/services/payments';
import { DEFAULT_CODE_POLICY, issueSigningCode } from '../../server/services/signing-codes';
import { sendToRemoteSigning } from '../../server/services/signing';
import type { TestContext } from './factories';

/** Bytes the server accepts as a JPEG (it checks the magic bytes and the hash, not the picture). */
export function fakeJpeg(label: string): { bytes: Uint8Array; sha256: string } {
	const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(`anh thu ${label}`), 0xff, 0xd9]);
	return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export async function uploadPhoto(t: TestContext, token: string, label: string) {
	const photo = fakeJpeg(label);
	const res = await t.call('PUT', `/api/blobs/${photo.sha256}`, { token, bytes: photo.bytes, contentType: 'image/jpeg' });
	if (res.status !== 201 && res.status !== 200) throw new Error(`upload ${label}: ${res.status} ${JSON.stringify(res.body)}`);
	return photo.sha256;
}

export function surveyPayloadFor(photos: { site: string[]; meter: string[] }, overrides: Partial<SurveyPayload> = {}): SurveyPayload {
	return {
		customerPresent: true,
		siteCondition: 'good',
		distanceM: 25,
		phases: 1,
		expectedLoadKw: 5,
		route: 'overhead',
		obstacles: '',
		notes: 'Khách hẹn buổi sáng',
		location: { lat: 21.0285, lng: 105.8542, accuracyM: 8 },
		sitePhotos: photos.site,
		meterPhotos: photos.meter,
		...overrides
	};
}

export function estimatePayloadFor(survey: Pick<SurveyPayload, 'distanceM' | 'phases' | 'route'>, overrides: Partial<EstimatePayload> = {}): EstimatePayload {
	const lines = suggestedLines(survey);
	return { lines, vatPercent: 10, expectedTotal: priceEstimate(lines, 10).total, notes: '', ...overrides };
}

export function command(
	seq: number,
	name: string,
	target: { requestId: string; jobId: string },
	baseVersion: number,
	payload: unknown,
	overrides: Partial<CommandEnvelope> = {}
): CommandEnvelope {
	return {
		commandId: randomUUID(),
		seq,
		name,
		requestId: target.requestId,
		jobId: target.jobId,
		baseVersion,
		deviceTime: '2026-11-23T09:30:00+07:00',
		location: { lat: 21.0285, lng: 105.8542, accuracyM: 8 },
		payload,
		...overrides
	};
}

/** A crew member, logged in, with one survey job on a request waiting for its survey (version 2). */
export async function crewWithSurveyJob(t: TestContext, username = 'doi-khao-sat') {
	const crew = await t.makeCrew();
	const user = await t.makeUser({ username, crewId: crew.id });
	const token = await t.login(username);
	const job = await surveyJobFor(t, crew.id);
	return { crew, user, token, job };
}

export async function surveyJobFor(t: TestContext, crewId: string, customer: { fullName?: string; phone?: string; email?: string | null } = {}) {
	const c = await t.makeCustomer(customer);
	const request = await t.makeRequest({ customerId: c.id }, ['scheduleSurvey']);
	const job = await t.makeJob({ requestId: request.id, crewId, kind: 'survey' });
	return { jobId: job.id, requestId: request.id, code: request.code };
}

export async function push(t: TestContext, token: string, deviceId: string, commands: CommandEnvelope[]) {
	return t.call('POST', '/api/sync/push', { token, body: { deviceId, commands } });
}

const SIGNING = { holidays: DEFAULT_HOLIDAYS, codePolicy: DEFAULT_CODE_POLICY, publicUrl: 'https://hientruong.test' };
const signingOf = (t: TestContext) => ({ runtime: t.runtime, ...SIGNING });

/** A request surveyed and estimated by `crewId` (written directly, no push): what the customer owes is `owed`. */
export async function estimatedRequest(t: TestContext, opts: { crewId: string; submittedBy: string; unitId?: string }) {
	const request = await t.makeRequest({ unitId: opts.unitId }, ['scheduleSurvey', 'submitSurvey', 'submitEstimate']);
	const job = await t.makeJob({ requestId: request.id, crewId: opts.crewId, kind: 'survey' });
	const priced = priceEstimate(suggestedLines({ distanceM: 25, phases: 1, route: 'overhead' }), 10);
	await insertEstimate(t.db, {
		id: t.runtime.newId(),
		requestId: request.id,
		jobId: job.id,
		commandId: randomUUID(),
		lines: priced.lines,
		vatPercent: priced.vatPercent,
		utilityTotal: priced.utility.total,
		customerTotal: priced.customer.total,
		total: priced.total,
		notes: '',
		submittedBy: opts.submittedBy,
		submittedAt: t.now()
	});
	return { request, job, owed: priced.customer.total };
}

/** A paid request with its contract drafted (version 1) and the crew's installation job. */
export async function contractedRequest(t: TestContext, opts: { crewId: string; submittedBy: string; unitId?: string }) {
	const estimated = await estimatedRequest(t, opts);
	await t.db.transaction((tx) =>
		recordPayment(tx, signingOf(t), { requestId: estimated.request.id, amount: estimated.owed, method: 'counter', provider: 'counter', providerTxnId: `BL-${estimated.request.id}`, actor: { userId: null, role: 'system' } })
	);
	const contract = (await latestContract(t.db, estimated.request.id))!;
	return { ...estimated, contract };
}

/** A contracted request sent to the customer's portal: the link's token, and a portal code the test knows. */
export async function awaitingRemoteSignature(t: TestContext, opts: { crewId: string; submittedBy: string; unitId?: string }) {
	const contracted = await contractedRequest(t, opts);
	const { token, code } = await t.db.transaction(async (tx) => {
		const sent = await sendToRemoteSigning(tx, signingOf(t), { requestId: contracted.request.id, actor: { userId: null, role: 'system' } });
		const issued = await issueSigningCode(tx, t.runtime, { requestId: contracted.request.id, subjectId: contracted.contract.id, purpose: 'portal', policy: DEFAULT_CODE_POLICY });
		return { token: sent.token, code: issued.code };
	});
	return { ...contracted, portalToken: token, portalCode: code };
}

/** A reading-day link of a meter (its customer's self-reading page): the link's token. */
export async function readingLinkFor(t: TestContext, serial: string, readingDate = '2026-11-23') {
	const ctx = { ...t.runtime, ...SIGNING };
	const { token } = await t.db.transaction((tx) => sendReadingLink(tx, ctx, { serial, readingDate, unitId: null }));
	return token;
}

/** A signature as the portal and the tablet send it. */
export const DRAWN_SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgo=',
	strokes: [[{ x: 10, y: 20, time: 1 }, { x: 30, y: 25, time: 40 }]],
	signerName: 'Nguyễn Văn Khách'
};
