import { describe, expect, it, vi } from 'vitest';
import { deadlineInfo, fieldAction, formatBytes, groupJobsByDay, timeLeft } from '$lib/client/job-view';
import { vnd as formatVnd } from '$lib/format';
import { currentPosition, geoFailureOf, toGpsFix } from '$lib/client/geo';
import { i18n } from '$lib/i18n.svelte';
import { fieldMessage } from '$lib/client/labels';
import { priceEstimate, suggestedLines } from '$lib/domain/estimate';
import { commandText } from '$lib/components/field/command-text';
import {
	addableMaterials,
	estimateDraftFrom,
	materialLookup,
	priceDraft,
	suggestedDraft,
	validateEstimate
} from '$lib/components/field/estimate-form';
import { fieldError, isQuotaError, parseDecimal } from '$lib/components/field/form-utils';
import { emptySurveyDraft, isBlankSurvey, surveyDraftFrom, validateSurvey } from '$lib/components/field/survey-form';
import { MATERIALS } from '$lib/domain/materials';
import { DraftSaver } from '$lib/components/field/draft-saver.svelte';

// DraftSaver writes through the app's field-work API; here a fake records the writes and can fail them.
const drafts = vi.hoisted(() => ({
	writes: [] as unknown[],
	fail: null as Error | null,
	gate: null as Promise<void> | null
}));
vi.mock('$lib/client/field-work', () => ({
	saveDraft: async (_jobId: string, _kind: string, data: unknown) => {
		if (drafts.gate) await drafts.gate;
		if (drafts.fail) throw drafts.fail;
		drafts.writes.push(data);
	}
}));
import { deadlineWhen, relativeDayName, timeLeftText, weekdayAndDate } from '$lib/client/labels';
import { vnClock, vnClockOrDay } from '$lib/format';
import { makeJob } from './client-fixtures';

// Thursday 27/11/2025, 09:41 in Vietnam.
const NOW = new Date('2025-11-27T02:41:00.000Z');

describe('groupJobsByDay', () => {
	it('groups by the VN date (UTC+7), days ascending, jobs by time within a day', () => {
		const jobs = [
			makeJob('tomorrow', { scheduledAt: '2025-11-28T01:00:00.000Z' }),
			// 23:30 UTC on the 26th is 06:30 on the 27th in Vietnam: today, not yesterday.
			makeJob('today-early', { scheduledAt: '2025-11-26T23:30:00.000Z' }),
			makeJob('today-late', { scheduledAt: '2025-11-27T07:00:00.000Z' }),
			makeJob('monday', { scheduledAt: '2025-12-01T02:00:00.000Z' }),
			makeJob('yesterday', { scheduledAt: '2025-11-26T03:00:00.000Z' })
		];

		const groups = groupJobsByDay(jobs, NOW);

		expect(groups.map((g) => [g.date, g.relation, g.jobs.map((j) => j.id)])).toEqual([
			['2025-11-26', 'yesterday', ['yesterday']],
			['2025-11-27', 'today', ['today-early', 'today-late']],
			['2025-11-28', 'tomorrow', ['tomorrow']],
			['2025-12-01', 'later', ['monday']]
		]);
		expect(relativeDayName(groups[1])).toBe('Hôm nay');
		expect(relativeDayName(groups[2])).toBe('Ngày mai');
		expect(relativeDayName(groups[3])).toBeNull();
		expect(weekdayAndDate(groups[3])).toBe('Thứ Hai, 01/12');
	});
});

describe('deadlineInfo and timeLeft', () => {
	it('overdue in working days', () => {
		const job = makeJob('a', { request: { ...makeJob('a').request, deadline: '2025-11-24T16:59:59.999Z' } });
		const info = deadlineInfo(job, NOW);
		expect(info.status).toBe('overdue');
		expect(timeLeftText(timeLeft(info)!)).toBe('Trễ 3 ngày làm việc');
		expect(deadlineWhen(info.deadline!)).toBe('24/11/2025');
	});

	it('due soon within hours for an hour-based SLA', () => {
		const job = makeJob('a', { request: { ...makeJob('a').request, deadline: '2025-11-27T04:41:00.000Z' } });
		const info = deadlineInfo(job, NOW);
		expect(info.status).toBe('due_soon');
		expect(timeLeftText(timeLeft(info)!)).toBe('Còn 2 giờ 0 phút');
		expect(deadlineWhen(info.deadline!)).toBe('11:41 27/11/2025');
	});

	it('ok with working days left', () => {
		const job = makeJob('a', { request: { ...makeJob('a').request, deadline: '2025-12-03T16:59:59.999Z' } });
		const info = deadlineInfo(job, NOW);
		expect(info.status).toBe('ok');
		expect(timeLeftText(timeLeft(info)!)).toBe('Còn 4 ngày làm việc');
	});

	it('no alarm once the job is done or the request is closed', () => {
		const base = makeJob('a', { request: { ...makeJob('a').request, deadline: '2025-11-24T16:59:59.999Z' } });
		expect(deadlineInfo({ ...base, status: 'done' }, NOW).status).toBe('none');
		expect(deadlineInfo({ ...base, request: { ...base.request, state: 'completed' } }, NOW).status).toBe('none');
		expect(deadlineInfo({ ...base, request: { ...base.request, deadline: null } }, NOW)).toMatchObject({
			status: 'none',
			deadline: null
		});
	});
});

