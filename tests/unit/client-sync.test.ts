import { describe, expect, it } from 'vitest';
import { pullOnce } from '$lib/client/sync';
import { MemoryStore } from '$lib/client/memory-store';
import { fakeFetch, json, makeJob, pullBody } from './client-fixtures';

const TOKEN = 'token-abc';

async function storeOwnedBy(userId: string): Promise<MemoryStore> {
	const store = new MemoryStore();
	await store.setMeta('dataOwnerId', userId);
	return store;
}

describe('pullOnce', () => {
	it('first pull: no cursor sent, stores the jobs, the cursor and lastSyncAt', async () => {
		const store = await storeOwnedBy('u1');
		const { fetch, calls } = fakeFetch(() =>
			json(pullBody({ cursor: '17', serverTime: '2025-11-27T02:41:00.000Z', jobs: [makeJob('a'), makeJob('b')] }))
		);

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(outcome).toMatchObject({ ok: true, full: true, upserted: 2, removed: 0, cursor: '17' });
		expect(calls).toHaveLength(1);
		expect(calls[0].url).toBe('/api/sync/pull?limit=200');
		expect(new Headers(calls[0].init?.headers).get('Authorization')).toBe(`Bearer ${TOKEN}`);
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a', 'b']);
		expect(await store.getMeta('cursor')).toBe('17');
		expect(await store.getMeta('lastSyncAt')).toBe('2025-11-27T02:41:00.000Z');
	});

	it('second pull: sends the cursor, upserts changed jobs and removes the ones taken away', async () => {
		const store = await storeOwnedBy('u1');
		const first = fakeFetch(() => json(pullBody({ cursor: '17', jobs: [makeJob('a'), makeJob('b'), makeJob('c')] })));
		await pullOnce({ fetch: first.fetch, store, token: TOKEN, ownerId: 'u1' });

		const changedB = makeJob('b', { notes: 'Khách hẹn lại 14:00' });
		const second = fakeFetch(() =>
			json(
				pullBody({
					cursor: '23',
					serverTime: '2025-11-27T03:00:00.000Z',
					jobs: [changedB, makeJob('d')],
					removedJobIds: ['a']
				})
			)
		);
		const outcome = await pullOnce({ fetch: second.fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(second.calls[0].url).toBe('/api/sync/pull?cursor=17&limit=200');
		expect(outcome).toMatchObject({ ok: true, full: false, upserted: 2, removed: 1, cursor: '23' });
		expect((await store.listJobs()).map((j) => j.id).sort()).toEqual(['b', 'c', 'd']);
		expect((await store.getJob('b'))?.notes).toBe('Khách hẹn lại 14:00');
		expect(await store.getMeta('cursor')).toBe('23');
		expect(await store.getMeta('lastSyncAt')).toBe('2025-11-27T03:00:00.000Z');
	});

	it('a full pull (no cursor) replaces whatever jobs were left in the store', async () => {
		const store = await storeOwnedBy('u1');
		await store.upsertJobs([makeJob('stale')]);
		const { fetch } = fakeFetch(() => json(pullBody({ jobs: [makeJob('fresh')] })));

		await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect((await store.listJobs()).map((j) => j.id)).toEqual(['fresh']);
	});

	it('401: keeps the local jobs and cursor, reports an auth error with the server message', async () => {
		const store = await storeOwnedBy('u1');
		await pullOnce({
			fetch: fakeFetch(() => json(pullBody({ cursor: '5', jobs: [makeJob('a')] }))).fetch,
			store,
			token: TOKEN,
			ownerId: 'u1'
		});
		const { fetch } = fakeFetch(() =>
			json({ error: { code: 'unauthorized', message: 'Phiên đăng nhập đã hết hạn' } }, 401)
		);

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(outcome).toEqual({
			ok: false,
			error: { kind: 'auth', status: 401, serverMessage: 'Phiên đăng nhập đã hết hạn' }
		});
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a']);
		expect(await store.getMeta('cursor')).toBe('5');
	});

	it('network failure: keeps local data and reports offline', async () => {
		const store = await storeOwnedBy('u1');
		await store.upsertJobs([makeJob('a')]);
		await store.setMeta('cursor', '5');
		await store.setMeta('lastSyncAt', '2025-11-27T01:00:00.000Z');
		const { fetch } = fakeFetch(() => {
			throw new TypeError('Failed to fetch');
		});

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && !outcome.superseded && outcome.error.kind).toBe('offline');
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a']);
		expect(await store.getMeta('cursor')).toBe('5');
		expect(await store.getMeta('lastSyncAt')).toBe('2025-11-27T01:00:00.000Z');
	});

	it('a request that outlives the timeout reports timeout, not offline', async () => {
		const store = await storeOwnedBy('u1');
		const { fetch } = fakeFetch(
			(_url, init) =>
				new Promise<Response>((_resolve, reject) => {
					init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
				})
		);

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1', timeoutMs: 20 });

		expect(!outcome.ok && !outcome.superseded && outcome.error.kind).toBe('timeout');
	});

	it('5xx: reports a server error and applies nothing', async () => {
		const store = await storeOwnedBy('u1');
		await store.upsertJobs([makeJob('a')]);
		const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(outcome).toEqual({ ok: false, error: { kind: 'server', status: 502, serverMessage: undefined } });
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a']);
	});

	it('a 200 that is not a PullResponse changes nothing and says so', async () => {
		const store = await storeOwnedBy('u1');
		await store.upsertJobs([makeJob('a')]);
		const { fetch } = fakeFetch(() => json({ cursor: 3, jobs: 'nope' }));

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(!outcome.ok && !outcome.superseded && outcome.error.kind).toBe('invalid_response');
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a']);
		expect(await store.getMeta('cursor')).toBeUndefined();
	});

	it('drops a response that lands after another user took over the tablet', async () => {
		const store = await storeOwnedBy('u1');
		const { fetch } = fakeFetch(async () => {
			// While the request is in flight, u1 logs out and u2 logs in.
			await store.clear();
			await store.setMeta('dataOwnerId', 'u2');
			return json(pullBody({ jobs: [makeJob('u1-job')] }));
		});

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(outcome).toEqual({ ok: false, superseded: true });
		expect(await store.listJobs()).toEqual([]);
		expect(await store.getMeta('cursor')).toBeUndefined();
	});

	it('drops an older response when a newer pull already moved the cursor', async () => {
		const store = await storeOwnedBy('u1');
		await store.setMeta('cursor', '10');
		const { fetch } = fakeFetch(async () => {
			await store.setMeta('cursor', '12'); // another tab applied its pull meanwhile
			return json(pullBody({ cursor: '11', jobs: [makeJob('x')] }));
		});

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(outcome).toEqual({ ok: false, superseded: true });
		expect(await store.getMeta('cursor')).toBe('12');
	});

	it('a failing write rolls the whole pull back', async () => {
		const store = await storeOwnedBy('u1');
		await store.upsertJobs([makeJob('a')]);
		await store.setMeta('cursor', '5');
		store.setMeta = async () => {
			throw new Error('QuotaExceededError');
		};
		const { fetch } = fakeFetch(() => json(pullBody({ cursor: '6', jobs: [makeJob('b')], removedJobIds: ['a'] })));

		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1' });

		expect(!outcome.ok && !outcome.superseded && outcome.error.kind).toBe('storage');
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a']);
		expect(await store.getMeta('cursor')).toBe('5');
	});
});
