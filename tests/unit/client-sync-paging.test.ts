// Paged, bounded pull on the tablet (docs/sync-protocol.md, "Pull"): a pass is stored page by page, each page in its own
// transaction with its cursor, the main thread handed back between pages; the drop list never takes the crew's work.
import { describe, expect, it } from 'vitest';
import { pullOnce } from '$lib/client/sync';
import { MemoryStore } from '$lib/client/memory-store';
import type { OutboxCommand } from '$lib/client/store';
import { fakeFetch, json, makeJob, pullBody } from './client-fixtures';

const TOKEN = 'token-abc';

async function storeOwnedBy(userId: string): Promise<MemoryStore> {
	const store = new MemoryStore();
	await store.setMeta('dataOwnerId', userId);
	return store;
}

const pending = (jobId: string, seq = 1): OutboxCommand => ({
	commandId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
	seq,
	name: 'submitSurvey',
	jobId,
	requestId: `req-${jobId}`,
	baseVersion: 2,
	deviceTime: '2026-11-23T02:30:00.000Z',
	location: null,
	payload: { notes: 'đo xong' },
	status: 'pending',
	createdAt: '2026-11-23T02:30:00.000Z',
	attempts: 0
});

describe('paged pull', () => {
	it('stores each page in its own transaction with its cursor, yielding between pages', async () => {
		const store = await storeOwnedBy('u1');
		const { fetch, calls } = fakeFetch(
			() => json(pullBody({ cursor: 'p.0.9.1.1.YQ', more: true, jobs: [makeJob('a'), makeJob('b')] })),
			() => json(pullBody({ cursor: 'p.0.9.1.1.Yw', more: true, jobs: [makeJob('c')] })),
			() => json(pullBody({ cursor: 's.9.1', more: false, jobs: [makeJob('d')], serverTime: '2026-11-23T03:00:00.000Z' }))
		);
		const committed: { jobs: string[]; cursor: string | undefined }[] = [];
		const transaction = store.transaction.bind(store);
		store.transaction = async (work) => {
			const result = await transaction(work);
			committed.push({ jobs: (await store.listJobs()).map((j) => j.id), cursor: await store.getMeta('cursor') });
			return result;
		};
		let yields = 0;
		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1', pageSize: 2, yieldToMain: async () => void yields++ });

		expect(outcome).toMatchObject({ ok: true, full: true, pages: 3, upserted: 4, cursor: 's.9.1' });
		expect(calls.map((c) => c.url)).toEqual(['/api/sync/pull?limit=2', '/api/sync/pull?cursor=p.0.9.1.1.YQ&limit=2', '/api/sync/pull?cursor=p.0.9.1.1.Yw&limit=2']);
		// one transaction per page, each leaving the page's jobs with its cursor
		expect(committed).toEqual([
			{ jobs: ['a', 'b'], cursor: 'p.0.9.1.1.YQ' },
			{ jobs: ['a', 'b', 'c'], cursor: 'p.0.9.1.1.Yw' },
			{ jobs: ['a', 'b', 'c', 'd'], cursor: 's.9.1' }
		]);
		expect(await store.getMeta('lastSyncAt')).toBe('2026-11-23T03:00:00.000Z');
		// the main thread is handed back between pages
		expect(yields).toBeGreaterThanOrEqual(4);
	});

	it('a failure mid-pass keeps the pages already stored, and the next pull resumes after them', async () => {
		const store = await storeOwnedBy('u1');
		const broken = fakeFetch(
			() => json(pullBody({ cursor: 'p.0.9.1.1.YQ', more: true, jobs: [makeJob('a')] })),
			() => {
				throw new TypeError('Failed to fetch');
			}
		);
		const failed = await pullOnce({ fetch: broken.fetch, store, token: TOKEN, ownerId: 'u1', yieldToMain: async () => {} });
		expect(!failed.ok && !failed.superseded && failed.error.kind).toBe('offline');
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a']);
		expect(await store.getMeta('cursor')).toBe('p.0.9.1.1.YQ');
		expect(await store.getMeta('lastSyncAt')).toBeUndefined();

		const resumed = fakeFetch(() => json(pullBody({ cursor: 's.9.1', jobs: [makeJob('b')] })));
		const outcome = await pullOnce({ fetch: resumed.fetch, store, token: TOKEN, ownerId: 'u1', yieldToMain: async () => {} });
		expect(resumed.calls[0]!.url).toBe('/api/sync/pull?cursor=p.0.9.1.1.YQ&limit=200');
		// resuming is not a full pull: the first page's jobs stay
		expect(outcome).toMatchObject({ ok: true, full: false });
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['a', 'b']);
	});

	it('stops at a page another tab already moved past, without storing it', async () => {
		const store = await storeOwnedBy('u1');
		const { fetch } = fakeFetch(
			() => json(pullBody({ cursor: 'p.0.9.1.1.YQ', more: true, jobs: [makeJob('a')] })),
			async () => {
				await store.setMeta('cursor', 's.12.1');
				return json(pullBody({ cursor: 's.9.1', jobs: [makeJob('b')] }));
			}
		);
		const outcome = await pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1', yieldToMain: async () => {} });
		expect(outcome).toEqual({ ok: false, superseded: true });
		expect(await store.getJob('b')).toBeUndefined();
		expect(await store.getMeta('cursor')).toBe('s.12.1');
	});
});

