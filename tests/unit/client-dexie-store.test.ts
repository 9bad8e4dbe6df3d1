import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie, { liveQuery } from 'dexie';
import { DexieStore, HienTruongDb } from '$lib/client/dexie-store';
import { adoptSession } from '$lib/client/auth';
import { pullOnce } from '$lib/client/sync';
import type { StoredSession } from '$lib/client/store';
import { createFieldWork } from '$lib/client/outbox';
import { runSyncCycle } from '$lib/client/push';
import { FakeServer, fakeFetch, json, makeJob, photoOf, pullBody, SHA_A, SHA_B, surveyInput, uuidSequence } from './client-fixtures';

let db: HienTruongDb;
let store: DexieStore;
let dbCounter = 0;

beforeEach(() => {
	db = new HienTruongDb(`hien-truong-test-${++dbCounter}`);
	store = new DexieStore(db);
});

afterEach(async () => {
	db.close();
	await HienTruongDb.delete(db.name);
});

function sessionFor(userId: string): StoredSession {
	return {
		token: `t-${userId}`,
		expiresAt: '2025-12-01T00:00:00.000Z',
		user: {
			id: userId,
			username: userId,
			fullName: `Người dùng ${userId}`,
			role: 'crew',
			crewId: 'crew-1',
			crewName: 'Tổ 1',
			unitId: null
		}
	};
}

