// A job taken from the crew (another crew, or the request cancelled) and work handed over to the crew, on the tablet.
import { describe, expect, it } from 'vitest';
import { pullOnce } from '$lib/client/sync';
import { MemoryStore } from '$lib/client/memory-store';
import type { OutboxCommand } from '$lib/client/store';
import { fakeFetch, json, makeJob, pullBody } from './client-fixtures';

async function storeOwnedBy(userId: string): Promise<MemoryStore> {
	const store = new MemoryStore();
	await store.setMeta('dataOwnerId', userId);
	return store;
}

const rejected = (jobId: string): OutboxCommand => ({
	commandId: '11111111-1111-4111-8111-111111111111',
	seq: 1,
	name: 'submitSurvey',
	jobId,
	requestId: `req-${jobId}`,
	baseVersion: 2,
	deviceTime: '2026-11-23T02:30:00.000Z',
	location: null,
	payload: { notes: 'đo xong' },
	status: 'rejected',
	createdAt: '2026-11-23T02:30:00.000Z',
	attempts: 1,
	code: 'job_reassigned',
	reason: { vi: 'Yêu cầu đã được giao cho tổ khác', en: 'Given to another crew' }
});

describe('a job taken from the crew', () => {
	it('leaves the tablet, and the crew’s command on it keeps the request code and the customer’s name', async () => {
		const store = await storeOwnedBy('u1');
		await pullOnce({ fetch: fakeFetch(() => json(pullBody({ cursor: '5', jobs: [makeJob('a')] }))).fetch, store, token: 't', ownerId: 'u1' });
		const job = (await store.getJob('a'))!;
		await store.putCommand(rejected('a'));
		await pullOnce({ fetch: fakeFetch(() => json(pullBody({ cursor: '9', removedJobIds: ['a'] }))).fetch, store, token: 't', ownerId: 'u1' });
		expect(await store.getJob('a')).toBeUndefined();
		const kept = (await store.getCommand(rejected('a').commandId))!;
		expect(kept.status).toBe('rejected');
		expect(kept.jobLabel).toEqual({ code: job.request.code, customer: job.request.customer.name });
	});

	it('work another crew did, passed on by the supervisor, becomes this crew’s draft, never over its own', async () => {
		const store = await storeOwnedBy('u1');
		const handover = { id: 'h1', name: 'submitSurvey', payload: { notes: 'tổ 1 đã đo 25 m' }, fromCrew: 'Tổ Ba Đình 1', doneAt: '2026-11-23T02:30:00.000Z' };
		await pullOnce({ fetch: fakeFetch(() => json(pullBody({ cursor: '5', jobs: [makeJob('a', { handover }), makeJob('b', { handover: { ...handover, id: 'h2' } })] }))).fetch, store, token: 't', ownerId: 'u1', now: () => new Date('2026-11-23T03:00:00Z') });
		expect((await store.getDraft('a', 'survey'))?.data).toEqual({ notes: 'tổ 1 đã đo 25 m' });
		await store.putDraft({ jobId: 'b', kind: 'survey', data: { notes: 'của tổ 2' }, updatedAt: '2026-11-23T03:05:00.000Z' });
		await pullOnce({ fetch: fakeFetch(() => json(pullBody({ cursor: '7', jobs: [makeJob('b', { handover: { ...handover, id: 'h2' } })] }))).fetch, store, token: 't', ownerId: 'u1' });
		expect((await store.getDraft('b', 'survey'))?.data).toEqual({ notes: 'của tổ 2' });
	});
});
