import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boardApiQuery, EMPTY_FILTERS, filtersFromSearch, filtersToSearch, lastPage, pageCount, withFilter, type BoardFilters } from '../../src/lib/console/filters';
import { BOARD_TOTAL_CAP, boardQuery } from '../../src/lib/domain/board';
import { PROCESS_KINDS } from '../../src/lib/domain/processes';
import { REQUEST_STATES } from '../../src/lib/domain/workflow';
import { searchServices } from '../../src/lib/console/services';
import { intakeBodyOf, EMPTY_INTAKE } from '../../src/lib/console/intake';
import { actionsFor, amountOwed } from '../../src/lib/console/actions';

describe('board filters in the URL', () => {
	it('an unfiltered board has a bare URL', () => {
		expect(filtersToSearch(EMPTY_FILTERS).toString()).toBe('');
		expect(filtersFromSearch(new URLSearchParams())).toEqual(EMPTY_FILTERS);
	});

	it('reads every filter and ignores what it does not know', () => {
		const f = filtersFromSearch(new URLSearchParams('state=paid,submitted,bogus&crew=doi1&service=2&process=paperwork&overdue=1&q=%200912%20&page=3&size=50'));
		expect(f).toEqual({ states: ['submitted', 'paid'], crewId: 'doi1', service: 2, process: 'paperwork', overdue: true, q: '0912', page: 3, pageSize: 50 });
		expect(filtersFromSearch(new URLSearchParams('service=80&process=survey&page=-1&size=7&overdue=yes'))).toEqual(EMPTY_FILTERS);
	});

	it('round-trips any filter through the URL', () => {
		const filters = fc.record({
			states: fc.subarray([...REQUEST_STATES]),
			crewId: fc.option(fc.constantFrom('doi1', 'doi2'), { nil: null }),
			service: fc.option(fc.integer({ min: 1, max: 79 }), { nil: null }),
			process: fc.option(fc.constantFrom(...PROCESS_KINDS), { nil: null }),
			overdue: fc.boolean(),
			q: fc.string({ maxLength: 30 }).map((s) => s.trim()),
			pageSize: fc.constantFrom(20, 50, 100) as fc.Arbitrary<20 | 50 | 100>
		}).chain((f) => fc.integer({ min: 1, max: lastPage(f.pageSize) }).map((page) => ({ ...f, page })));
		fc.assert(
			fc.property(filters, (f: BoardFilters) => {
				expect(filtersFromSearch(new URLSearchParams(filtersToSearch(f).toString()))).toEqual(f);
			})
		);
	});

	it('asks the API what the server accepts', () => {
		const f: BoardFilters = { states: ['submitted', 'estimated'], crewId: 'doi2', service: 5, process: 'site_work', overdue: true, q: 'Long', page: 2, pageSize: 100 };
		const query = Object.fromEntries(boardApiQuery(f));
		expect(query).toEqual({ state: 'submitted,estimated', crewId: 'doi2', service: '5', process: 'site_work', overdue: '1', q: 'Long', page: '2', pageSize: '100' });
		expect(boardQuery.parse(query)).toEqual({ state: ['submitted', 'estimated'], crewId: 'doi2', service: 5, process: 'site_work', overdue: true, q: 'Long', page: 2, pageSize: 100 });
	});

	it('pages only within the counted requests: the last page of each size is one the API serves', () => {
		for (const size of [20, 50, 100] as const) {
			const last = lastPage(size);
			expect((last - 1) * size).toBeLessThan(BOARD_TOTAL_CAP);
			expect(boardQuery.safeParse({ page: String(last), pageSize: String(size) }).success).toBe(true);
			expect(boardQuery.safeParse({ page: String(last + 1), pageSize: String(size) }).success).toBe(false);
			// a URL past it (an old link) opens the last page the board can show
			expect(filtersFromSearch(new URLSearchParams(`page=${last + 7}&size=${size}`)).page).toBe(last);
			// a total counted to the cap gives exactly that many pages
			expect(pageCount(BOARD_TOTAL_CAP, size)).toBe(last);
		}
	});

	it('a new filter starts again at page 1', () => {
		expect(withFilter({ ...EMPTY_FILTERS, page: 4 }, { overdue: true })).toMatchObject({ page: 1, overdue: true });
		expect(pageCount(0, 20)).toBe(1);
		expect(pageCount(41, 20)).toBe(3);
	});
});

describe('service search', () => {
	it('a number finds that service; words find names without diacritics, grouped', () => {
		expect(searchServices('2').flatMap((g) => g.services.map((s) => s.number))).toEqual([2]);
		const all = searchServices('');
		expect(all.reduce((n, g) => n + g.services.length, 0)).toBe(79);
		expect(all.map((g) => g.group)).toEqual([1, 2, 3]);
		const rural = searchServices('nong thon').flatMap((g) => g.services.map((s) => s.number));
		expect(rural).toContain(2);
		expect(searchServices('zzzz')).toEqual([]);
	});
});

describe('intake body', () => {
	const messages = { locationPair: 'pair' };
	it('sends what was typed, an empty email and location as null', () => {
		const built = intakeBodyOf({ ...EMPTY_INTAKE, serviceNumber: 2, name: 'Lan', phone: '0912 345 678', address: 'Số 1 Hàng Bài' }, messages);
		expect(built.body).toEqual({ serviceNumber: 2, customer: { name: 'Lan', phone: '0912 345 678', email: null }, address: 'Số 1 Hàng Bài', location: null, documents: [] });
		const located = intakeBodyOf({ ...EMPTY_INTAKE, serviceNumber: 2, lat: '21,03', lng: '105.85' }, messages);
		expect(located.body?.location).toEqual({ lat: 21.03, lng: 105.85 });
	});

	it('refuses half a location before sending', () => {
		expect(intakeBodyOf({ ...EMPTY_INTAKE, lat: '21.03' }, messages)).toEqual({ body: null, errors: { location: 'pair' } });
		expect(intakeBodyOf({ ...EMPTY_INTAKE, lat: 'abc', lng: '105' }, messages).errors).toEqual({ location: 'pair' });
	});
});

describe('actions by state', () => {
	const job = (status: 'assigned' | 'done') => ({ id: `j-${status}`, kind: 'survey' as const, status, crew: { id: 'doi1', name: 'Tổ 1' }, scheduledAt: '2026-11-24T01:30:00.000Z' });
	it('offers each action only where the workflow allows it', () => {
		expect(actionsFor({ state: 'submitted', jobs: [] })).toMatchObject({ dispatch: true, pay: false, remoteSigning: false, countersign: false, reassignable: [] });
		expect(actionsFor({ state: 'survey_scheduled', jobs: [job('assigned'), job('done')] }).reassignable.map((j) => j.id)).toEqual(['j-assigned']);
		expect(actionsFor({ state: 'estimated', jobs: [] }).pay).toBe(true);
		expect(actionsFor({ state: 'contract_drafted', jobs: [] }).remoteSigning).toBe(true);
		expect(actionsFor({ state: 'customer_signed', jobs: [] }).countersign).toBe(true);
		expect(actionsFor({ state: 'completed', jobs: [job('assigned')] }).reassignable).toEqual([]);
	});

	it('prefills the counter payment with the latest estimate’s customer total', () => {
		const estimate = (total: number, submittedAt: string) => ({ customer: { total }, submittedAt }) as never;
		expect(amountOwed({ estimates: [] })).toBeNull();
		expect(amountOwed({ estimates: [estimate(900_000, '2026-11-20T00:00:00Z'), estimate(1_250_000, '2026-11-21T00:00:00Z')] })).toBe(1_250_000);
	});
});
