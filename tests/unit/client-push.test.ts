import { describe, expect, it } from 'vitest';
import { MemoryStore } from '$lib/client/memory-store';
import { createFieldWork } from '$lib/client/outbox';
import { backoffDelayMs, prunePhotos, pushPending, runSyncCycle, withSyncLock, PUSH_BATCH_SIZE } from '$lib/client/push';
import { PHOTO_MESSAGES } from '$lib/client/blob-upload';
import { estimateInput, FakeServer, json, makeJob, photoOf, SHA_A, SHA_B, SHA_C, surveyInput, uuidSequence } from './client-fixtures';

async function setup(jobs = [makeJob('j1'), makeJob('j2')]) {
	const store = new MemoryStore();
	await store.setMeta('dataOwnerId', 'u1');
	const server = new FakeServer(jobs);
	let nowMs = Date.parse('2025-11-27T02:15:00.000Z');
	const work = createFieldWork({ store, now: () => new Date(nowMs), utcOffsetMinutes: () => 420, newId: uuidSequence() });
	const cycle = (extra: Partial<Parameters<typeof runSyncCycle>[0]> = {}) =>
		runSyncCycle({ fetch: server.fetch, store, token: 't', ownerId: 'u1', now: () => nowMs, newDeviceId: () => 'tablet-0001', materialsMaxAgeMs: 0, ...extra });
	// First pull, so the tablet has the jobs.
	await cycle();
	server.calls.length = 0;
	return { store, server, work, cycle, advance: (ms: number) => (nowMs += ms) };
}

async function queueSurvey(work: ReturnType<typeof createFieldWork>, store: MemoryStore, jobId = 'j1', photos = [SHA_A, SHA_B]) {
	for (const sha of photos) await work.savePhoto(photoOf(sha, jobId));
	const outcome = await work.submitFieldCommand({ name: 'submitSurvey', jobId, payload: surveyInput({ sitePhotos: [photos[0]], meterPhotos: photos.length > 1 ? photos.slice(1) : [photos[0]] }), location: null });
	if (!outcome.ok) throw new Error(JSON.stringify(outcome.fields));
	return outcome.command;
}

