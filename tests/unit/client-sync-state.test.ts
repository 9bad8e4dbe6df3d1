import { describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '$lib/client/memory-store';
import { SyncState, type SyncEnvironment } from '$lib/client/sync-state.svelte';
import { createFieldWork } from '$lib/client/outbox';
import { FakeServer, fakeFetch, json, makeJob, photoOf, pullBody, SHA_A, SHA_B, surveyInput, uuidSequence } from './client-fixtures';

function fakeEnvironment(online = true) {
	const state = { online, visible: true };
	const onlineListeners: Array<(online: boolean) => void> = [];
	const ticks: Array<() => void> = [];
	const env: SyncEnvironment = {
		isOnline: () => state.online,
		isVisible: () => state.visible,
		onOnlineChange: (listener) => {
			onlineListeners.push(listener);
			return () => {};
		},
		onBecameVisible: () => () => {},
		every: (_ms, tick) => {
			ticks.push(tick);
			return () => {};
		}
	};
	return {
		env,
		state,
		goOnline() {
			state.online = true;
			onlineListeners.forEach((l) => l(true));
		},
		goOffline() {
			state.online = false;
			onlineListeners.forEach((l) => l(false));
		},
		tick: () => ticks.forEach((t) => t())
	};
}

async function ownedStore() {
	const store = new MemoryStore();
	await store.setMeta('dataOwnerId', 'u1');
	return store;
}

const credentials = () => ({ token: 't', ownerId: 'u1' });

describe('SyncState', () => {
	it('runs one pull at a time: concurrent syncNow calls share it', async () => {
		const store = await ownedStore();
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const { fetch, calls } = fakeFetch(async () => {
			await gate;
			return json(pullBody({ serverTime: '2025-11-27T02:41:00.000Z', jobs: [makeJob('a')] }));
		});
		const sync = new SyncState({ store, fetch, credentials, onAuthExpired: () => {}, env: fakeEnvironment().env });

		const first = sync.syncNow();
		const second = sync.syncNow();
		expect(sync.syncing).toBe(true);
		expect(second).toBe(first);
		release();
		await first;

		expect(calls).toHaveLength(1);
		expect(sync.syncing).toBe(false);
		expect(sync.lastSyncAt).toBe('2025-11-27T02:41:00.000Z');
		expect(sync.lastError).toBeNull();
	});

	it('does not try while offline, pulls when the network comes back, and on timer ticks', async () => {
		const store = await ownedStore();
		const connection = fakeEnvironment(false);
		const { fetch, calls } = fakeFetch(
			() => json(pullBody({ cursor: '1' })),
			() => json(pullBody({ cursor: '2' }))
		);
		const sync = new SyncState({ store, fetch, credentials, onAuthExpired: () => {}, env: connection.env });
		sync.start();

		expect(await sync.syncNow()).toBeNull();
		expect(sync.online).toBe(false);
		expect(calls).toHaveLength(0);

		connection.goOnline();
		await vi.waitFor(() => expect(calls).toHaveLength(1));
		await vi.waitFor(() => expect(sync.syncing).toBe(false));

		connection.tick();
		await vi.waitFor(() => expect(calls).toHaveLength(2));
		expect(calls[1].url).toBe('/api/sync/pull?cursor=1&limit=200');
	});

	it('401 keeps the data, shows the error and tells the session', async () => {
		const store = await ownedStore();
		await store.upsertJobs([makeJob('a')]);
		const onAuthExpired = vi.fn();
		const { fetch } = fakeFetch(() => json({ error: { code: 'unauthorized', message: 'Hết hạn' } }, 401));
		const sync = new SyncState({ store, fetch, credentials, onAuthExpired, env: fakeEnvironment().env });

		await sync.syncNow();

		expect(onAuthExpired).toHaveBeenCalledOnce();
		expect(sync.lastError?.kind).toBe('auth');
		expect(await store.listJobs()).toHaveLength(1);
	});

	it('does nothing without credentials (logged out, supervisor, expired session)', async () => {
		const { fetch, calls } = fakeFetch();
		const sync = new SyncState({
			store: new MemoryStore(),
			fetch,
			credentials: () => null,
			onAuthExpired: () => {},
			env: fakeEnvironment().env
		});
		expect(await sync.syncNow()).toBeNull();
		expect(calls).toHaveLength(0);
	});

	it('counts pending and rejected commands for the header, and clears them as the server decides', async () => {
		const store = await ownedStore();
		const server = new FakeServer([makeJob('a'), makeJob('b')]);
		const sync = new SyncState({ store, fetch: server.fetch, credentials, onAuthExpired: () => {}, env: fakeEnvironment().env, newDeviceId: () => 'tablet-0001' });
		await sync.syncNow();
		const work = createFieldWork({ store, now: () => new Date('2025-11-27T02:00:00.000Z'), newId: uuidSequence() });
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		for (const jobId of ['a', 'b']) await work.submitFieldCommand({ name: 'submitSurvey', jobId, payload: surveyInput(), location: null });
		await sync.refreshCounts();
		expect(sync.pendingCount).toBe(2);

		const moved = makeJob('b');
		server.putJob({ ...moved, request: { ...moved.request, state: 'cancelled', version: 3 } });
		const outcome = await sync.syncNow();
		expect(outcome?.push).toMatchObject({ applied: 1, rejected: 1 });
		expect(sync.pendingCount).toBe(0);
		expect(sync.rejectedCount).toBe(1);
		expect(sync.pushing).toBe(false);
		expect(sync.pushProgress).toBeNull();
		expect(sync.photoProgress).toEqual({ [SHA_A]: 1, [SHA_B]: 1 });
		expect(sync.lastError).toBeNull();
	});

	it('a command queued during a sync is pushed right after it, not a minute later', async () => {
		const store = await ownedStore();
		const server = new FakeServer([makeJob('a'), makeJob('b')]);
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const sync = new SyncState({ store, fetch: server.fetch, credentials, onAuthExpired: () => {}, env: fakeEnvironment().env, newDeviceId: () => 'tablet-0001' });
		await sync.syncNow();
		const work = createFieldWork({ store, now: () => new Date(), newId: uuidSequence(), onEnqueued: () => sync.requestSync() });
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		server.intercept.push(async () => {
			await gate;
			return undefined;
		});
		const slowPull = sync.syncNow();
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'a', payload: surveyInput(), location: null });
		release();
		await slowPull;
		await vi.waitFor(() => expect(server.lastSeq.get('tablet-0001')).toBe(1));
		await vi.waitFor(() => expect(sync.syncing).toBe(false));
		expect(await store.listCommands()).toEqual([]);
	});

	it('after a failed push it wakes up when the backoff ends; Background Sync messages start a sync', async () => {
		const store = await ownedStore();
		const server = new FakeServer([makeJob('a')]);
		const wakes: Array<{ ms: number; run: () => void }> = [];
		const bgListeners: Array<() => void> = [];
		const connection = fakeEnvironment();
		const nowMs = Date.parse('2025-11-27T02:00:00.000Z');
		const env: SyncEnvironment = {
			...connection.env,
			now: () => nowMs,
			after: (ms, run) => {
				wakes.push({ ms, run });
				return () => {};
			},
			onBackgroundSync: (listener) => {
				bgListeners.push(listener);
				return () => {};
			}
		};
		const sync = new SyncState({ store, fetch: server.fetch, credentials, onAuthExpired: () => {}, env, newDeviceId: () => 'tablet-0001' });
		await sync.syncNow();
		const work = createFieldWork({ store, now: () => new Date(nowMs), newId: uuidSequence() });
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'a', payload: surveyInput(), location: null });
		server.intercept.push(() => {
			throw new TypeError('Failed to fetch');
		});
		await sync.syncNow();
		expect(sync.pendingCount).toBe(1);
		expect(wakes.map((w) => w.ms)).toEqual([5_000]);

		sync.start();
		await vi.waitFor(() => expect(sync.syncing).toBe(false));
		bgListeners.forEach((l) => l());
		await vi.waitFor(() => expect(sync.pendingCount).toBe(0));
	});

	it('reads storage after login and shows a full disk in Vietnamese', async () => {
		const store = await ownedStore();
		const persist = vi.fn(async () => true);
		const env: SyncEnvironment = {
			...fakeEnvironment().env,
			storage: { persist, persisted: async () => false, estimate: async () => ({ usage: 12_000_000, quota: 2_000_000_000 }) }
		};
		const sync = new SyncState({ store, fetch: fakeFetch().fetch, credentials: () => null, onAuthExpired: () => {}, env });
		await sync.refreshStorage();
		expect(persist).toHaveBeenCalledOnce();
		expect(sync.storage).toEqual({ persisted: true, usage: 12_000_000, quota: 2_000_000_000 });
		sync.reportStorageError(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
		expect(sync.storageError).toContain('Bộ nhớ máy tính bảng đã đầy');
	});
});

