// The crew's own meter check, before the server confirms it (issue 6): the job shows done and the request
// completed with the check's result; commands of the other workflow are refused on the tablet; a rejected check
// stays listed and goes back into its own form ("check"); the queue machinery takes the command with its photos.
import { describe, expect, it } from 'vitest';
import type { JobView, MeterView } from '$lib/domain/api';
import { blobsOf } from '$lib/domain/commands';
import { signingCodeFrom } from '$lib/domain/signing-code';
import { checkCommand, draftKindOf, effectiveJob, meterCheckRecordOf, METER_CHECK_DRAFT } from '$lib/client/optimistic';
import { createFieldWork } from '$lib/client/outbox';
import { MemoryStore } from '$lib/client/memory-store';
import type { OutboxCommand } from '$lib/client/store';
import { commandNameLabel } from '$lib/client/labels';
import { meterCheckLines } from '$lib/components/field/command-text';
import { makeJob, surveyInput } from './client-fixtures';

const DAY = 86_400_000;
const NOW = new Date('2025-11-27T02:30:00.000Z');
const SHA = (c: string) => c.repeat(64);

const METER: MeterView = {
	serial: 'HN-CT-0004',
	phases: 1,
	type: 'electronic',
	registerDigits: 6,
	installedAt: '2020-01-01T00:00:00.000Z',
	removedAt: null,
	readings: [3, 2, 1, 0].map((monthsBack) => ({
		at: new Date(NOW.getTime() - (30 + monthsBack * 30) * DAY).toISOString(),
		kwh: 12_750 - monthsBack * 150,
		source: 'utility' as const,
		abnormal: false
	}))
};

function meterJob(id = 'm1', overrides: Partial<JobView['request']> = {}): JobView {
	const base = makeJob(id);
	return { ...base, kind: 'meter_check', request: { ...base.request, serviceNumber: 41, meter: METER, meterCheck: null, ...overrides } };
}

function payload(overrides: Record<string, unknown> = {}) {
	return {
		meterSerial: 'HN-CT-0004',
		readingKwh: 12_900,
		readingPhoto: SHA('a'),
		sealIntact: true,
		sealPhoto: null,
		result: 'stopped',
		errorPercent: null,
		action: 'replaced',
		replacement: {
			newSerial: 'HN-CT-9001',
			newType: 'electronic',
			newPhases: 1,
			newRegisterDigits: 6,
			newReadingKwh: 0,
			newPhoto: SHA('c'),
			oldFinalKwh: 12_901,
			oldFinalPhoto: SHA('b')
		},
		abnormalConfirmPhoto: null,
		notes: '',
		location: null,
		code: signingCodeFrom('12345'),
		signature: { imagePng: 'data:image/png;base64,iVBORw0KGgo=', strokes: [[{ x: 1, y: 2, time: 3 }]], signerName: 'Khách hàng m1' },
		...overrides
	};
}

function command(overrides: Partial<OutboxCommand> = {}): OutboxCommand {
	return {
		commandId: 'c1',
		seq: 1,
		name: 'recordMeterCheck',
		jobId: 'm1',
		requestId: 'req-m1',
		baseVersion: 2,
		deviceTime: '2025-11-27T09:30:00.000+07:00',
		location: null,
		payload: payload(),
		status: 'pending',
		createdAt: NOW.toISOString(),
		attempts: 0,
		...overrides
	};
}

describe('a pending meter check on the tablet', () => {
	it('completes the request and the job at once, with the result shown from the command', () => {
		const view = effectiveJob(meterJob(), [command()]);
		expect(view.request.state).toBe('completed');
		expect(view.request.version).toBe(3);
		expect(view.status).toBe('done');
		expect(view.pending).toHaveLength(1);
		expect(view.request.meterCheck).toMatchObject({
			meterSerial: 'HN-CT-0004',
			readingKwh: 12_900,
			action: 'replaced',
			replacement: { newSerial: 'HN-CT-9001', oldFinalKwh: 12_901 },
			abnormal: false,
			abnormalReason: null,
			signerName: 'Khách hàng m1',
			recordedAt: '2025-11-27T09:30:00.000+07:00'
		});
		// the request's meter stays the checked one
		expect(view.request.meter?.serial).toBe('HN-CT-0004');
	});

	it('an abnormal reading confirmed with a second photo shows its flag and reason before sync', () => {
		const record = meterCheckRecordOf(payload({ readingKwh: 13_500, action: 'none', replacement: null, result: 'accurate', errorPercent: 0.5, abnormalConfirmPhoto: SHA('d') }), '2025-11-27T09:30:00.000+07:00', METER);
		expect(record).toMatchObject({ abnormal: true, abnormalConfirmPhoto: SHA('d') });
		expect(record?.abnormalReason).toContain('Bất thường');
	});

	it('a rejected check is not replayed: the job is open again and the rejection stays listed', () => {
		const rejected = command({ status: 'rejected', code: 'wrong_code', reason: { vi: 'Mã xác nhận không đúng', en: 'Wrong code' } });
		const view = effectiveJob(meterJob(), [rejected]);
		expect(view.request.state).toBe('survey_scheduled');
		expect(view.status).toBe('assigned');
		expect(view.request.meterCheck).toBeNull();
		expect(view.rejected.map((c) => c.code)).toEqual(['wrong_code']);
	});

	it('once the pull carries the server’s record, the command is not replayed over it', () => {
		const pulled = meterJob('m1', { state: 'completed', version: 3 });
		const serverRecord = { ...meterCheckRecordOf(payload(), 'x', METER)!, crewName: 'Trần Văn An', recordedAt: '2025-11-27T02:31:00.000Z' };
		pulled.request.meterCheck = serverRecord;
		const view = effectiveJob({ ...pulled, status: 'done' }, [command({ status: 'applied' })]);
		expect(view.request.version).toBe(3);
		expect(view.request.meterCheck?.crewName).toBe('Trần Văn An');
	});
});

