// The crew's repair report (recordFix): its registry entry, its schema's rules with the words the form shows, the
// form's draft and text, and the tablet's view once it is queued (the request fixed, the job done).
import { describe, expect, it } from 'vitest';
import { blobsOf, parseCommandPayload } from '$lib/domain/commands';
import { jobRefusal, registry, sectionLabel, sectionsOf } from '$lib/domain/field-commands';
import { FIX_PHOTOS_MAX, fixPayload } from '$lib/domain/field-commands/record-fix';
import { TRANSITIONS } from '$lib/domain/workflow';
import { checkCommand, effectiveJob } from '$lib/client/optimistic';
import type { OutboxCommand } from '$lib/client/store';
import { m } from '$lib/paraglide/messages.js';
import { fixDraftFrom, fixLines, isBlankFix, validateFix } from '../../src/lib/components/field/fix-form';
import { makeJob, SHA_A, SHA_B } from './client-fixtures';

const vi = { locale: 'vi' as const };
const REPORT = 'Thay cầu chì hạ thế bị đứt, đã có điện lúc 10:15';

function repairJob() {
	const job = makeJob('r1', { kind: 'repair' });
	return { ...job, request: { ...job.request, serviceNumber: 52, state: 'crew_dispatched' as const, version: 2 } };
}

function queued(payload: unknown, status: OutboxCommand['status'] = 'pending'): OutboxCommand {
	return { commandId: 'c-1', seq: 1, name: 'recordFix', jobId: 'r1', requestId: 'req-r1', baseVersion: 2, deviceTime: '2026-11-23T03:15:00.000Z', location: null, payload, status, createdAt: '2026-11-23T03:15:00.000Z', attempts: 0 };
}

/** The schema's words for the report field (the server's refusal names the same field). */
function refusalOf(payload: unknown): Record<string, string> {
	const parsed = parseCommandPayload('recordFix', payload);
	return parsed.ok ? {} : parsed.refusal.fields;
}

describe('the recordFix registry entry', () => {
	it('is the repair process’s recordFix on a repair job waiting for its crew, completing the job', () => {
		const def = registry.recordFix;
		expect(def).toMatchObject({ name: 'recordFix', jobKinds: ['repair'], states: ['crew_dispatched'], draft: 'fix', form: 'fix', section: 'repair', completesJob: true });
		expect(TRANSITIONS.recordFix.roles).toContain('crew');
		expect(def.label()).toBe(m.crew_command_recordFix());
		expect(m.crew_command_recordFix({}, vi)).toBe('Báo cáo sửa chữa');
		expect([...sectionsOf(['recordFix', 'submitSurvey'])]).toEqual(['repair', 'survey']);
		expect(sectionLabel('repair')).toBe(m.crew_command_recordFix());
	});

	it('names its photos, and only hashes', () => {
		expect(blobsOf('recordFix', { report: REPORT, photos: [SHA_A, 'not a hash', SHA_B] })).toEqual([SHA_A, SHA_B]);
		expect(blobsOf('recordFix', { report: REPORT })).toEqual([]);
	});

	it('is refused on a survey job with the same code and words on the tablet and the server', () => {
		const survey = makeJob('s1');
		const server = jobRefusal(registry.recordFix, survey);
		expect(server).toMatchObject({ code: 'wrong_job_kind', reason: { vi: 'Chỉ công việc xử lý sự cố mới nhận báo cáo sửa chữa' } });
		expect(checkCommand(survey, 'recordFix', survey.request.version)).toMatchObject({ ok: false, code: 'wrong_job_kind', reason: server!.reason });
		expect(checkCommand(repairJob(), 'recordFix', 2).ok).toBe(true);
	});
});

