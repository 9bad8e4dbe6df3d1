import { describe, expect, it } from 'vitest';
import { effectiveJob } from '$lib/client/optimistic';
import type { OutboxCommand } from '$lib/client/store';
import { estimateInput, makeJob, surveyInput } from './client-fixtures';

function command(seq: number, name: OutboxCommand['name'], baseVersion: number, overrides: Partial<OutboxCommand> = {}): OutboxCommand {
	return {
		commandId: `c${seq}`,
		seq,
		name,
		jobId: 'j1',
		requestId: 'req-j1',
		baseVersion,
		deviceTime: `2025-11-27T09:${String(10 + seq).padStart(2, '0')}:00.000+07:00`,
		location: null,
		payload: name === 'submitSurvey' ? surveyInput() : estimateInput(),
		status: 'pending',
		createdAt: '2025-11-27T02:10:00.000Z',
		attempts: 0,
		...overrides
	};
}

describe('effectiveJob (the crew sees its own work before the server confirms it)', () => {
	it('a pending survey shows the request surveyed, one version up, with the survey filled in', () => {
		const view = effectiveJob(makeJob('j1'), [command(1, 'submitSurvey', 2)]);
		expect(view.request.state).toBe('surveyed');
		expect(view.request.version).toBe(3);
		expect(view.request.survey).toMatchObject({ distanceM: 25, phases: 1, notes: 'Nhà cuối hẻm', submittedAt: '2025-11-27T09:11:00.000+07:00' });
		expect(view.status).toBe('assigned');
		expect(view.pending.map((c) => c.commandId)).toEqual(['c1']);
	});

	it('survey then estimate chained offline: the job is done and the estimate priced in VND', () => {
		const view = effectiveJob(makeJob('j1'), [command(2, 'submitEstimate', 3), command(1, 'submitSurvey', 2)]);
		expect(view.request.state).toBe('estimated');
		expect(view.request.version).toBe(4);
		expect(view.status).toBe('done');
		expect(view.request.estimate).toMatchObject({ subtotal: 620_000, vat: 62_000, total: 682_000, vatPercent: 10 });
		expect(view.request.estimate?.lines[0]).toMatchObject({ code: 'CB-BV-1P-40', name: 'Aptomat (CB) bảo vệ sau công tơ 1 pha 40 A', side: 'utility', total: 165_000 });
	});

	it('a rejected command is not replayed, and stays listed with its reason', () => {
		const rejected = command(1, 'submitSurvey', 2, {
			status: 'rejected',
			code: 'stale_version',
			reason: { vi: 'Yêu cầu đã được cập nhật trên máy chủ', en: 'The request changed' }
		});
		const view = effectiveJob(makeJob('j1'), [rejected]);
		expect(view.request.state).toBe('survey_scheduled');
		expect(view.request.survey).toBeNull();
		expect(view.rejected[0].reason?.vi).toBe('Yêu cầu đã được cập nhật trên máy chủ');
		expect(view.pending).toEqual([]);
	});

	it('an applied command not yet pulled still shows; once the pulled job carries it, it is not applied twice', () => {
		const applied = command(1, 'submitSurvey', 2, { status: 'applied', decidedAt: '2025-11-27T02:20:00.000Z' });
		expect(effectiveJob(makeJob('j1'), [applied]).request).toMatchObject({ state: 'surveyed', version: 3 });

		const pulled = makeJob('j1');
		pulled.request = { ...pulled.request, state: 'surveyed', version: 3 };
		expect(effectiveJob(pulled, [applied]).request).toMatchObject({ state: 'surveyed', version: 3 });
	});

	it('ignores other jobs’ commands, and a job stored before issue 3 (no survey field) still reads', () => {
		const old = makeJob('j2');
		delete (old.request as Partial<typeof old.request>).survey;
		const view = effectiveJob(old, [command(1, 'submitSurvey', 2)]);
		expect(view.request.state).toBe('survey_scheduled');
		expect(view.request.survey).toBeNull();
		expect(view.pending).toEqual([]);
	});
});