describe('VN time formatting', () => {
	it('shows VN wall-clock time whatever the device zone', () => {
		expect(vnClock('2025-11-27T02:41:00.000Z')).toBe('09:41');
		expect(vnClockOrDay('2025-11-27T02:41:00.000Z', NOW)).toBe('09:41');
		expect(vnClockOrDay('2025-11-25T02:41:00.000Z', NOW)).toBe('09:41 25/11');
	});
});

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('fieldAction', () => {
	it('offers the survey, then the estimate, only on an assigned survey job', () => {
		const job = makeJob('a');
		expect(fieldAction(job)).toBe('survey');
		expect(fieldAction({ ...job, request: { ...job.request, state: 'surveyed' } })).toBe('estimate');
		expect(fieldAction({ ...job, request: { ...job.request, state: 'estimated' } })).toBeNull();
		expect(fieldAction({ ...job, kind: 'installation' })).toBeNull();
		expect(fieldAction({ ...job, status: 'cancelled' })).toBeNull();
	});
});

describe('money and size formatting', () => {
	it('formats VND the Vietnamese way', () => {
		expect(formatVnd(1234567)).toBe('1.234.567 ₫');
		expect(formatVnd(0)).toBe('0 ₫');
		expect(formatVnd(999)).toBe('999 ₫');
		expect(formatVnd(1000)).toBe('1.000 ₫');
	});

	it('formats bytes with a decimal comma', () => {
		expect(formatBytes(512)).toBe('512 B');
		expect(formatBytes(300 * 1024)).toBe('300 KB');
		expect(formatBytes(1.25 * 1024 * 1024)).toBe('1,3 MB');
	});
});

describe('geo', () => {
	it('rounds a fix and maps browser errors', () => {
		expect(toGpsFix({ latitude: 21.0285123456, longitude: 105.8542987654, accuracy: 12.6 })).toEqual({
			lat: 21.028512,
			lng: 105.854299,
			accuracyM: 13
		});
		expect(geoFailureOf({ code: 1 })).toBe('denied');
		expect(geoFailureOf({ code: 2 })).toBe('unavailable');
		expect(geoFailureOf({ code: 3 })).toBe('timeout');
	});

	it('resolves, never rejects: a fix, a refusal, or no GPS at all', async () => {
		const answering = (outcome: 'fix' | 'denied' | 'throws') =>
			({
				getCurrentPosition(ok: PositionCallback, fail?: PositionErrorCallback | null) {
					if (outcome === 'throws') throw new Error('blocked');
					if (outcome === 'fix') ok({ coords: { latitude: 16.05, longitude: 108.2, accuracy: 30 } } as GeolocationPosition);
					else fail?.({ code: 1 } as GeolocationPositionError);
				}
			}) as unknown as Geolocation;
		expect(await currentPosition(answering('fix'))).toEqual({ ok: true, fix: { lat: 16.05, lng: 108.2, accuracyM: 30 } });
		expect(await currentPosition(answering('denied'))).toEqual({ ok: false, error: 'denied' });
		expect(await currentPosition(answering('throws'))).toEqual({ ok: false, error: 'unsupported' });
		expect(await currentPosition(undefined)).toEqual({ ok: false, error: 'unsupported' });
	});
});

