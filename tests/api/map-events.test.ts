import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { command, push, surveyPayloadFor, uploadPhoto } from '../support/field';

describe.each(DRIVERS)('crew map and live updates on %s', (driver) => {
	let t: TestContext;
	let supervisor: string;
	let unitId: string;
	beforeEach(async () => {
		t = await createTestContext(driver);
		unitId = (await t.makeUnit()).id;
		await t.makeUser({ username: 'giamsat', role: 'supervisor', unitId });
		supervisor = await t.login('giamsat');
	});
	afterEach(() => t.close());

	async function crewWithJobs(n: number) {
		const crew = await t.makeCrew({ unitId, name: 'Tổ Bản Đồ' });
		await t.makeUser({ username: 'doi-ban-do', crewId: crew.id });
		const token = await t.login('doi-ban-do');
		const jobs = [];
		for (let i = 0; i < n; i++) {
			const request = await t.makeRequest({ unitId }, ['scheduleSurvey']);
			jobs.push({ ...(await t.makeJob({ requestId: request.id, crewId: crew.id, scheduledAt: new Date(t.now().getTime() + (n - i) * 3_600_000) })), requestId: request.id });
		}
		return { crew, token, jobs };
	}

	it('shows one marker per open job and each crew’s route of the day in scheduled order', async () => {
		const { crew, jobs } = await crewWithJobs(3);
		const map = await t.call('GET', '/api/map', { token: supervisor });
		expect(map.status).toBe(200);
		expect(map.body.jobs).toHaveLength(3);
		expect(map.body.jobs.every((j: { location: unknown; deadlineStatus: string }) => j.location && j.deadlineStatus === 'ok')).toBe(true);
		const route = map.body.crews.find((c: { id: string }) => c.id === crew.id).route.map((s: { jobId: string }) => s.jobId);
		expect(route).toEqual([...jobs].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime()).map((j) => j.id));
		expect(map.body.crews[0].position).toBeNull();
	});

	it('places a crew where its last synced command or ping was, with the age of that position', async () => {
		const { crew, token, jobs } = await crewWithJobs(1);
		const photo = await uploadPhoto(t, token, 'vi-tri');
		await push(t, token, 'tablet-ban-do-1', [
			command(1, 'submitSurvey', { requestId: jobs[0]!.requestId, jobId: jobs[0]!.id }, 2, surveyPayloadFor({ site: [photo], meter: [photo] }), {
				deviceTime: new Date(t.now().getTime() - 5 * 60_000).toISOString(),
				location: { lat: 21.03, lng: 105.85, accuracyM: 6 }
			})
		]);
		let map = await t.call('GET', '/api/map', { token: supervisor });
		let position = map.body.crews.find((c: { id: string }) => c.id === crew.id).position;
		expect(position).toMatchObject({ lat: 21.03, lng: 105.85, source: 'command', ageMs: 5 * 60_000 });

		t.setNow(new Date(t.now().getTime() + 60_000));
		expect((await t.call('POST', '/api/crews/me/position', { token, body: { lat: 21.04, lng: 105.86, accuracyM: 12 } })).status).toBe(200);
		map = await t.call('GET', '/api/map', { token: supervisor });
		position = map.body.crews.find((c: { id: string }) => c.id === crew.id).position;
		expect(position).toMatchObject({ lat: 21.04, lng: 105.86, source: 'ping', ageMs: 0 });
		expect((await t.call('POST', '/api/crews/me/position', { token: supervisor, body: { lat: 1, lng: 1, accuracyM: 1 } })).status).toBe(403);
	});

	it('tells a connected supervisor when a crew’s sync changes something, without a reload', async () => {
		const { token } = await crewWithJobs(1);
		const controller = new AbortController();
		const res = await t.app.request(`/api/events?access_token=${supervisor}&pollMs=100`, { signal: controller.signal });
		expect(res.headers.get('content-type')).toContain('text/event-stream');
		const reader = res.body!.getReader();
		const decoder = new TextDecoder();
		let seen = '';
		const until = async (text: string) => {
			while (!seen.includes(text)) seen += decoder.decode((await reader.read()).value);
		};
		await until('event: ready');
		await t.call('POST', '/api/crews/me/position', { token, body: { lat: 21.05, lng: 105.8, accuracyM: 10 } });
		await until('event: changed');
		controller.abort();
		await reader.cancel().catch(() => {});
		expect(seen).toContain('event: changed');
		expect((await t.app.request('/api/events')).status).toBe(401);
	});
});