describe('SyncState photo errors', () => {
	it('a refused photo is shown until the crew redoes the command, then it disappears', async () => {
		const store = await ownedStore();
		const server = new FakeServer([makeJob('a')]);
		const sync = new SyncState({ store, fetch: server.fetch, credentials, onAuthExpired: () => {}, env: fakeEnvironment().env, newDeviceId: () => 'tablet-0001' });
		await sync.syncNow();
		const work = createFieldWork({ store, now: () => new Date(), newId: uuidSequence(), onChanged: () => void sync.refreshCounts() });
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		const queued = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'a', payload: surveyInput(), location: null });
		if (!queued.ok) throw new Error('not queued');
		server.intercept.push(() => json({ error: { code: 'unsupported_type', message: 'Không phải ảnh JPEG/WebP' } }, 415));

		await sync.syncNow();
		expect(sync.photoErrors).toEqual({ [SHA_A]: 'Ảnh không phải JPEG/WebP, máy chủ không nhận. Hãy chụp lại ảnh này.' });
		expect((await store.getCommand(queued.command.commandId))?.lastError).toBe('Ảnh không phải JPEG/WebP, máy chủ không nhận. Hãy chụp lại ảnh này.');
		expect(sync.pendingCount).toBe(1);

		// Once the command is no longer pending (here: decided, then dismissed), its photo error goes with it.
		await store.putCommand({ ...(await store.getCommand(queued.command.commandId))!, status: 'rejected', reason: { vi: 'x', en: 'x' } });
		await work.dismissRejected(queued.command.commandId);
		await vi.waitFor(() => expect(sync.photoErrors).toEqual({}));
	});

	it('pushes that keep failing with server errors are described in words: since when, how many tries, the last error', async () => {
		const store = await ownedStore();
		const server = new FakeServer([makeJob('a')]);
		let nowMs = Date.parse('2025-11-27T02:00:00.000Z');
		const env: SyncEnvironment = { ...fakeEnvironment().env, now: () => nowMs };
		const sync = new SyncState({ store, fetch: server.fetch, credentials, onAuthExpired: () => {}, env, newDeviceId: () => 'tablet-0001' });
		await sync.syncNow();
		const work = createFieldWork({ store, now: () => new Date(nowMs), newId: uuidSequence() });
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'a', payload: surveyInput(), location: null });
		vi.spyOn(console, 'warn').mockImplementation(() => {});

		// Photos go up, then the push answers 500 (an HTML page from a proxy, no message of the server's own).
		server.intercept.push(() => undefined, () => undefined, () => new Response('<html>Internal Server Error</html>', { status: 500 }));
		await sync.syncNow();
		nowMs += 60_000;
		server.intercept.push(() => new Response('', { status: 502 }));
		await sync.syncNow();
		nowMs += 60_000;
		server.intercept.push(() => {
			throw new TypeError('Failed to fetch');
		});
		await sync.syncNow();

		expect(sync.pushTrouble).toEqual({
			sinceMs: Date.parse('2025-11-27T02:00:00.000Z'),
			tries: 3,
			lastError: 'Chưa gửi được: không có kết nối mạng, sẽ tự thử lại.',
			nextAttemptAtMs: Date.parse('2025-11-27T02:02:20.000Z')
		});
		const [command] = await store.listCommands();
		expect(command?.attempts).toBe(3);
		for (const message of [sync.pushTrouble!.lastError, command!.lastError!]) expect(message).not.toMatch(/\d{3}|[{}<]/);

		await sync.syncNow();
		expect(sync.pushTrouble).toBeNull();
		expect(sync.pendingCount).toBe(0);
		vi.restoreAllMocks();
	});

	it('a server error in words: the 5xx message names no status code', async () => {
		const store = await ownedStore();
		const server = new FakeServer([makeJob('a')]);
		const sync = new SyncState({ store, fetch: server.fetch, credentials, onAuthExpired: () => {}, env: fakeEnvironment().env, newDeviceId: () => 'tablet-0001' });
		await sync.syncNow();
		const work = createFieldWork({ store, now: () => new Date(), newId: uuidSequence() });
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'a', payload: surveyInput(), location: null });
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		server.intercept.push(() => undefined, () => undefined, () => new Response('', { status: 503 }));
		await sync.syncNow();
		expect(sync.pushTrouble?.lastError).toBe('Máy chủ đang gặp sự cố, sẽ tự thử lại.');
		vi.restoreAllMocks();
	});

	it('shows the re-send of the journal while it runs and when it finished', async () => {
		const store = await ownedStore();
		const server = new FakeServer([makeJob('a')]);
		const env: SyncEnvironment = { ...fakeEnvironment().env, now: () => Date.parse('2025-11-27T02:00:00.000Z') };
		const sync = new SyncState({ store, fetch: server.fetch, credentials, onAuthExpired: () => {}, env, newDeviceId: () => 'tablet-0001' });
		await sync.syncNow();
		const backup = server.backup();
		const work = createFieldWork({ store, now: () => new Date('2025-11-27T02:00:00.000Z'), newId: uuidSequence() });
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'a', payload: surveyInput(), location: null });
		await sync.syncNow();
		expect(sync.journalCount).toBe(1);
		expect(sync.replay).toBeNull();

		vi.spyOn(console, 'warn').mockImplementation(() => {});
		server.restore(backup);
		// Pull notices the loss; the re-send's push then meets a server error.
		server.intercept.push(() => undefined, () => undefined, () => undefined, () => new Response('', { status: 503 }));
		await sync.syncNow();
		expect(sync.replay).toMatchObject({ count: 1, serverLastSeq: 0, highestAcknowledgedSeq: 1 });
		expect(sync.replay?.finishedAt).toBeUndefined();
		expect(sync.resendLeft).toBe(1);
		expect(sync.pendingCount).toBe(1);

		await sync.syncNow();
		expect(sync.resendLeft).toBe(0);
		expect(sync.replay?.finishedAt).toBe('2025-11-27T02:00:00.000Z');
		expect(sync.journalCount).toBe(1);
		expect(server.jobs.get('a')?.request.state).toBe('surveyed');
		vi.restoreAllMocks();
	});
});