describe('DexieStore', () => {
	it('declares the jobs indexes the app queries by', () => {
		const jobs = db.tables.find((t) => t.name === 'jobs')!;
		expect(jobs.schema.primKey.keyPath).toBe('id');
		expect(jobs.schema.indexes.map((i) => i.keyPath).sort()).toEqual(['request.code', 'scheduledAt']);
		expect(db.verno).toBe(3);
	});

	it('lists jobs by scheduledAt and finds one by request code', async () => {
		await store.upsertJobs([
			makeJob('late', { scheduledAt: '2025-11-27T08:00:00.000Z' }),
			makeJob('early', { scheduledAt: '2025-11-27T01:00:00.000Z' })
		]);
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['early', 'late']);
		// the same order as the scheduledAt index (equal times by id), which the list once read through
		await store.upsertJobs([makeJob('b-same', { scheduledAt: '2025-11-27T01:00:00.000Z' }), makeJob('a-same', { scheduledAt: '2025-11-27T01:00:00.000Z' })]);
		const byIndex = (await db.jobs.orderBy('scheduledAt').toArray()).map((j) => j.id);
		expect((await store.listJobs()).map((j) => j.id)).toEqual(byIndex);
		expect(byIndex).toEqual(['a-same', 'b-same', 'early', 'late']);
		expect((await store.listFirstJobs(3)).map((j) => j.id)).toEqual(['a-same', 'b-same', 'early']);
		expect((await db.jobs.where('request.code').equals('YC-late').first())?.id).toBe('late');
	});

	it('applies a pull from the real sync code, and rolls back a transaction that throws', async () => {
		await store.setMeta('dataOwnerId', 'u1');
		const { fetch } = fakeFetch(() => json(pullBody({ cursor: '9', jobs: [makeJob('a'), makeJob('b')] })));
		expect((await pullOnce({ fetch, store, token: 't', ownerId: 'u1' })).ok).toBe(true);

		await expect(
			store.transaction(async () => {
				await store.removeJobs(['a']);
				await store.setMeta('cursor', '10');
				throw new Error('boom');
			})
		).rejects.toThrow('boom');

		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a', 'b']);
		expect(await store.getMeta('cursor')).toBe('9');
	});

	it('liveQuery over listJobs sees a pull land', async () => {
		await store.setMeta('dataOwnerId', 'u1');
		const seen: string[][] = [];
		const subscription = liveQuery(() => store.listJobs()).subscribe((jobs) => seen.push(jobs.map((j) => j.id)));
		await new Promise((r) => setTimeout(r, 20));

		const { fetch } = fakeFetch(() => json(pullBody({ jobs: [makeJob('a')] })));
		await pullOnce({ fetch, store, token: 't', ownerId: 'u1' });
		await new Promise((r) => setTimeout(r, 50));
		subscription.unsubscribe();

		expect(seen[0]).toEqual([]);
		expect(seen.at(-1)).toEqual(['a']);
	});

	it('adoptSession: another user wipes the previous jobs, the same user keeps them', async () => {
		await adoptSession(store, sessionFor('u1'));
		await store.upsertJobs([makeJob('u1-job')]);
		await store.setMeta('cursor', '4');

		const again = await adoptSession(store, sessionFor('u1'));
		expect(again.wipedOtherUser).toBe(false);
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['u1-job']);
		expect(await store.getMeta('cursor')).toBe('4');

		const other = await adoptSession(store, sessionFor('u2'));
		expect(other.wipedOtherUser).toBe(true);
		expect(await store.listJobs()).toEqual([]);
		expect(await store.getMeta('cursor')).toBeUndefined();
		expect((await store.getMeta('session'))?.user.id).toBe('u2');
		expect(await store.getMeta('dataOwnerId')).toBe('u2');
	});

	it('clear() forgets jobs and session', async () => {
		await adoptSession(store, sessionFor('u1'));
		await store.upsertJobs([makeJob('a')]);
		await store.clear();
		expect(await store.listJobs()).toEqual([]);
		expect(await store.getMeta('session')).toBeUndefined();
	});

	it('declares the outbox, photos and drafts tables with their indexes', () => {
		const indexes = (name: string) => db.tables.find((t) => t.name === name)!.schema;
		expect(indexes('outbox').primKey.keyPath).toBe('commandId');
		expect(indexes('outbox').indexes.map((i) => [i.keyPath, i.unique ?? false])).toEqual([
			['seq', true],
			['jobId', false],
			['status', false]
		]);
		expect(indexes('photos').primKey.keyPath).toBe('sha256');
		expect(indexes('drafts').primKey.keyPath).toEqual(['jobId', 'kind']);
		expect(indexes('journal').primKey.keyPath).toBe('commandId');
		expect(indexes('journal').indexes.map((i) => [i.keyPath, i.unique ?? false])).toEqual([
			['seq', true],
			['journaledAt', false]
		]);
	});

	it('upgrading a tablet from version 1 keeps its session, cursor and jobs', async () => {
		const name = `hien-truong-upgrade-${++dbCounter}`;
		const v1 = new Dexie(name);
		v1.version(1).stores({ jobs: 'id, scheduledAt, request.code', meta: 'key' });
		await v1.table('jobs').put(makeJob('kept'));
		await v1.table('meta').put({ key: 'cursor', value: '42' });
		v1.close();

		const upgraded = new HienTruongDb(name);
		const upgradedStore = new DexieStore(upgraded);
		expect((await upgradedStore.listJobs()).map((j) => j.id)).toEqual(['kept']);
		expect(await upgradedStore.getMeta('cursor')).toBe('42');
		expect(await upgradedStore.listCommands()).toEqual([]);
		expect(upgraded.verno).toBe(3);
		upgraded.close();
		await HienTruongDb.delete(name);
	});

	it('keeps photo bytes, drafts and commands across a reopen, and logout clears them all', async () => {
		await adoptSession(store, sessionFor('u1'));
		await store.upsertJobs([makeJob('j1')]);
		const work = createFieldWork({ store, now: () => new Date('2025-11-27T02:00:00.000Z'), newId: uuidSequence() });
		await work.savePhoto(photoOf(SHA_A));
		await work.savePhoto(photoOf(SHA_B));
		await work.saveDraft('j1', 'estimate', { lines: [] });
		expect((await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location: null })).ok).toBe(true);

		db.close();
		db = new HienTruongDb(db.name);
		store = new DexieStore(db);
		const photo = await store.getPhoto(SHA_A);
		expect(await photo?.blob.text()).toBe(SHA_A);
		expect((await store.listPhotos({ pendingOnly: true })).map((p) => p.sha256)).toEqual([SHA_A, SHA_B]);
		expect((await store.getDraft('j1', 'estimate'))?.data).toEqual({ lines: [] });
		expect((await store.listCommands({ jobId: 'j1', status: 'pending' })).map((c) => c.seq)).toEqual([1]);
		expect(await store.countUnsynced()).toEqual({ pendingCommands: 1, unuploadedPhotos: 2 });

		await store.clear();
		expect(await store.countUnsynced()).toEqual({ pendingCommands: 0, unuploadedPhotos: 0 });
		expect(await store.listDrafts()).toEqual([]);
	});

	it('two commands can never share a seq', async () => {
		const work = createFieldWork({ store, now: () => new Date(), newId: uuidSequence() });
		await store.upsertJobs([makeJob('j1')]);
		const queued = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location: null });
		if (!queued.ok) throw new Error('not queued');
		await expect(store.putCommand({ ...queued.command, commandId: '00000000-0000-4000-8000-0000000000ff' })).rejects.toThrow();
		expect(await store.listCommands()).toHaveLength(1);
	});

	it('a job page reading through liveQuery sees its survey queued, then confirmed by the server', async () => {
		await adoptSession(store, sessionFor('u1'));
		const server = new FakeServer([makeJob('j1')]);
		const cycle = () => runSyncCycle({ fetch: server.fetch, store, token: 't', ownerId: 'u1', now: () => 0, newDeviceId: () => 'tablet-0001', materialsMaxAgeMs: 0 });
		await cycle();
		const work = createFieldWork({ store, now: () => new Date(), newId: uuidSequence() });
		const seen: string[] = [];
		const subscription = liveQuery(() => work.getEffectiveJob('j1')).subscribe((job) =>
			seen.push(`${job?.request.state}/${job?.pending.length}`)
		);
		await new Promise((r) => setTimeout(r, 20));
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location: null });
		await new Promise((r) => setTimeout(r, 50));
		await cycle();
		await new Promise((r) => setTimeout(r, 50));
		subscription.unsubscribe();

		expect(seen[0]).toBe('survey_scheduled/0');
		expect(seen).toContain('surveyed/1');
		expect(seen.at(-1)).toBe('surveyed/0');
		expect(await store.listCommands()).toEqual([]);
	});
});

