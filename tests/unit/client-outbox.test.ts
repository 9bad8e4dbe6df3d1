import { describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '$lib/client/memory-store';
import { createFieldWork, isoWithOffset, randomUuid } from '$lib/client/outbox';
import { MATERIALS } from '$lib/domain/materials';
import { commandEnvelope } from '$lib/domain/commands';
import { estimateInput, makeJob, photoOf, SHA_A, SHA_B, surveyInput, uuidSequence } from './client-fixtures';

const VN = 7 * 60;

async function setup(jobs = [makeJob('j1'), makeJob('j2')]) {
	const store = new MemoryStore();
	await store.setMeta('dataOwnerId', 'u1');
	await store.upsertJobs(jobs);
	const onEnqueued = vi.fn();
	const onChanged = vi.fn();
	const onStorageError = vi.fn();
	let now = new Date('2025-11-27T02:15:00.000Z');
	const work = createFieldWork({
		store,
		now: () => now,
		utcOffsetMinutes: () => VN,
		newId: uuidSequence(),
		onEnqueued,
		onChanged,
		onStorageError
	});
	return { store, work, onEnqueued, onChanged, onStorageError, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const location = { lat: 16.4637, lng: 107.5909, accuracyM: 9 };

describe('submitFieldCommand', () => {
	it('an invalid survey is not queued: the form gets a Vietnamese message per field', async () => {
		const { work, store, onEnqueued } = await setup();
		const outcome = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput({ distanceM: 900, sitePhotos: [] }), location });
		expect(outcome).toEqual({
			ok: false,
			fields: {
				distanceM: 'Khoảng cách tối đa 500 m (xa hơn cần phương án cấp điện riêng)',
				sitePhotos: 'Cần ít nhất 1 ảnh hiện trường'
			}
		});
		expect(await store.listCommands()).toEqual([]);
		expect(onEnqueued).not.toHaveBeenCalled();
	});

	it('queues a pending command with seq 1, the pulled version, VN device time, deletes the draft, and starts a sync', async () => {
		const { work, store, onEnqueued } = await setup();
		await work.saveDraft('j1', 'survey', { distanceM: 25 });
		const outcome = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location });
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.command).toMatchObject({
			seq: 1,
			status: 'pending',
			jobId: 'j1',
			requestId: 'req-j1',
			baseVersion: 2,
			deviceTime: '2025-11-27T09:15:00.000+07:00',
			location,
			attempts: 0
		});
		// What travels is exactly a valid envelope.
		expect(commandEnvelope.safeParse(outcome.command).success).toBe(true);
		expect(await work.loadDraft('j1', 'survey')).toBeUndefined();
		expect(await work.listCommands('j1')).toHaveLength(1);
		expect(onEnqueued).toHaveBeenCalledOnce();
		expect(await store.getMeta('seqCounter')).toBe(1);
	});

	it('chains survey then estimate offline: the estimate names the version the survey produces, seqs have no gap', async () => {
		const { work } = await setup();
		const survey = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location });
		const other = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j2', payload: surveyInput(), location: null });
		const estimate = await work.submitFieldCommand({ name: 'submitEstimate', jobId: 'j1', payload: estimateInput(), location });
		expect([survey, other, estimate].map((o) => (o.ok ? [o.command.seq, o.command.baseVersion] : o.fields))).toEqual([
			[1, 2],
			[2, 2],
			[3, 3]
		]);
		const view = await work.getEffectiveJob('j1');
		expect(view).toMatchObject({ status: 'done', request: { state: 'estimated', version: 4, estimate: { total: 682_000 } } });
		expect(view?.pending.map((c) => c.seq)).toEqual([1, 3]);
		expect((await work.listEffectiveJobs()).map((j) => j.request.state)).toEqual(['estimated', 'surveyed']);
	});

	it('a double tap does not queue the survey twice', async () => {
		const { work, store } = await setup();
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location });
		const again = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location });
		expect(again.ok).toBe(false);
		if (!again.ok) expect(again.fields['']).toContain('Đã khảo sát');
		expect(await store.listCommands()).toHaveLength(1);
	});

	it('an estimate before the survey, or with a total that does not match the price list, is refused on the form', async () => {
		const { work, store } = await setup();
		const early = await work.submitFieldCommand({ name: 'submitEstimate', jobId: 'j1', payload: estimateInput(), location });
		expect(early.ok).toBe(false);
		if (!early.ok) expect(early.fields['']).toContain('Đã hẹn khảo sát');

		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location });
		const wrongTotal = await work.submitFieldCommand({ name: 'submitEstimate', jobId: 'j1', payload: estimateInput({ expectedTotal: 600_000 }), location });
		expect(wrongTotal).toEqual({ ok: false, fields: { expectedTotal: expect.stringContaining('Tổng tiền không khớp') } });
		expect(await store.listCommands()).toHaveLength(1);
	});

	it('a survey on an installation job, or on a job no longer on the tablet, is refused with a Vietnamese reason', async () => {
		const { work, store } = await setup([makeJob('i1', { kind: 'installation' })]);
		expect(await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'i1', payload: surveyInput(), location })).toEqual({
			ok: false,
			fields: { '': 'Chỉ công việc khảo sát mới nhận khảo sát và dự toán' }
		});
		expect(await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'gone', payload: surveyInput(), location })).toEqual({
			ok: false,
			fields: { '': 'Không tìm thấy công việc này trên máy' }
		});
		expect(await store.getMeta('seqCounter')).toBeUndefined();
	});

	it('a failed write keeps nothing half-done: no command, no seq taken, the draft kept, the error reported', async () => {
		const { work, store, onStorageError } = await setup();
		await work.saveDraft('j1', 'survey', { distanceM: 25 });
		await store.setMeta('seqCounter', 4);
		const quota = Object.assign(new Error('quota exceeded'), { name: 'QuotaExceededError' });
		const put = store.putCommand.bind(store);
		store.putCommand = async () => {
			throw quota;
		};
		await expect(work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location })).rejects.toThrow('quota');
		store.putCommand = put;
		expect(await store.getMeta('seqCounter')).toBe(4);
		expect(await work.loadDraft('j1', 'survey')).toBeDefined();
		expect(onStorageError).toHaveBeenCalledWith(quota);
		const next = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location });
		expect(next.ok && next.command.seq).toBe(5);
	});
});

