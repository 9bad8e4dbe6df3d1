// Field-work test data: a crew with a survey job, photos, and commands with valid defaults.
import { createHash, randomUUID } from 'node:crypto';
import type { CommandEnvelope, EstimatePayload, SurveyPayload } from '../../src/lib/domain/commands';
import { priceEstimate, suggestedLines } from '../../src/lib/domain/estimate';
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