describe('sync cycle: photos, push, pull', () => {
	it('uploads the photos first, pushes, then the pull drops the applied command and the job shows the server’s state', async () => {
		const { store, server, work, cycle } = await setup();
		await queueSurvey(work, store);
		const progress: Array<[string, number]> = [];
		const outcome = await cycle({ onPhotoProgress: (sha, f) => progress.push([sha.slice(0, 1), f]) });

		expect(server.calls.map((c) => `${c.method} ${c.url.split('?')[0]}`)).toEqual([
			`PUT /api/blobs/${SHA_A}`,
			`PUT /api/blobs/${SHA_B}`,
			'POST /api/sync/push',
			'GET /api/sync/pull'
		]);
		expect(progress).toEqual([['a', 0], ['a', 1], ['b', 0], ['b', 1]]);
		expect(server.calls[2].body).toMatchObject({ deviceId: 'tablet-0001', commands: [{ seq: 1, name: 'submitSurvey', baseVersion: 2 }] });
		expect(server.calls[3].url).toContain('deviceId=tablet-0001');
		expect(outcome.push).toMatchObject({ applied: 1, rejected: 0, pendingLeft: 0 });
		expect(outcome.pull).toMatchObject({ ok: true, lastSeq: 1, droppedApplied: 1 });
		expect(await store.listCommands()).toEqual([]);
		expect((await work.getEffectiveJob('j1'))?.request).toMatchObject({ state: 'surveyed', version: 3 });
		expect((await store.listPhotos({ pendingOnly: true }))).toEqual([]);
		expect((await store.countUnsynced()).pendingCommands).toBe(0);
	});

	it('a rejected command stays on the tablet with its Vietnamese reason and code, and later commands still apply', async () => {
		const { store, server, work, cycle } = await setup();
		await queueSurvey(work, store, 'j1');
		await queueSurvey(work, store, 'j2', [SHA_C]);
		// A supervisor moved request j1 meanwhile: the crew's survey is stale.
		const moved = makeJob('j1');
		server.putJob({ ...moved, request: { ...moved.request, version: 5 } });

		const outcome = await cycle();
		expect(outcome.push).toMatchObject({ applied: 1, rejected: 1 });
		const [rejected] = await store.listCommands();
		expect(rejected).toMatchObject({ seq: 1, status: 'rejected', code: 'stale_version' });
		expect(rejected.reason?.vi).toContain('yêu cầu đã được cập nhật trên máy chủ');
		expect(rejected.decidedAt).toBe('2025-11-27T02:15:00.000Z');
		const j1 = await work.getEffectiveJob('j1');
		expect(j1?.request.state).toBe('survey_scheduled');
		expect(j1?.rejected).toHaveLength(1);
		expect((await work.getEffectiveJob('j2'))?.request.state).toBe('surveyed');
	});

	it('a lost push response then a retry leaves one applied command (answered from the server log)', async () => {
		const { store, server, work, cycle } = await setup();
		await queueSurvey(work, store);
		server.loseNextPushResponse = true;
		const first = await cycle();
		expect(first.push.error?.kind).toBe('offline');
		const [pending] = await store.listCommands();
		expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Chưa gửi được: không có kết nối mạng, sẽ tự thử lại.' });
		// The server did apply it and the pull says so: the command is only waiting for its result.
		expect(server.lastSeq.get('tablet-0001')).toBe(1);

		const second = await cycle({ force: true });
		expect(second.push).toMatchObject({ applied: 1, pendingLeft: 0 });
		expect(server.jobs.get('j1')?.request.version).toBe(3);
		expect((await work.getEffectiveJob('j1'))?.request.version).toBe(3);
		expect(await store.listCommands()).toEqual([]);
	});

	it('the same batch pushed twice (two tabs) changes the request once', async () => {
		const { store, server, work } = await setup();
		await queueSurvey(work, store);
		const options = { fetch: server.fetch, store, token: 't', now: () => 0, newDeviceId: () => 'tablet-0001' };
		const pending = await store.listCommands();
		await pushPending(options);
		await store.putCommand({ ...pending[0] }); // a second tab still saw it pending
		const again = await pushPending(options);
		expect(again.applied).toBe(1);
		expect(server.jobs.get('j1')?.request.version).toBe(3);
		expect(server.calls.filter((c) => c.url === '/api/sync/push').map((c) => (c.body as { commands: unknown[] }).commands.length)).toEqual([1, 1]);
	});

	it('a server error keeps the command pending with backoff 5 s, 10 s … 5 min; the Sync button ignores the backoff', async () => {
		const { store, server, work, cycle, advance } = await setup();
		await queueSurvey(work, store);
		server.blobs.add(SHA_A).add(SHA_B);
		await store.putPhoto({ ...(await store.getPhoto(SHA_A))!, uploaded: true });
		await store.putPhoto({ ...(await store.getPhoto(SHA_B))!, uploaded: true });
		server.intercept.push(() => json({ error: { code: 'internal', message: 'Lỗi máy chủ' } }, 503));

		const failed = await cycle();
		expect(failed.push.error).toMatchObject({ kind: 'server', status: 503 });
		expect((await store.listCommands())[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Lỗi máy chủ' });
		expect(await store.getMeta('pushBackoff')).toEqual({
			failures: 1,
			nextAttemptAtMs: Date.parse('2025-11-27T02:15:05.000Z'),
			failingSinceMs: Date.parse('2025-11-27T02:15:00.000Z'),
			lastError: 'Lỗi máy chủ'
		});

		server.calls.length = 0;
		advance(4_000);
		expect((await cycle()).push.skipped).toBe('backoff');
		expect(server.calls.map((c) => c.method)).toEqual(['GET']);

		expect((await cycle({ force: true })).push.applied).toBe(1);
		expect(await store.getMeta('pushBackoff')).toBeUndefined();
		expect([1, 2, 3, 7, 20].map(backoffDelayMs)).toEqual([5_000, 10_000, 20_000, 300_000, 300_000]);
	});

	it('a photo the server refuses (413) is shown to the crew and the command waits; commands before it still go', async () => {
		const { store, server, work, cycle } = await setup();
		await queueSurvey(work, store, 'j2', [SHA_C]);
		await queueSurvey(work, store, 'j1', [SHA_A, SHA_B]);
		const errors: Record<string, string | null> = {};
		server.intercept.push(() => undefined, () => json({ error: { code: 'too_large', message: 'Ảnh quá 2 MiB' } }, 413));

		const outcome = await cycle({ onPhotoError: (sha, message) => (errors[sha] = message) });
		expect(errors[SHA_A]).toBe(PHOTO_MESSAGES.tooLarge);
		expect(errors[SHA_C]).toBeNull();
		const pushes = server.calls.filter((c) => c.url === '/api/sync/push');
		expect(pushes.map((c) => (c.body as { commands: Array<{ seq: number }> }).commands.map((x) => x.seq))).toEqual([[1]]);
		expect(outcome.push).toMatchObject({ applied: 1, pendingLeft: 1 });
		expect((await store.getPhoto(SHA_A))?.uploaded).toBe(false);
		expect((await work.listCommands('j1'))[0].status).toBe('pending');
	});

	it('blob_missing from the server: the photo is uploaded again and the command goes through next time', async () => {
		const { store, server, work, cycle } = await setup();
		await queueSurvey(work, store);
		await store.putPhoto({ ...(await store.getPhoto(SHA_A))!, uploaded: true }); // we believed it uploaded
		const first = await cycle();
		expect(first.push.error?.serverMessage).toContain('chưa có đủ ảnh');
		expect((await store.getPhoto(SHA_A))?.uploaded).toBe(false);
		expect((await cycle({ force: true })).push.applied).toBe(1);
		expect(server.blobs.has(SHA_A)).toBe(true);
	});

	it('out_of_order: resends from the server’s lastSeq + 1', async () => {
		const { store, server, work, cycle } = await setup();
		await queueSurvey(work, store, 'j1');
		await queueSurvey(work, store, 'j2', [SHA_C]);
		// The tablet lost the result of seq 1 and already marked it applied; the server never got it.
		const [first] = await store.listCommands();
		await store.putCommand({ ...first, status: 'applied' });
		for (const sha of [SHA_A, SHA_B]) server.blobs.add(sha);

		const outcome = await cycle();
		const pushes = server.calls.filter((c) => c.url === '/api/sync/push').map((c) => (c.body as { commands: Array<{ seq: number }> }).commands.map((x) => x.seq));
		expect(pushes).toEqual([[2], [1, 2]]);
		expect(outcome.push.error).toBeUndefined();
		expect(server.lastSeq.get('tablet-0001')).toBe(2);
		expect(await store.listCommands()).toEqual([]);
	});

	it(`pushes more than ${PUSH_BATCH_SIZE} commands in batches of at most ${PUSH_BATCH_SIZE}, in seq order`, async () => {
		const jobs = Array.from({ length: 130 }, (_, i) => makeJob(`k${i}`));
		const { store, server, work, cycle } = await setup(jobs);
		for (const job of jobs) {
			const outcome = await work.submitFieldCommand({ name: 'submitSurvey', jobId: job.id, payload: surveyInput(), location: null });
			expect(outcome.ok).toBe(true);
		}
		for (const sha of [SHA_A, SHA_B]) await work.savePhoto(photoOf(sha));
		const progress: Array<{ done: number; total: number } | null> = [];
		const outcome = await cycle({ onPushProgress: (p) => progress.push(p) });
		const sizes = server.calls.filter((c) => c.url === '/api/sync/push').map((c) => (c.body as { commands: unknown[] }).commands.length);
		expect(sizes).toEqual([100, 30]);
		expect(outcome.push.applied).toBe(130);
		expect(progress).toEqual([{ done: 0, total: 130 }, { done: 100, total: 130 }, { done: 130, total: 130 }, null]);
	});

	it('401 on push stops the cycle without pulling and keeps the command', async () => {
		const { store, server, work, cycle } = await setup();
		await queueSurvey(work, store, 'j1', [SHA_A]);
		server.blobs.add(SHA_A);
		await store.putPhoto({ ...(await store.getPhoto(SHA_A))!, uploaded: true });
		server.intercept.push(() => json({ error: { code: 'unauthorized', message: 'Phiên đăng nhập đã hết hạn' } }, 401));
		const outcome = await cycle();
		expect(outcome.push.error).toMatchObject({ kind: 'auth', serverMessage: 'Phiên đăng nhập đã hết hạn' });
		expect(outcome.pull).toBeUndefined();
		expect(await store.listCommands({ status: 'pending' })).toHaveLength(1);
	});

	it('uploaded photos stay while a command or draft names them or their job is on the tablet; others are freed', async () => {
		const { store, work } = await setup();
		await work.savePhoto(photoOf(SHA_A, 'gone-job'));
		await work.savePhoto(photoOf(SHA_B, 'gone-job'));
		await work.savePhoto(photoOf(SHA_C, 'j1'));
		for (const sha of [SHA_A, SHA_B, SHA_C]) await store.putPhoto({ ...(await store.getPhoto(sha))!, uploaded: true });
		await work.saveDraft('gone-job', 'survey', { sitePhotos: [SHA_B] });
		expect(await prunePhotos(store)).toBe(1);
		expect((await store.listPhotos()).map((p) => p.sha256)).toEqual([SHA_B, SHA_C]);
	});

	it('the materials list is refreshed from the server when stale', async () => {
		const { store, server, cycle } = await setup();
		await cycle({ materialsMaxAgeMs: 3_600_000 });
		expect(server.calls.at(-1)?.url).toBe('/api/materials');
		expect((await store.getMeta('materials'))?.fetchedAt).toBe('2025-11-27T02:15:00.000Z');
		server.calls.length = 0;
		await cycle({ materialsMaxAgeMs: 3_600_000 });
		expect(server.calls.map((c) => c.url.split('?')[0])).toEqual(['/api/sync/pull']);
	});
});

describe('withSyncLock', () => {
	it('without Web Locks, two syncs in one tab run one after the other', async () => {
		const order: string[] = [];
		const slow = (name: string) => async () => {
			order.push(`${name} start`);
			await new Promise((r) => setTimeout(r, 10));
			order.push(`${name} end`);
		};
		await Promise.all([withSyncLock(slow('a'), undefined), withSyncLock(slow('b'), undefined)]);
		expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
	});
});

// Keeps the estimate fixture honest with the chained flow the crew uses.
it('survey then estimate queued offline both apply in one push', async () => {
	const { store, server, work, cycle } = await setup();
	await queueSurvey(work, store);
	const estimate = await work.submitFieldCommand({ name: 'submitEstimate', jobId: 'j1', payload: estimateInput(), location: null });
	expect(estimate.ok).toBe(true);
	const outcome = await cycle();
	expect(outcome.push.applied).toBe(2);
	expect(server.jobs.get('j1')).toMatchObject({ status: 'done', request: { state: 'estimated', version: 4 } });
	expect((await work.getEffectiveJob('j1'))?.status).toBe('done');
});

it('a photo refused for good can be retaken: the pending command keeps its seq, names the new photo, and goes through', async () => {
	const { store, server, work, cycle } = await setup();
	const blocked = await queueSurvey(work, store, 'j1', [SHA_A, SHA_B]);
	await queueSurvey(work, store, 'j2', [SHA_C]);
	server.intercept.push(() => json({ error: { code: 'too_large', message: 'Ảnh quá lớn' } }, 413));
	expect((await cycle()).push).toMatchObject({ applied: 0, pendingLeft: 2 });

	const retaken = 'd'.repeat(64);
	const replaced = await work.replaceCommandPhoto(blocked.commandId, SHA_A, photoOf(retaken));
	expect(replaced).toMatchObject({ seq: 1, commandId: blocked.commandId, payload: { sitePhotos: [retaken], meterPhotos: [SHA_B] } });
	await expect(work.replaceCommandPhoto(blocked.commandId, SHA_A, photoOf(retaken))).rejects.toThrow('không có ảnh cần thay');

	const outcome = await cycle({ force: true });
	expect(outcome.push).toMatchObject({ applied: 2, pendingLeft: 0 });
	expect(server.blobs.has(retaken)).toBe(true);
	expect(server.jobs.get('j1')?.request.state).toBe('surveyed');
});

it('a server that lost commands this tablet no longer has says so in Vietnamese instead of looping', async () => {
	const { store, server, work, cycle } = await setup();
	await queueSurvey(work, store, 'j1');
	await queueSurvey(work, store, 'j2', [SHA_C]);
	// Seq 1 was applied and pulled (so dropped here), then the server was restored from an older backup.
	await store.deleteCommands([(await store.listCommands())[0].commandId]);

	const outcome = await cycle();
	expect(outcome.push.error?.serverMessage).toBe('Máy chủ thiếu các thao tác từ số 1 của máy này; hãy báo quản trị hệ thống.');
	expect(server.calls.filter((c) => c.url === '/api/sync/push')).toHaveLength(1);
	expect(await store.listCommands()).toMatchObject([{ seq: 2, status: 'pending', lastError: expect.stringContaining('thiếu các thao tác') }]);
});
