// The device journal: decided commands kept on the tablet (retention window, storage budget, oldest first), and
// a server that reports less than it had decided for this device healed by sending them again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_JOURNAL_POLICY, JOURNAL_RETENTION_DAYS, noteServerLastSeq, pruneJournal } from '$lib/client/journal';
import { MemoryStore } from '$lib/client/memory-store';
import { createFieldWork } from '$lib/client/outbox';
import { prunePhotos, runSyncCycle } from '$lib/client/push';
import type { JournalEntry } from '$lib/client/store';
import { estimateInput, FakeServer, makeJob, photoOf, SHA_A, SHA_B, SHA_C, surveyInput, uuidSequence } from './client-fixtures';

const DAY = 24 * 3_600_000;

async function setup(jobs = [makeJob('j1'), makeJob('j2'), makeJob('j3')]) {
	const store = new MemoryStore();
	await store.setMeta('dataOwnerId', 'u1');
	const server = new FakeServer(jobs);
	let nowMs = Date.parse('2025-11-27T02:15:00.000Z');
	const work = createFieldWork({ store, now: () => new Date(nowMs), utcOffsetMinutes: () => 420, newId: uuidSequence() });
	let devices = 0;
	const cycle = (extra: Partial<Parameters<typeof runSyncCycle>[0]> = {}) =>
		runSyncCycle({ fetch: server.fetch, store, token: 't', ownerId: 'u1', now: () => nowMs, newDeviceId: () => `tablet-000${++devices}`, materialsMaxAgeMs: 0, force: true, ...extra });
	await cycle();
	server.calls.length = 0;
	return { store, server, work, cycle, advance: (ms: number) => (nowMs += ms) };
}

async function survey(work: ReturnType<typeof createFieldWork>, jobId: string, photos: string[]) {
	for (const sha of photos) await work.savePhoto(photoOf(sha, jobId));
	const outcome = await work.submitFieldCommand({ name: 'submitSurvey', jobId, payload: surveyInput({ sitePhotos: [photos[0]], meterPhotos: [photos.at(-1)] }), location: null });
	if (!outcome.ok) throw new Error(JSON.stringify(outcome.fields));
	return outcome.command;
}

async function estimate(work: ReturnType<typeof createFieldWork>, jobId: string) {
	const outcome = await work.submitFieldCommand({ name: 'submitEstimate', jobId, payload: estimateInput(), location: null });
	if (!outcome.ok) throw new Error(JSON.stringify(outcome.fields));
	return outcome.command;
}

const pushedSeqs = (server: FakeServer) =>
	server.calls.filter((c) => c.url === '/api/sync/push').map((c) => (c.body as { commands: Array<{ seq: number }> }).commands.map((x) => x.seq));

function entry(seq: number, journaledAt: string, photos: string[] = []): JournalEntry {
	return {
		commandId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
		seq,
		name: 'submitSurvey',
		jobId: `j${seq}`,
		requestId: `req-j${seq}`,
		baseVersion: 2,
		deviceTime: journaledAt,
		location: null,
		payload: photos.length ? surveyInput({ sitePhotos: [photos[0]], meterPhotos: [photos.at(-1)] }) : { note: 'x' },
		status: 'applied',
		createdAt: journaledAt,
		attempts: 1,
		journaledAt
	};
}

afterEach(() => vi.restoreAllMocks());

describe('keeping decided commands', () => {
	it('a command the pull acknowledges leaves the outbox for the journal, and its photos stay on the tablet', async () => {
		const { store, work, cycle, server } = await setup();
		await survey(work, 'j1', [SHA_A, SHA_B]);
		await cycle();
		expect(await store.listCommands()).toEqual([]);
		expect(await store.listJournal()).toMatchObject([{ seq: 1, status: 'applied', journaledAt: '2025-11-27T02:15:00.000Z' }]);
		// Even once the job left the tablet, its photos are kept for the journal.
		server.jobs.delete('j1');
		await store.removeJobs(['j1']);
		expect(await prunePhotos(store)).toBe(0);
		expect((await store.listPhotos()).map((p) => p.sha256)).toEqual([SHA_A, SHA_B]);
	});

	it('a rejected command the crew dismisses or redoes goes to the journal too', async () => {
		const { store, work, cycle, server } = await setup();
		await survey(work, 'j1', [SHA_A]);
		await survey(work, 'j2', [SHA_B]);
		for (const id of ['j1', 'j2']) server.putJob({ ...makeJob(id), request: { ...makeJob(id).request, version: 5 } });
		expect((await cycle()).push.rejected).toBe(2);
		const [first, second] = await store.listCommands({ status: 'rejected' });
		await work.dismissRejected(first!.commandId);
		await work.redoRejected(second!.commandId);
		expect((await store.listJournal()).map((e) => [e.seq, e.status])).toEqual([
			[1, 'rejected'],
			[2, 'rejected']
		]);
	});
});