describe('paged pull into IndexedDB', () => {
	it('stores a pass page by page, each with its cursor, and keeps a dropped job that holds a draft', async () => {
		await store.setMeta('dataOwnerId', 'u1');
		const committed: [number, string | undefined][] = [];
		const transaction = store.transaction.bind(store);
		store.transaction = async (work) => {
			const result = await transaction(work);
			committed.push([await db.jobs.count(), await store.getMeta('cursor')]);
			return result;
		};
		const page = (body: Parameters<typeof pullBody>[0]) => () => json(pullBody(body));
		const jobs = Array.from({ length: 5 }, (_, i) => makeJob(`j${i}`));
		const first = fakeFetch(
			page({ cursor: 'p.0.4.1.1.ajE', more: true, jobs: jobs.slice(0, 2) }),
			page({ cursor: 'p.0.4.1.1.ajM', more: true, jobs: jobs.slice(2, 4) }),
			page({ cursor: 's.4.1', jobs: jobs.slice(4) })
		);
		expect(await pullOnce({ fetch: first.fetch, store, token: 't', ownerId: 'u1', pageSize: 2 })).toMatchObject({ ok: true, pages: 3, upserted: 5 });
		expect(committed).toEqual([[2, 'p.0.4.1.1.ajE'], [4, 'p.0.4.1.1.ajM'], [5, 's.4.1']]);
		expect((await db.jobs.toCollection().primaryKeys()).sort()).toEqual(['j0', 'j1', 'j2', 'j3', 'j4']);

		await store.putDraft({ jobId: 'j1', kind: 'survey', data: { notes: 'chưa xong' }, updatedAt: '2026-11-23T03:00:00.000Z' });
		const drop = fakeFetch(() => json(pullBody({ cursor: 's.6.2', droppedJobIds: ['j0', 'j1'] })));
		expect(await pullOnce({ fetch: drop.fetch, store, token: 't', ownerId: 'u1' })).toMatchObject({ ok: true, dropped: 1, keptForWork: 1 });
		expect((await db.jobs.toCollection().primaryKeys()).sort()).toEqual(['j1', 'j2', 'j3', 'j4']);
		expect(await store.getMeta('heldDrops')).toEqual(['j1']);
		expect(await store.getMeta('cursor')).toBe('s.6.2');
	});
});