describe('drafts, photos, rejected commands, materials', () => {
	it('saveDraft stamps the time; a full disk rejects the save instead of pretending', async () => {
		const { work, store, onStorageError, advance } = await setup();
		await work.saveDraft('j1', 'estimate', { lines: [] });
		advance(60_000);
		await work.saveDraft('j1', 'estimate', { lines: [{ code: 'KEP-TREO', quantity: 2 }] });
		expect(await work.loadDraft('j1', 'estimate')).toEqual({
			jobId: 'j1',
			kind: 'estimate',
			data: { lines: [{ code: 'KEP-TREO', quantity: 2 }] },
			updatedAt: '2025-11-27T02:16:00.000Z'
		});
		store.failWrites = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
		await expect(work.saveDraft('j1', 'estimate', { lines: [] })).rejects.toThrow('quota');
		expect(onStorageError).toHaveBeenCalledOnce();
		store.failWrites = null;
		await work.discardDraft('j1', 'estimate');
		expect(await work.loadDraft('j1', 'estimate')).toBeUndefined();
	});

	it('savePhoto is idempotent by sha256 and never resets an uploaded photo', async () => {
		const { work, store } = await setup();
		await work.savePhoto(photoOf(SHA_A));
		await work.savePhoto(photoOf(SHA_B));
		await store.putPhoto({ ...(await store.getPhoto(SHA_A))!, uploaded: true });
		await work.savePhoto(photoOf(SHA_A));
		expect((await work.getPhoto(SHA_A))?.uploaded).toBe(true);
		expect((await work.listPhotos()).map((p) => p.sha256)).toEqual([SHA_A, SHA_B]);
		expect((await work.listPhotos({ pendingOnly: true })).map((p) => p.sha256)).toEqual([SHA_B]);
	});

	it('redo puts a rejected estimate back into its draft and removes the command; dismiss just removes it', async () => {
		const { work, store, onChanged } = await setup();
		await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'j1', payload: surveyInput(), location });
		const estimate = await work.submitFieldCommand({ name: 'submitEstimate', jobId: 'j1', payload: estimateInput(), location });
		if (!estimate.ok) throw new Error('not queued');
		const reason = { vi: 'Bảng giá vật tư đã thay đổi', en: 'Prices changed' };
		await store.putCommand({ ...estimate.command, status: 'rejected', code: 'price_changed', reason });

		await expect(work.redoRejected((await store.listCommands())[0].commandId)).rejects.toThrow('Không tìm thấy thao tác bị từ chối');
		expect(await work.redoRejected(estimate.command.commandId)).toEqual({ jobId: 'j1', kind: 'estimate' });
		expect((await work.loadDraft('j1', 'estimate'))?.data).toEqual(estimateInput());
		expect((await work.listCommands()).map((c) => c.name)).toEqual(['submitSurvey']);
		expect(onChanged).toHaveBeenCalled();

		const again = await work.submitFieldCommand({ name: 'submitEstimate', jobId: 'j1', payload: estimateInput(), location });
		if (!again.ok) throw new Error('not queued');
		expect(again.command.seq).toBe(3);
		await store.putCommand({ ...again.command, status: 'rejected', code: 'job_cancelled', reason });
		await work.dismissRejected(again.command.commandId);
		expect((await work.getEffectiveJob('j1'))?.rejected).toEqual([]);
	});

	it('materials: the bundled list until the server’s is cached, then the cached one prices estimates', async () => {
		const { work, store } = await setup([makeJob('j1', { request: { ...makeJob('j1').request, state: 'surveyed', version: 3 } })]);
		expect(await work.listMaterials()).toEqual(MATERIALS);
		const dearer = MATERIALS.map((m) => (m.code === 'CB-BV-1P-40' ? { ...m, unitPrice: 200_000 } : m));
		await store.setMeta('materials', { items: dearer, fetchedAt: '2025-11-27T00:00:00.000Z' });
		expect((await work.listMaterials()).find((m) => m.code === 'CB-BV-1P-40')?.unitPrice).toBe(200_000);
		const stale = await work.submitFieldCommand({ name: 'submitEstimate', jobId: 'j1', payload: estimateInput(), location });
		expect(stale.ok).toBe(false);
		const fresh = await work.submitFieldCommand({ name: 'submitEstimate', jobId: 'j1', payload: estimateInput({ expectedTotal: 720_500 }), location });
		expect(fresh.ok).toBe(true);
	});
});

describe('isoWithOffset', () => {
	it('writes the crew’s wall-clock time with its offset', () => {
		const at = new Date('2025-11-26T20:05:09.123Z');
		expect(isoWithOffset(at, 420)).toBe('2025-11-27T03:05:09.123+07:00');
		expect(isoWithOffset(at, -150)).toBe('2025-11-26T17:35:09.123-02:30');
		expect(isoWithOffset(at, 0)).toBe('2025-11-26T20:05:09.123+00:00');
	});
});

describe('randomUuid', () => {
	it('makes command ids the server accepts, also where crypto.randomUUID is missing (plain http)', () => {
		const original = crypto.randomUUID;
		try {
			Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
			const ids = new Set(Array.from({ length: 50 }, () => randomUuid()));
			expect(ids.size).toBe(50);
			for (const id of ids) expect(commandEnvelope.shape.commandId.safeParse(id).success).toBe(true);
		} finally {
			Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
		}
	});
});