describe('the report’s rules, with the form’s words', () => {
	it('takes the report trimmed, with line breaks, and no photos', () => {
		const parsed = fixPayload.parse({ report: `  ${REPORT}\nKiểm tra lại aptomat tổng.  ` });
		expect(parsed).toEqual({ report: `${REPORT}\nKiểm tra lại aptomat tổng.`, photos: [] });
		expect(fixPayload.parse({ report: REPORT, photos: [SHA_A, SHA_B] }).photos).toEqual([SHA_A, SHA_B]);
	});

	it('refuses an empty, too short or too long report and control characters in words', () => {
		expect(refusalOf({ report: '   ' }).report).toBe('Nhập nội dung đã sửa chữa');
		expect(refusalOf({}).report).toBe('Nhập nội dung đã sửa chữa');
		expect(refusalOf({ report: 'Xong' }).report).toBe('Báo cáo sửa chữa cần ít nhất 5 ký tự');
		expect(refusalOf({ report: 'đ'.repeat(1001) }).report).toBe('Báo cáo sửa chữa tối đa 1000 ký tự');
		expect(parseCommandPayload('recordFix', { report: 'đ'.repeat(1000) }).ok).toBe(true);
		expect(refusalOf({ report: `${REPORT}\u0007` }).report).toContain('ký tự điều khiển');
		expect(refusalOf({ report: `${REPORT}\u001b[2J` }).report).toContain('ký tự điều khiển');
	});

	it('refuses more than six photos and a photo that is not a hash', () => {
		const seven = Array.from({ length: FIX_PHOTOS_MAX + 1 }, (_, i) => String(i).repeat(64).slice(0, 64));
		expect(refusalOf({ report: REPORT, photos: seven }).photos).toBe('Tối đa 6 ảnh');
		expect(parseCommandPayload('recordFix', { report: REPORT, photos: seven.slice(0, FIX_PHOTOS_MAX) }).ok).toBe(true);
		expect(Object.keys(refusalOf({ report: REPORT, photos: ['abc'] }))).toEqual(['photos.0']);
	});

	it('the form refuses what the schema refuses, with the same words', () => {
		for (const report of ['', 'Xong', 'đ'.repeat(1001), `${REPORT}\u0000`]) {
			const form = validateFix({ report, photos: [], location: null });
			expect(form.ok).toBe(false);
			expect(form.ok ? null : form.fields.report).toBe(refusalOf({ report }).report);
		}
		expect(validateFix({ report: REPORT, photos: [SHA_A], location: { lat: 21, lng: 105.8, accuracyM: 5 } })).toEqual({ ok: true, payload: { report: REPORT, photos: [SHA_A] } });
	});
});

describe('the form and the tablet’s view', () => {
	it('reads a draft or a redone payload back, and a blank form is not a draft', () => {
		expect(fixDraftFrom({ report: REPORT, photos: [SHA_A, SHA_A, 3] })).toEqual({ report: REPORT, photos: [SHA_A], location: null });
		expect(fixDraftFrom('garbage')).toEqual({ report: '', photos: [], location: null });
		expect(isBlankFix({ report: '  ', photos: [], location: null })).toBe(true);
		expect(isBlankFix({ report: '', photos: [SHA_A], location: null })).toBe(false);
	});

	it('copies the report as text', () => {
		expect(fixLines({ report: REPORT, photos: [SHA_A, SHA_B] })).toEqual([`${m.crew_command_recordFix()}: ${REPORT}`, m.crew_fix_photosCount({ count: 2 })]);
	});

	it('a queued report shows the request fixed and the job done until the server says otherwise', () => {
		const pending = effectiveJob(repairJob(), [queued({ report: `  ${REPORT}  `, photos: [] })]);
		expect(pending.request.state).toBe('fixed');
		// the report reads on the job as the server will keep it (trimmed), before it is sent
		expect(pending.request.fixReport?.report).toBe(REPORT);
		expect(pending.status).toBe('done');
		expect(pending.pending.map((c) => c.name)).toEqual(['recordFix']);
		const refused = effectiveJob(repairJob(), [{ ...queued({ report: REPORT }), status: 'rejected', code: 'wrong_state' }]);
		expect(refused.request.state).toBe('crew_dispatched');
		expect(refused.status).toBe('assigned');
		expect(refused.request.fixReport ?? null).toBeNull();
		expect(refused.rejected.map((c) => c.name)).toEqual(['recordFix']);
	});
});
