// The tablet's real sync engine (outbox, push, pull over a memory store) against the real API in-process:
// what the crew prepared offline is what the server records, and a refusal comes back readable.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setJobStatus } from '../../server/db/commands';
import { createFieldWork } from '../../src/lib/client/outbox';
import { MemoryStore } from '../../src/lib/client/memory-store';
import { runSyncCycle } from '../../src/lib/client/push';
import { pullOnce } from '../../src/lib/client/sync';
import { estimatePayloadFor, fakeJpeg, surveyPayloadFor } from '../support/field';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';

describe.each(DRIVERS)('tablet sync engine against the API on %s', (driver) => {
	let t: TestContext;
	beforeEach(async () => {
		t = await createTestContext(driver);
	});
	afterEach(() => t.close());

	/** A tablet: its own store, logged in as `username`, with the crew's jobs pulled once while online. */
	async function tablet(username: string, crewId: string, deviceId: string) {
		await t.makeUser({ username, crewId });
		const token = await t.login(username);
		const store = new MemoryStore();
		const fetch: typeof globalThis.fetch = (input, init) => Promise.resolve(t.app.request(String(input), init));
		const work = createFieldWork({ store, now: () => new Date('2026-11-23T02:30:00Z'), utcOffsetMinutes: () => 420, newId: () => randomUUID() });
		await store.setMeta('dataOwnerId', username);
		const pulled = await pullOnce({ fetch, store, token, ownerId: username });
		expect(pulled.ok).toBe(true);
		const sync = () => runSyncCycle({ fetch, store, token, ownerId: username, now: () => t.now().getTime(), newDeviceId: () => deviceId, force: true, materialsMaxAgeMs: 0 });
		return { store, work, sync };
	}

	async function photo(tab: Awaited<ReturnType<typeof tablet>>, jobId: string, label: string) {
		const jpeg = fakeJpeg(label);
		await tab.work.savePhoto({ sha256: jpeg.sha256, blob: new Blob([jpeg.bytes as BlobPart], { type: 'image/jpeg' }), mime: 'image/jpeg', size: jpeg.bytes.length, width: 4, height: 3, jobId, capturedAt: '2026-11-23T09:30:00+07:00' });
		return jpeg.sha256;
	}

	it('a survey and an estimate made offline reach the server with their photos, as the tablet showed them', async () => {
		const crew = await t.makeCrew();
		const job = await t.makeJob({ crewId: crew.id });
		const tab = await tablet('doi-mot', crew.id, 'tablet-doi-mot-1');
		const survey = surveyPayloadFor({ site: [await photo(tab, job.id, 'hien-truong')], meter: [await photo(tab, job.id, 'cong-to')] });
		expect((await tab.work.submitFieldCommand({ name: 'submitSurvey', jobId: job.id, payload: survey, location: survey.location })).ok).toBe(true);
		expect((await tab.work.submitFieldCommand({ name: 'submitEstimate', jobId: job.id, payload: estimatePayloadFor(survey), location: null })).ok).toBe(true);
		const shown = (await tab.work.getEffectiveJob(job.id))!;
		expect(shown.request.state).toBe('estimated');

		const cycle = await tab.sync();
		expect(cycle.push).toMatchObject({ applied: 2, rejected: 0, pendingLeft: 0 });
		const after = (await tab.work.getEffectiveJob(job.id))!;
		expect(after.pending).toEqual([]);
		expect(after.request).toMatchObject({ state: 'estimated', version: shown.request.version });
		expect(after.request.estimate!.total).toBe(shown.request.estimate!.total);
		expect(after.request.estimate!.customer.total).toBe(shown.request.estimate!.customer.total);
		expect(after.request.survey!.sitePhotos).toEqual(survey.sitePhotos);
		const bytes = await t.app.request(`/api/blobs/${survey.sitePhotos[0]}`, { headers: { authorization: `Bearer ${await t.login('doi-mot')}` } });
		expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(fakeJpeg('hien-truong').bytes);
	});

	it("a second tablet's survey of the same job comes back rejected with the server's reason and can be redone", async () => {
		const crew = await t.makeCrew();
		const job = await t.makeJob({ crewId: crew.id });
		const first = await tablet('doi-an', crew.id, 'tablet-an-00001');
		const second = await tablet('doi-binh', crew.id, 'tablet-binh-0001');
		for (const tab of [first, second]) {
			const survey = surveyPayloadFor({ site: [await photo(tab, job.id, 'a')], meter: [await photo(tab, job.id, 'b')] });
			expect((await tab.work.submitFieldCommand({ name: 'submitSurvey', jobId: job.id, payload: survey, location: null })).ok).toBe(true);
		}
		expect((await first.sync()).push.applied).toBe(1);
		expect((await second.sync()).push.rejected).toBe(1);

		const rejected = (await second.work.getEffectiveJob(job.id))!.rejected;
		expect(rejected).toHaveLength(1);
		expect(rejected[0]).toMatchObject({ status: 'rejected', code: 'stale_version' });
		expect(rejected[0]!.reason!.vi).toMatch(/\S/);
		await second.work.redoRejected(rejected[0]!.commandId);
		expect((await second.work.loadDraft(job.id, 'survey'))?.data).toMatchObject({ distanceM: 25 });
		expect((await second.work.getEffectiveJob(job.id))!.rejected).toEqual([]);
	});

	it('pulls a crew\'s jobs page by page into the store, and a job closed outside the window leaves it unless the crew has work on it', async () => {
		const crew = await t.makeCrew();
		const jobs = [];
		for (let i = 0; i < 7; i++) jobs.push(await t.makeJob({ crewId: crew.id }));
		await t.makeUser({ username: 'doi-trang', crewId: crew.id });
		const token = await t.login('doi-trang');
		const store = new MemoryStore();
		await store.setMeta('dataOwnerId', 'doi-trang');
		const fetch: typeof globalThis.fetch = (input, init) => Promise.resolve(t.app.request(String(input), init));
		const pull = () => pullOnce({ fetch, store, token, ownerId: 'doi-trang', pageSize: 3 });

		expect(await pull()).toMatchObject({ ok: true, full: true, pages: 3, upserted: 7 });
		expect((await store.listJobs()).map((j) => j.id).sort()).toEqual(jobs.map((j) => j.id).sort());

		// two jobs close; the crew still has an unsent command on one of them
		const [kept, gone] = [jobs[0]!, jobs[1]!];
		for (const job of [kept, gone]) await t.db.transaction((tx) => setJobStatus(tx, job.id, 'done', t.now()));
		const work = createFieldWork({ store, now: () => t.now(), utcOffsetMinutes: () => 420, newId: () => randomUUID() });
		const tab = { store, work, sync: async () => undefined };
		const survey = surveyPayloadFor({ site: [await photo(tab as never, kept.id, 'x')], meter: [await photo(tab as never, kept.id, 'y')] });
		expect((await work.submitFieldCommand({ name: 'submitSurvey', jobId: kept.id, payload: survey, location: null })).ok).toBe(true);
		expect(await pull()).toMatchObject({ ok: true, upserted: 2, dropped: 0 });

		// fifteen days later both are outside the 14-day window: the server drops them, the tablet keeps the one with work
		t.setNow(new Date(t.now().getTime() + 15 * 86_400_000));
		const later = await pullOnce({ fetch, store, token: await t.login('doi-trang'), ownerId: 'doi-trang', pageSize: 3 });
		expect(later).toMatchObject({ ok: true, upserted: 0, dropped: 1, keptForWork: 1 });
		expect(await store.getJob(gone.id)).toBeUndefined();
		expect(await store.getJob(kept.id)).toBeDefined();
		expect((await store.listCommands({ status: 'pending' })).map((c) => c.jobId)).toEqual([kept.id]);
	});
});