describe('each workflow keeps its own commands', () => {
	it('a meter check job takes no survey; a survey job no meter check', () => {
		expect(checkCommand(meterJob(), 'submitSurvey', 2).ok).toBe(false);
		expect(checkCommand(meterJob(), 'recordMeterCheck', 2).ok).toBe(true);
		const survey = checkCommand(makeJob('s1'), 'recordMeterCheck', 2);
		expect(survey.ok).toBe(false);
		if (!survey.ok) expect(survey.reason.vi).toContain('kiểm tra công tơ');
		// even a meter_check-kind job of a wiring service (should never happen) refuses it by the service's workflow
		const odd = { ...meterJob(), request: { ...meterJob().request, serviceNumber: 2 } };
		expect(checkCommand(odd, 'recordMeterCheck', 2)).toMatchObject({ ok: false, code: 'not_in_workflow' });
	});

	it('a rejected check goes back into the check form, whose route segment is "check"', () => {
		expect(draftKindOf('recordMeterCheck')).toBe('check');
		expect(METER_CHECK_DRAFT).toBe('check');
		expect(draftKindOf('recordInstallation')).toBe('install');
	});

	it('the command has a name and a plain-text copy without the code or the signature', () => {
		expect(commandNameLabel('recordMeterCheck')).toBe('Kết quả kiểm tra công tơ');
		const text = meterCheckLines(payload()).join('\n');
		expect(text).toContain('HN-CT-0004');
		expect(text).toContain('Thay công tơ');
		expect(text).toContain('HN-CT-9001');
		expect(text).not.toContain(signingCodeFrom('12345'));
		expect(text).not.toContain('data:image');
	});
});

describe('queueing through the outbox', () => {
	it('one recordMeterCheck is queued with its photos, the check draft is cleared, and redo brings the payload back to it', async () => {
		const store = new MemoryStore();
		await store.upsertJobs([meterJob()]);
		let id = 0;
		const work = createFieldWork({ store, now: () => NOW, utcOffsetMinutes: () => 420, newId: () => `00000000-0000-4000-8000-00000000000${++id}` });
		await work.saveDraft('m1', METER_CHECK_DRAFT, { readingKwh: '12900' });

		const bad = await work.submitFieldCommand({ name: 'recordMeterCheck', jobId: 'm1', payload: payload({ code: '123' }), location: null });
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.fields.code).toBeDefined();

		const outcome = await work.submitFieldCommand({ name: 'recordMeterCheck', jobId: 'm1', payload: payload(), location: null });
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(blobsOf(outcome.command.name, outcome.command.payload).sort()).toEqual([SHA('a'), SHA('b'), SHA('c')]);
		expect(await work.loadDraft('m1', METER_CHECK_DRAFT)).toBeUndefined();
		expect((await work.getEffectiveJob('m1'))?.status).toBe('done');

		// a second check of the same job is refused locally: the request is completed
		const twice = await work.submitFieldCommand({ name: 'recordMeterCheck', jobId: 'm1', payload: payload(), location: null });
		expect(twice.ok).toBe(false);

		// the server rejects it (wrong code): the crew fixes it in the check form
		await store.putCommand({ ...outcome.command, status: 'rejected', code: 'wrong_code', reason: { vi: 'Sai mã', en: 'Wrong code' } });
		const redo = await work.redoRejected(outcome.command.commandId);
		expect(redo).toEqual({ jobId: 'm1', kind: 'check' });
		expect((await work.loadDraft('m1', METER_CHECK_DRAFT))?.data).toMatchObject({ readingKwh: 12_900, replacement: { newSerial: 'HN-CT-9001' } });
		expect((await work.getEffectiveJob('m1'))?.status).toBe('assigned');
	});

	it('a photo of the replacement meter the server refused can be retaken in the pending check', async () => {
		const store = new MemoryStore();
		await store.upsertJobs([meterJob()]);
		const work = createFieldWork({ store, now: () => NOW, newId: () => '00000000-0000-4000-8000-000000000001' });
		const outcome = await work.submitFieldCommand({ name: 'recordMeterCheck', jobId: 'm1', payload: payload(), location: null });
		if (!outcome.ok) throw new Error('not queued');
		const retaken = { sha256: SHA('e'), blob: new Blob([new Uint8Array([1, 2, 3])]), mime: 'image/jpeg' as const, size: 3, width: 4, height: 3, jobId: 'm1', capturedAt: NOW.toISOString() };
		const replaced = await work.replaceCommandPhoto(outcome.command.commandId, SHA('c'), retaken);
		expect(replaced.payload).toMatchObject({ readingPhoto: SHA('a'), replacement: { newPhoto: SHA('e'), oldFinalPhoto: SHA('b') } });
		expect(blobsOf('recordMeterCheck', replaced.payload).sort()).toEqual([SHA('a'), SHA('b'), SHA('e')]);
		await expect(work.replaceCommandPhoto(outcome.command.commandId, SHA('c'), retaken)).rejects.toThrow('không có ảnh cần thay');
	});

	it('a survey payload is not a meter check', async () => {
		const store = new MemoryStore();
		await store.upsertJobs([meterJob()]);
		const work = createFieldWork({ store, now: () => NOW, newId: () => '00000000-0000-4000-8000-000000000001' });
		const outcome = await work.submitFieldCommand({ name: 'submitSurvey', jobId: 'm1', payload: surveyInput(), location: null });
		expect(outcome.ok).toBe(false);
	});
});
