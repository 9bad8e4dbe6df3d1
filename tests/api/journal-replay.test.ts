// A server restored from a mid-day backup is healed by its tablets: the real sync engine of three tablets (two
// crews, one of them with two tablets) against the in-process API. After the restore each tablet notices that the
// server reports less than it had decided for it and sends its journal again, photos first; the server ends up
// exactly as it was before the loss, with nothing applied twice and nothing lost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../src/lib/client/memory-store';
import { createFieldWork } from '../../src/lib/client/outbox';
import { runSyncCycle } from '../../src/lib/client/push';
import { pullOnce } from '../../src/lib/client/sync';
import { DRIVERS, snapshotDatabase } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { estimatePayloadFor, fakeJpeg, surveyPayloadFor } from '../support/field';

describe.each(DRIVERS)('a restored server healed by the device journals on %s', (driver) => {
	let t: TestContext;
	const dirs: string[] = [];
	beforeEach(async () => {
		t = await createTestContext(driver, { persistent: true });
		vi.spyOn(console, 'warn').mockImplementation(() => {});
	});
	afterEach(async () => {
		vi.restoreAllMocks();
		await t.close();
		for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
	});

	/** A tablet: its own store and device, logged in, with its crew's jobs pulled once. */
	async function tablet(username: string, crewId: string, deviceId: string) {
		await t.makeUser({ username, crewId });
		const token = await t.login(username);
		const store = new MemoryStore();
		const fetch: typeof globalThis.fetch = (input, init) => Promise.resolve(t.app.request(String(input), init));
		const work = createFieldWork({ store, now: () => t.now(), utcOffsetMinutes: () => 420, newId: () => randomUUID() });
		await store.setMeta('dataOwnerId', username);
		expect((await pullOnce({ fetch, store, token, ownerId: username })).ok).toBe(true);
		const sync = async () => {
			const outcome = await runSyncCycle({ fetch, store, token, ownerId: username, now: () => t.now().getTime(), newDeviceId: () => deviceId, force: true, materialsMaxAgeMs: 0 });
			expect(outcome.push.error).toBeUndefined();
			expect(outcome.pull?.ok).toBe(true);
			return outcome;
		};
		const survey = async (jobId: string, label: string) => {
			const photos = [`${label}-hien-truong`, `${label}-cong-to`].map((l) => fakeJpeg(`${username}-${l}`));
			for (const p of photos) {
				await work.savePhoto({ sha256: p.sha256, blob: new Blob([p.bytes as BlobPart], { type: 'image/jpeg' }), mime: 'image/jpeg', size: p.bytes.length, width: 4, height: 3, jobId, capturedAt: t.now().toISOString() });
			}
			const payload = surveyPayloadFor({ site: [photos[0]!.sha256], meter: [photos[1]!.sha256] });
			const outcome = await work.submitFieldCommand({ name: 'submitSurvey', jobId, payload, location: payload.location });
			expect(outcome.ok).toBe(true);
			return photos.map((p) => p.sha256);
		};
		const estimate = async (jobId: string) => {
			const outcome = await work.submitFieldCommand({ name: 'submitEstimate', jobId, payload: estimatePayloadFor(surveyPayloadFor({ site: [], meter: [] })), location: null });
			expect(outcome.ok).toBe(true);
		};
		return { store, work, sync, survey, estimate };
	}

	/** What the server holds that the tablets' work produced, without the ids and times a new apply makes up. */
	async function serverState() {
		return t.database.withConnection(async (query) => {
			const rows = async (sql: string) => (await query(sql, [])).rows;
			return {
				requests: await rows(`SELECT id, state, version, installed FROM requests ORDER BY id`),
				jobs: await rows(`SELECT id, status, crew_id FROM jobs ORDER BY id`),
				devices: await rows(`SELECT id, last_seq::int AS last_seq FROM devices ORDER BY id`),
				commands: await rows(`SELECT device_id, seq::int AS seq, command_id, status, code, result_state, result_version FROM command_log ORDER BY device_id, seq`),
				surveys: await rows(`SELECT request_id, job_id, command_id, data FROM surveys ORDER BY command_id`),
				estimates: await rows(`SELECT request_id, command_id, lines, total::int AS total, customer_total::int AS customer_total FROM estimates ORDER BY command_id`),
				audit: await rows(`SELECT request_id, transition, from_state, to_state, version, device_id FROM audit_log ORDER BY request_id, version, transition`),
				notifications: await rows(`SELECT request_id, kind, channel, recipient, status FROM notifications ORDER BY request_id, kind, channel`),
				blobs: await rows(`SELECT sha256, size FROM blobs ORDER BY sha256`)
			};
		});
	}

	function copyDir(from: string): string {
		const to = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-blobs-backup-'));
		dirs.push(to);
		fs.cpSync(from, to, { recursive: true });
		return to;
	}

	function restoreDir(backup: string, into: string): void {
		for (const entry of fs.readdirSync(into)) fs.rmSync(path.join(into, entry), { recursive: true, force: true });
		fs.cpSync(backup, into, { recursive: true });
	}

	const blobOnDisk = (sha: string) => fs.existsSync(path.join(t.blobDir, sha.slice(0, 2), sha));

	it('surveys with photos, estimates and a refused duplicate made after the backup are all back, each once', async () => {
		const north = await t.makeCrew({ name: 'Tổ Bắc' });
		const south = await t.makeCrew({ name: 'Tổ Nam' });
		const [n1, n2] = [await t.makeJob({ crewId: north.id }), await t.makeJob({ crewId: north.id })];
		const [s1, s2] = [await t.makeJob({ crewId: south.id }), await t.makeJob({ crewId: south.id })];
		const a = await tablet('to-bac', north.id, 'tablet-bac-0001');
		const b = await tablet('to-nam', south.id, 'tablet-nam-0001');
		const b2 = await tablet('to-nam-2', south.id, 'tablet-nam-0002');

		// Morning: one survey each, synced.
		await a.survey(n1.id, 'sang');
		await b.survey(s1.id, 'sang');
		await a.sync();
		await b.sync();
		await b2.sync();

		// The backup runs mid-day.
		const backup = await snapshotDatabase(t.database);
		const blobBackup = copyDir(t.blobDir);

		// Afternoon: estimates (the customer's payment notices are queued), new surveys with photos, and the south
		// crew's second tablet surveying a job its colleague already surveyed (refused, then dismissed).
		t.setNow(new Date('2026-11-23T07:00:00Z'));
		await a.estimate(n1.id);
		const afternoonPhotos = await a.survey(n2.id, 'chieu');
		await b.estimate(s1.id);
		await b.survey(s2.id, 'chieu');
		await b2.survey(s2.id, 'trung');
		expect((await a.sync()).push).toMatchObject({ applied: 2, rejected: 0 });
		expect((await b.sync()).push).toMatchObject({ applied: 2, rejected: 0 });
		expect((await b2.sync()).push).toMatchObject({ applied: 0, rejected: 1 });
		const [refused] = await b2.store.listCommands({ status: 'rejected' });
		expect(refused).toMatchObject({ code: 'stale_version' });
		await b2.work.dismissRejected(refused!.commandId);
		for (const tab of [a, b, b2]) await tab.sync();

		const before = await serverState();
		expect(before.requests.filter((r) => r.state === 'estimated')).toHaveLength(2);
		expect(before.notifications.length).toBeGreaterThan(0);
		expect(before.commands).toHaveLength(7);

		// The loss: the database and the photo directory go back to the backup, and the server restarts.
		await backup.restore(t.database);
		restoreDir(blobBackup, t.blobDir);
		await t.restart();
		expect((await serverState()).commands).toHaveLength(2);
		expect(afternoonPhotos.some(blobOnDisk)).toBe(false);

		// The tablets come back online, in the order they first synced.
		t.setNow(new Date('2026-11-23T08:00:00Z'));
		const healed = [await a.sync(), await b.sync(), await b2.sync()];
		expect(healed.map((o) => o.pull?.ok && o.pull.replay?.count)).toEqual([2, 2, 1]);
		// The refusal the crew had already dismissed comes out the same and is not shown again.
		expect(await b2.store.listCommands()).toEqual([]);
		for (const tab of [a, b, b2]) await tab.sync();

		expect(await serverState()).toEqual(before);
		expect(afternoonPhotos.every(blobOnDisk)).toBe(true);
		for (const tab of [a, b, b2]) {
			expect(await tab.store.listCommands()).toEqual([]);
			expect(await tab.store.getMeta('journalReplay')).toMatchObject({ finishedAt: '2026-11-23T08:00:00.000Z' });
			expect((await tab.store.getMeta('journalReplay'))?.lost).toBeUndefined();
		}
		// The crew sees what the server has: the estimates and the surveys, nothing pending.
		expect((await a.work.getEffectiveJob(n1.id))?.request).toMatchObject({ state: 'estimated', version: before.requests.find((r) => r.id === n1.requestId)!.version });
		expect((await b.work.getEffectiveJob(s2.id))?.request.state).toBe('surveyed');
	});

	it('two tablets of one crew racing for a job after the restore: a different winner is shown to the crew, never silent', async () => {
		const crew = await t.makeCrew();
		const job = await t.makeJob({ crewId: crew.id });
		const first = await tablet('to-an', crew.id, 'tablet-an-00001');
		const second = await tablet('to-binh', crew.id, 'tablet-binh-0001');
		const backup = await snapshotDatabase(t.database);
		await first.survey(job.id, 'an');
		await second.survey(job.id, 'binh');
		await first.sync();
		await second.sync();
		const [refused] = await second.store.listCommands({ status: 'rejected' });
		await second.work.dismissRejected(refused!.commandId);
		await first.sync();

		await backup.restore(t.database);
		await t.restart();
		// The second tablet is back first: its survey, refused before, now applies (the server decides again)...
		await second.sync();
		await first.sync();
		// ...so the first tablet's survey, accepted before, is refused now, and its crew sees it with the reason.
		const shown = await first.store.listCommands();
		expect(shown).toMatchObject([{ status: 'rejected', resend: 'applied' }]);
		expect(shown[0]!.reason!.vi).toMatch(/\S/);
		const state = await serverState();
		expect(state.surveys).toHaveLength(1);
		expect(state.commands.map((c) => [c.device_id, c.status])).toEqual([
			['tablet-an-00001', 'rejected'],
			['tablet-binh-0001', 'applied']
		]);
	});

	it('a second restore to the same backup is healed again, and syncs with nothing lost change nothing', async () => {
		const crew = await t.makeCrew();
		const job = await t.makeJob({ crewId: crew.id });
		const tab = await tablet('to-mot', crew.id, 'tablet-mot-0001');
		const backup = await snapshotDatabase(t.database);
		const blobBackup = copyDir(t.blobDir);
		await tab.survey(job.id, 'mot');
		await tab.estimate(job.id);
		await tab.sync();
		const before = await serverState();

		for (let round = 0; round < 2; round++) {
			await backup.restore(t.database);
			restoreDir(blobBackup, t.blobDir);
			await t.restart();
			expect((await tab.sync()).pull).toMatchObject({ ok: true, replay: { serverLastSeq: 0, count: 2 } });
			expect(await serverState()).toEqual(before);
		}
		const quiet = await tab.sync();
		expect(quiet.pull).toMatchObject({ ok: true });
		expect(quiet.pull?.ok && quiet.pull.replay).toBeUndefined();
		expect(await serverState()).toEqual(before);
	});
});