describe('form helpers', () => {
	it('reads decimals with a comma or a dot', () => {
		expect(parseDecimal('')).toBeUndefined();
		expect(parseDecimal(' 12,5 ')).toBe(12.5);
		expect(parseDecimal('12.5')).toBe(12.5);
		expect(parseDecimal('1 200')).toBe(1200);
		expect(parseDecimal('12a')).toBeNaN();
		expect(parseDecimal('-3')).toBeNaN();
	});

	it('finds a message under a field and recognises a full disk', () => {
		expect(fieldError({ 'sitePhotos.0': 'x' }, 'sitePhotos')).toBe('x');
		expect(fieldError({ sitePhotos: 'y' }, 'sitePhotos')).toBe('y');
		expect(fieldError({ notes: 'z' }, 'sitePhotos')).toBeUndefined();
		expect(isQuotaError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toBe(true);
		expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
		expect(isQuotaError(new Error('boom'))).toBe(false);
	});
});

describe('survey form', () => {
	const filled = {
		...emptySurveyDraft(),
		customerPresent: 'yes' as const,
		siteCondition: 'cramped' as const,
		distanceM: '25,5',
		phases: '1' as const,
		expectedLoadKw: '4',
		route: 'conduit' as const,
		obstacles: ' cây xanh ',
		location: { lat: 21.02, lng: 105.85, accuracyM: 8 },
		sitePhotos: [HASH_A],
		meterPhotos: [HASH_B]
	};

	it('names every missing field in Vietnamese, next to the field', () => {
		const result = validateSurvey(emptySurveyDraft());
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.fields).toMatchObject({
			customerPresent: 'Chọn khách hàng có mặt hay không',
			siteCondition: 'Chọn điều kiện hiện trường',
			distanceM: 'Nhập khoảng cách (m)',
			phases: 'Chọn 1 pha hoặc 3 pha',
			expectedLoadKw: 'Nhập công suất dự kiến (kW)',
			route: 'Chọn cách đi dây',
			sitePhotos: 'Cần ít nhất 1 ảnh hiện trường',
			meterPhotos: 'Cần ít nhất 1 ảnh công tơ'
		});
		expect(validateSurvey({ ...filled, distanceM: '600' })).toMatchObject({ ok: false, fields: { distanceM: expect.stringContaining('500 m') } });
		expect(validateSurvey({ ...filled, distanceM: 'abc' })).toMatchObject({ ok: false, fields: { distanceM: 'Nhập khoảng cách (m)' } });
	});

	it('turns the inputs into the payload, without a location when GPS was refused', () => {
		const result = validateSurvey(filled);
		expect(result).toEqual({
			ok: true,
			payload: {
				customerPresent: true,
				siteCondition: 'cramped',
				distanceM: 25.5,
				phases: 1,
				expectedLoadKw: 4,
				route: 'conduit',
				obstacles: 'cây xanh',
				notes: '',
				location: { lat: 21.02, lng: 105.85, accuracyM: 8 },
				sitePhotos: [HASH_A],
				meterPhotos: [HASH_B]
			}
		});
		expect(validateSurvey({ ...filled, location: null })).toMatchObject({ ok: true, payload: { location: null } });
	});

	it('restores a draft and a rejected payload (Làm lại) into the same inputs', () => {
		expect(surveyDraftFrom(JSON.parse(JSON.stringify(filled)))).toEqual(filled);
		const payload = validateSurvey(filled);
		if (!payload.ok) throw new Error('expected a valid survey');
		expect(surveyDraftFrom(payload.payload)).toEqual({ ...filled, obstacles: 'cây xanh' });
		expect(surveyDraftFrom({ phases: 2, route: 'sky', sitePhotos: [HASH_A, HASH_A, 3] })).toMatchObject({
			phases: '',
			route: '',
			sitePhotos: [HASH_A]
		});
		expect(isBlankSurvey(emptySurveyDraft())).toBe(true);
		expect(isBlankSurvey({ ...emptySurveyDraft(), distanceM: '3' })).toBe(false);
	});
});

describe('estimate form', () => {
	const survey = { distanceM: 25, phases: 1 as const, route: 'overhead' as const };
	const lookup = materialLookup(MATERIALS);

	it('prefills the survey suggestion and prices it exactly like priceEstimate', () => {
		const draft = suggestedDraft(survey);
		expect(draft.lines.map((l) => l.code)).toEqual(suggestedLines(survey).map((l) => l.code));
		const { estimate, lineTotals } = priceDraft(draft, lookup);
		const expected = priceEstimate(suggestedLines(survey));
		expect(estimate.total).toBe(expected.total);
		expect(estimate.customer.total + estimate.utility.total).toBe(estimate.total);
		expect(lineTotals).toEqual(expected.lines.map((l) => l.total));

		const result = validateEstimate(draft, lookup);
		expect(result).toMatchObject({ ok: true, payload: { expectedTotal: expected.total, vatPercent: 10 } });
	});

	it('shows a line as unpriced until its quantity is valid, and says why', () => {
		const draft = suggestedDraft(survey);
		draft.lines[2]!.quantity = '';
		draft.lines[3]!.quantity = '1,555';
		const { lineTotals, estimate } = priceDraft(draft, lookup);
		expect(lineTotals[2]).toBeNull();
		expect(estimate.lines).toHaveLength(draft.lines.length - 1);
		const result = validateEstimate(draft, lookup);
		expect(result).toMatchObject({
			ok: false,
			fields: { 'lines.2.quantity': 'Nhập số lượng', 'lines.3.quantity': 'Số lượng tối đa 2 chữ số thập phân' }
		});
		expect(validateEstimate({ ...draft, lines: [] }, lookup)).toMatchObject({ ok: false, fields: { lines: 'Dự toán cần ít nhất 1 vật tư' } });
		expect(validateEstimate({ ...draft, lines: [{ code: 'NOPE', quantity: '1' }] }, lookup)).toMatchObject({
			ok: false,
			fields: { 'lines.0.code': 'Mã vật tư không có trong danh mục' }
		});
	});

	it('reads back a redone payload and offers only materials not yet listed, the right phase first', () => {
		const draft = estimateDraftFrom({ lines: [{ code: 'CU-XLPE-2x6', quantity: 12.5 }], vatPercent: 10, expectedTotal: 1, notes: 'x' });
		expect(draft).toEqual({ lines: [{ code: 'CU-XLPE-2x6', quantity: '12,5' }], vatPercent: 10, notes: 'x' });
		expect(estimateDraftFrom('garbage')).toBeNull();
		const addable = addableMaterials(MATERIALS, draft!, 3);
		expect(addable.some((m) => m.code === 'CU-XLPE-2x6')).toBe(false);
		expect(addable.findIndex((m) => m.phases === 1)).toBeGreaterThan(addable.findLastIndex((m) => m.phases !== 1));
	});
});