describe('pruning the journal', () => {
	it(`drops entries older than the retention window (${JOURNAL_RETENTION_DAYS} days), then frees their photos`, async () => {
		const store = new MemoryStore();
		const now = Date.parse('2025-12-10T00:00:00.000Z');
		await store.putPhoto({ ...photoOf(SHA_A, 'gone'), uploaded: true });
		await store.putPhoto({ ...photoOf(SHA_B, 'gone'), uploaded: true });
		await store.putJournal([
			entry(1, new Date(now - 8 * DAY).toISOString(), [SHA_A]),
			entry(2, new Date(now - 7 * DAY + 60_000).toISOString(), [SHA_B]),
			entry(3, new Date(now - DAY).toISOString())
		]);
		expect(await pruneJournal(store, now)).toEqual({ expired: 1, overBudget: 0 });
		expect((await store.listJournal()).map((e) => e.seq)).toEqual([2, 3]);
		expect(await prunePhotos(store)).toBe(1);
		expect((await store.listPhotos()).map((p) => p.sha256)).toEqual([SHA_B]);
	});

	it('over the budget, drops the oldest entries first; a photo counts once, and not at all while the outbox needs it', async () => {
		const store = new MemoryStore();
		const now = Date.parse('2025-12-10T00:00:00.000Z');
		const at = (h: number) => new Date(now - h * 3_600_000).toISOString();
		for (const sha of [SHA_A, SHA_B, SHA_C]) await store.putPhoto({ ...photoOf(sha, 'gone'), size: 1_000_000, uploaded: true });
		// SHA_A is named by the two oldest entries, SHA_C also by a command still pending.
		await store.putJournal([entry(1, at(5), [SHA_A]), entry(2, at(4), [SHA_A]), entry(3, at(3), [SHA_B]), entry(4, at(2), [SHA_C])]);
		await store.putCommand({ ...entry(5, at(1), [SHA_C]), status: 'pending' });
		const policy = { ...DEFAULT_JOURNAL_POLICY, budgetBytes: 1_100_000 };

		// Entries 1–4 hold A and B (2 MB; C is the outbox's): dropping entry 1 frees nothing, entry 2 frees A.
		expect(await pruneJournal(store, now, policy)).toEqual({ expired: 0, overBudget: 2 });
		expect((await store.listJournal()).map((e) => e.seq)).toEqual([3, 4]);
		expect(await pruneJournal(store, now, policy)).toEqual({ expired: 0, overBudget: 0 });
	});

	it('keeps everything inside the window and the budget', async () => {
		const store = new MemoryStore();
		const now = Date.parse('2025-12-10T00:00:00.000Z');
		await store.putJournal([entry(1, new Date(now - 6 * DAY).toISOString()), entry(2, new Date(now).toISOString())]);
		expect(await pruneJournal(store, now)).toEqual({ expired: 0, overBudget: 0 });
		expect(await store.listJournal()).toHaveLength(2);
	});
});

describe('noticing that the server lost commands', () => {
	it('a lastSeq at or above the highest one seen changes nothing; a lower one is a loss', async () => {
		const store = new MemoryStore();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const at = '2025-11-27T03:00:00.000Z';
		const newDeviceId = () => 'tablet-new1';
		await store.putJournal([entry(1, at), entry(2, at), entry(3, at)]);
		expect(await noteServerLastSeq(store, 3, { at, newDeviceId })).toBeUndefined();
		expect(await noteServerLastSeq(store, 3, { at, newDeviceId })).toBeUndefined();
		expect(await store.getMeta('acknowledgedSeq')).toBe(3);

		const replay = await noteServerLastSeq(store, 1, { at, newDeviceId });
		expect(replay).toMatchObject({ serverLastSeq: 1, highestAcknowledgedSeq: 3, count: 2 });
		expect(replay?.lost).toBeUndefined();
		expect((await store.listJournal()).map((e) => e.seq)).toEqual([1]);
		expect(await store.listCommands()).toMatchObject([
			{ seq: 2, status: 'pending', resend: 'applied', attempts: 0 },
			{ seq: 3, status: 'pending', resend: 'applied', attempts: 0 }
		]);
		// Noticed once: the next report of the same lastSeq is not a new loss.
		expect(await noteServerLastSeq(store, 1, { at, newDeviceId })).toBeUndefined();
		expect(console.warn).toHaveBeenCalledTimes(1);
	});
});