describe('the drop list (jobs closed before the retention window)', () => {
	async function pulled(store: MemoryStore, body: Parameters<typeof pullBody>[0]) {
		const { fetch } = fakeFetch(() => json(pullBody(body)));
		return pullOnce({ fetch, store, token: TOKEN, ownerId: 'u1', yieldToMain: async () => {} });
	}

	it('deletes the dropped jobs, but never one with unsent outbox work or a draft; those go once the work is gone', async () => {
		const store = await storeOwnedBy('u1');
		await pulled(store, { cursor: 's.1.1', jobs: [makeJob('a'), makeJob('b'), makeJob('c'), makeJob('d')] });
		await store.putCommand(pending('b'));
		await store.putDraft({ jobId: 'c', kind: 'survey', data: { notes: 'đang ghi dở' }, updatedAt: '2026-11-23T03:05:00.000Z' });

		const outcome = await pulled(store, { cursor: 's.2.2', droppedJobIds: ['a', 'b', 'c'] });
		expect(outcome).toMatchObject({ ok: true, dropped: 1, keptForWork: 2 });
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['b', 'c', 'd']);
		expect(await store.getCommand(pending('b').commandId)).toMatchObject({ status: 'pending', jobId: 'b' });
		expect(await store.getDraft('c', 'survey')).toBeDefined();
		expect((await store.getMeta('heldDrops'))?.sort()).toEqual(['b', 'c']);

		// the server does not say it again; the tablet remembers. The command is sent and acknowledged, the draft stays.
		await store.deleteCommands([pending('b').commandId]);
		const later = await pulled(store, { cursor: 's.3.3' });
		expect(later).toMatchObject({ ok: true, dropped: 1, keptForWork: 1 });
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['c', 'd']);
		expect(await store.getMeta('heldDrops')).toEqual(['c']);

		// the crew deletes its draft: the job goes at the next pull
		await store.deleteDraft('c', 'survey');
		await pulled(store, { cursor: 's.4.4' });
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['d']);
		expect(await store.getMeta('heldDrops')).toBeUndefined();
	});

	it('a held job the server sends again (back in the window) is no longer to drop', async () => {
		const store = await storeOwnedBy('u1');
		await pulled(store, { cursor: 's.1.1', jobs: [makeJob('a')] });
		await store.putCommand(pending('a'));
		await pulled(store, { cursor: 's.2.2', droppedJobIds: ['a'] });
		expect(await store.getMeta('heldDrops')).toEqual(['a']);
		await pulled(store, { cursor: 's.3.3', jobs: [makeJob('a', { notes: 'mở lại' })] });
		expect(await store.getMeta('heldDrops')).toBeUndefined();
		await store.deleteCommands([pending('a').commandId]);
		await pulled(store, { cursor: 's.4.4' });
		expect((await store.getJob('a'))?.notes).toBe('mở lại');
	});

	it('deletes a long drop list in several short transactions', async () => {
		const store = await storeOwnedBy('u1');
		const jobs = Array.from({ length: 1_200 }, (_, i) => makeJob(`j${String(i).padStart(4, '0')}`));
		await pulled(store, { cursor: 's.1.1', jobs });
		await store.putCommand(pending('j0700'));
		let transactions = 0;
		const transaction = store.transaction.bind(store);
		store.transaction = (work) => {
			transactions++;
			return transaction(work);
		};
		const outcome = await pulled(store, { cursor: 's.2.2', droppedJobIds: jobs.map((j) => j.id) });
		expect(outcome).toMatchObject({ ok: true, dropped: 1_199, keptForWork: 1 });
		expect(transactions).toBeGreaterThanOrEqual(3);
		expect((await store.listJobs()).map((j) => j.id)).toEqual(['j0700']);
		expect(await store.getMeta('cursor')).toBe('s.2.2');
	});
});