describe('rejected work as text', () => {
	it('copies a rejected survey with its reason, in the UI language', () => {
		const job = makeJob('j1');
		const command = {
			name: 'submitSurvey',
			jobId: 'j1',
			status: 'rejected' as const,
			createdAt: '2025-11-27T02:41:00.000Z',
			code: 'wrong_state',
			reason: { vi: 'Yêu cầu đã được khảo sát', en: 'The request was already surveyed' },
			payload: {
				customerPresent: false,
				siteCondition: 'wet',
				distanceM: 30,
				phases: 3,
				expectedLoadKw: 12.5,
				route: 'underground',
				obstacles: '',
				notes: 'Ngõ hẹp',
				location: null,
				sitePhotos: [HASH_A],
				meterPhotos: [HASH_B]
			}
		};
		const text = commandText(command, job);
		expect(text).toContain('Kết quả khảo sát — Yêu cầu YC-j1 — Khách hàng j1');
		expect(text).toContain('Lý do: Yêu cầu đã được khảo sát');
		expect(text).toContain('Khoảng cách từ công tơ đến nhà (m): 30');
		expect(text).toContain('Cách đi dây: Đi ngầm');
		expect(text).toContain('Công suất dự kiến (kW): 12,5');
		expect(text).toContain('Ghi chú: Ngõ hẹp');
		expect(text).toContain('1 ảnh hiện trường, 1 ảnh công tơ');

		i18n.lang = 'en';
		try {
			expect(commandText(command, job)).toContain('Reason: The request was already surveyed');
			expect(fieldMessage('Nhập số lượng')).toBe('Enter the quantity');
		} finally {
			i18n.lang = 'vi';
		}
	});

	it('copies an estimate with its amounts', () => {
		const text = commandText(
			{
				name: 'submitEstimate',
				jobId: 'gone',
				status: 'pending',
				createdAt: '2025-11-27T02:41:00.000Z',
				payload: { lines: [{ code: 'HOP-CT-1P', quantity: 1 }], vatPercent: 10, expectedTotal: 352000, notes: '' }
			},
			undefined
		);
		expect(text).toContain('Dự toán — Công việc gone');
		expect(text).toContain('Hộp công tơ composite 1 pha (HOP-CT-1P): 1 cái = 320.000 ₫');
		expect(text).toContain('Tổng cộng: 352.000 ₫');
	});
});

describe('DraftSaver', () => {
	it('writes one draft at a time, the latest state winning, and stops before a submit', async () => {
		drafts.writes = [];
		drafts.fail = null;
		let open!: () => void;
		drafts.gate = new Promise((resolve) => (open = resolve));
		const saver = new DraftSaver('job-1', 'survey');
		saver.save({ n: 1 });
		saver.save({ n: 2 });
		saver.save({ n: 3 });
		expect(saver.status).toBe('saving');
		drafts.gate = null;
		open();
		await saver.close();
		expect(drafts.writes).toEqual([{ n: 1 }, { n: 3 }]);
		expect(saver.status).toBe('saved');
		expect(saver.savedAt).not.toBeNull();
		saver.save({ n: 4 });
		await saver.close();
		expect(drafts.writes).toHaveLength(2);
	});

	it('shows a full disk instead of swallowing it', async () => {
		drafts.writes = [];
		drafts.fail = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
		const saver = new DraftSaver('job-1', 'estimate');
		saver.save({ n: 1 });
		await saver.close();
		expect(saver.status).toBe('error');
		expect(saver.quota).toBe(true);
		drafts.fail = null;
		saver.reopen();
		saver.save({ n: 2 });
		await saver.close();
		expect(saver.status).toBe('saved');
		expect(saver.quota).toBe(false);
		expect(drafts.writes).toEqual([{ n: 2 }]);
	});
});