describe('healing a restored server', () => {
	it('after a restore the pull finds the loss and the tablet sends the journal again from lastSeq + 1, photos first', async () => {
		const { store, server, work, cycle } = await setup();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		await survey(work, 'j1', [SHA_A]);
		await cycle();
		const backup = server.backup();
		await estimate(work, 'j1');
		await survey(work, 'j2', [SHA_B, SHA_C]);
		await cycle();
		const before = structuredClone([...server.jobs.values()].map((j) => [j.id, j.request.state, j.request.version, j.status]));
		expect(await store.listJournal()).toHaveLength(3);

		server.restore(backup);
		server.calls.length = 0;
		const outcome = await cycle();

		expect(outcome.pull).toMatchObject({ ok: true, replay: { serverLastSeq: 1, highestAcknowledgedSeq: 3, count: 2 } });
		const calls = server.calls.map((c) => `${c.method} ${c.url.split('?')[0]}`);
		expect(calls).toEqual(['GET /api/sync/pull', `PUT /api/blobs/${SHA_B}`, `PUT /api/blobs/${SHA_C}`, 'POST /api/sync/push', 'GET /api/sync/pull']);
		expect(pushedSeqs(server)).toEqual([[2, 3]]);
		expect([...server.jobs.values()].map((j) => [j.id, j.request.state, j.request.version, j.status])).toEqual(before);
		expect(server.blobs.has(SHA_B) && server.blobs.has(SHA_C)).toBe(true);
		expect(await store.listCommands()).toEqual([]);
		expect((await store.listJournal()).map((e) => e.seq)).toEqual([1, 2, 3]);
		expect(await store.getMeta('journalReplay')).toMatchObject({ count: 2, finishedAt: '2025-11-27T02:15:00.000Z' });
		expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('2 command(s) sent again'));
	});

	it('with work still pending, the push answer reveals the loss and one cycle sends journal and new work in seq order', async () => {
		const { store, server, work, cycle } = await setup();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const backup = server.backup();
		await survey(work, 'j1', [SHA_A]);
		await cycle();
		server.restore(backup);
		await survey(work, 'j2', [SHA_B]);
		server.calls.length = 0;

		const outcome = await cycle();
		expect(outcome.push).toMatchObject({ applied: 2, replay: { serverLastSeq: 0, count: 1 } });
		expect(pushedSeqs(server)).toEqual([[2], [1, 2]]);
		expect(server.jobs.get('j1')?.request.state).toBe('surveyed');
		expect(server.jobs.get('j2')?.request.state).toBe('surveyed');
		expect(server.lastSeq.get('tablet-0001')).toBe(2);
		expect(await store.listCommands()).toEqual([]);
	});

	it('while it re-sends, the crew still sees its work done (the re-sent commands are replayed on its view)', async () => {
		const { store, server, work, cycle } = await setup();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const backup = server.backup();
		await survey(work, 'j1', [SHA_A]);
		await cycle();
		server.restore(backup);
		// The re-send cannot go out yet: the server is down right after the pull that noticed the loss.
		server.intercept.push(() => undefined, () => new Response('', { status: 503 }));
		await cycle();
		expect((await work.getEffectiveJob('j1'))?.request.state).toBe('surveyed');
		expect(await store.listCommands()).toMatchObject([{ seq: 1, status: 'pending', resend: 'applied' }]);
		expect((await store.getMeta('journalReplay'))?.finishedAt).toBeUndefined();
		await cycle();
		expect((await store.getMeta('journalReplay'))?.finishedAt).toBeDefined();
		expect(server.jobs.get('j1')?.request.state).toBe('surveyed');
	});

	it('a command the crew had already dismissed, refused again on re-send, is not shown again; one accepted before and refused now is', async () => {
		const { store, server, work, cycle } = await setup();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const backup = server.backup();
		await survey(work, 'j1', [SHA_A]);
		await survey(work, 'j2', [SHA_B]);
		server.putJob({ ...makeJob('j1'), request: { ...makeJob('j1').request, version: 7 } });
		await cycle();
		const [refused] = await store.listCommands({ status: 'rejected' });
		await work.dismissRejected(refused!.commandId);

		// Restored to before both; meanwhile (in the backup's future) a supervisor moves both requests on.
		server.restore(backup);
		for (const id of ['j1', 'j2']) server.putJob({ ...makeJob(id), request: { ...makeJob(id).request, version: 9 } });
		await cycle();
		const shown = await store.listCommands();
		expect(shown).toMatchObject([{ seq: 2, status: 'rejected', code: 'stale_version', resend: 'applied' }]);
		expect((await store.listJournal()).map((e) => [e.seq, e.status])).toEqual([[1, 'rejected']]);
	});

	it('when the journal no longer reaches back, the crew is told plainly and what is left goes on under a new device id', async () => {
		const { store, server, work, cycle } = await setup();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const backup = server.backup();
		await survey(work, 'j1', [SHA_A]);
		await survey(work, 'j2', [SHA_B]);
		await cycle();
		// Seq 1 was pruned from the journal (older than the window).
		await store.deleteJournal([(await store.listJournal())[0]!.commandId]);
		server.restore(backup);
		await survey(work, 'j3', [SHA_C]);

		const outcome = await cycle();
		expect(outcome.push.replay).toMatchObject({ count: 1, lost: { fromSeq: 1, toSeq: 1, count: 1 } });
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('seqs 1–1 were no longer in the journal'));
		expect(await store.getMeta('deviceId')).toBe('tablet-0002');
		expect(server.lastSeq.get('tablet-0002')).toBe(2);
		expect(server.jobs.get('j1')?.request.state).toBe('survey_scheduled');
		expect(server.jobs.get('j2')?.request.state).toBe('surveyed');
		expect(server.jobs.get('j3')?.request.state).toBe('surveyed');
		expect(await store.getMeta('journalReplay')).toMatchObject({ lost: { count: 1 } });
	});
});
