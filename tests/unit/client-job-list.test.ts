import { describe, expect, it } from 'vitest';
import { foldForSearch, jobListSections, jobMatchesSearch } from '$lib/client/job-list';
import { makeJob } from './client-fixtures';

// Thursday 27/11/2025, 09:41 in Vietnam.
const NOW = new Date('2025-11-27T02:41:00.000Z');

function withCustomer(id: string, name: string, address: string) {
	const job = makeJob(id);
	return { ...job, request: { ...job.request, code: `YC-2025-${id}`, customer: { ...job.request.customer, name }, address } };
}

describe('foldForSearch', () => {
	it('drops Vietnamese diacritics, đ and case, and squeezes spaces', () => {
		expect(foldForSearch('  Nguyễn   Văn Đức ')).toBe('nguyen van duc');
		expect(foldForSearch('Số 20 Lý Thái Tổ, Hoàn Kiếm')).toBe('so 20 ly thai to, hoan kiem');
		// a precomposed and a decomposed "ễ" fold alike
		expect(foldForSearch('Nguy\u1EC5n')).toBe(foldForSearch('Nguye\u0302\u0303n'));
	});
});

describe('jobMatchesSearch', () => {
	const job = withCustomer('00042', 'Trần Thị Hồng Đào', 'Số 20 Lý Thái Tổ, Hoàn Kiếm, Hà Nội');

	it('finds a job by its code, its customer or its address, typed without diacritics', () => {
		expect(jobMatchesSearch(job, 'yc-2025-00042')).toBe(true);
		expect(jobMatchesSearch(job, '00042')).toBe(true);
		expect(jobMatchesSearch(job, 'hong dao')).toBe(true);
		expect(jobMatchesSearch(job, 'ĐÀO')).toBe(true);
		expect(jobMatchesSearch(job, 'ly thai to')).toBe(true);
		expect(jobMatchesSearch(job, 'Lý Thái Tổ')).toBe(true);
	});

	it('needs every word to match, and an empty search shows everything', () => {
		expect(jobMatchesSearch(job, 'dao hoan kiem')).toBe(true);
		expect(jobMatchesSearch(job, 'dao cau giay')).toBe(false);
		expect(jobMatchesSearch(job, 'nguyen')).toBe(false);
		expect(jobMatchesSearch(job, '   ')).toBe(true);
	});
});

describe('jobListSections', () => {
	it('puts late open jobs and today first, then the coming days, and folds closed jobs away, newest first', () => {
		const jobs = [
			makeJob('two-weeks-ago-done', { scheduledAt: '2025-11-13T02:00:00.000Z', status: 'done' }),
			makeJob('yesterday-open', { scheduledAt: '2025-11-26T03:00:00.000Z' }),
			makeJob('yesterday-done', { scheduledAt: '2025-11-26T04:00:00.000Z', status: 'done' }),
			makeJob('today-late', { scheduledAt: '2025-11-27T07:00:00.000Z' }),
			makeJob('today-early', { scheduledAt: '2025-11-26T23:30:00.000Z' }),
			makeJob('today-cancelled', { scheduledAt: '2025-11-27T03:00:00.000Z', status: 'cancelled' }),
			makeJob('tomorrow', { scheduledAt: '2025-11-28T01:00:00.000Z' }),
			makeJob('monday', { scheduledAt: '2025-12-01T02:00:00.000Z' })
		];
		const completed = makeJob('today-request-completed', { scheduledAt: '2025-11-27T05:00:00.000Z' });
		jobs.push({ ...completed, request: { ...completed.request, state: 'completed' } });

		const sections = jobListSections(jobs, NOW);

		expect(sections.late.map((j) => j.id)).toEqual(['yesterday-open']);
		expect(sections.today.map((j) => j.id)).toEqual(['today-early', 'today-late']);
		expect(sections.coming.map((g) => [g.date, g.jobs.map((j) => j.id)])).toEqual([
			['2025-11-28', ['tomorrow']],
			['2025-12-01', ['monday']]
		]);
		expect(sections.closed.map((g) => [g.date, g.jobs.map((j) => j.id)])).toEqual([
			['2025-11-27', ['today-cancelled', 'today-request-completed']],
			['2025-11-26', ['yesterday-done']],
			['2025-11-13', ['two-weeks-ago-done']]
		]);
	});

	it('keeps a closed job in view while the crew still has work on it to send or fix', () => {
		const done = makeJob('done-with-unsent-work', { scheduledAt: '2025-11-27T03:00:00.000Z', status: 'done' });
		const sections = jobListSections([done], NOW, (job) => job.id === 'done-with-unsent-work');
		expect(sections.today.map((j) => j.id)).toEqual(['done-with-unsent-work']);
		expect(sections.closed).toEqual([]);
	});
});
