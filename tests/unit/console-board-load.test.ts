import { describe, expect, it, vi } from 'vitest';

// the board's load calls the API through the console client; here a fake answers for the server
const api = vi.hoisted(() => ({
	board: vi.fn(),
	crews: vi.fn()
}));
vi.mock('$lib/console/client', () => ({
	consoleApi: api,
	errorText: (e: unknown) => (e instanceof Error ? e.message : String(e))
}));

import { boardTotalText, needsSupervisorFilters, readBoard, showsNeedsSupervisor } from '$lib/console/board-load';
import { EMPTY_FILTERS, filtersFromSearch, filtersToSearch } from '$lib/console/filters';

const page = (total: number) => ({ items: [], total, totalCapped: false, page: 1, pageSize: 20 });

describe('the requests waiting for the supervisor', () => {
	it('are one filter away, kept in the URL, and the search and crew stay', () => {
		const filters = { ...EMPTY_FILTERS, q: 'Đào', crewId: 'doi2', overdue: true, page: 3 };
		const waiting = needsSupervisorFilters(filters);
		expect(waiting).toMatchObject({ states: ['correction_requested'], q: 'Đào', crewId: 'doi2', overdue: false, page: 1 });
		expect(showsNeedsSupervisor(waiting)).toBe(true);
		expect(filtersToSearch(waiting).get('state')).toBe('correction_requested');
		expect(showsNeedsSupervisor(filtersFromSearch(filtersToSearch(waiting)))).toBe(true);
	});

	it('are not what a board of other states shows', () => {
		expect(showsNeedsSupervisor(EMPTY_FILTERS)).toBe(false);
		expect(showsNeedsSupervisor({ ...EMPTY_FILTERS, states: ['correction_requested', 'submitted'] })).toBe(false);
	});
});

describe('readBoard', () => {
	it('reads the page for the filters, the count waiting for the supervisor and the crews', async () => {
		api.board.mockImplementation(async (f: typeof EMPTY_FILTERS) => (f.states.includes('correction_requested') ? page(3) : page(41)));
		api.crews.mockResolvedValue([{ id: 'doi1', name: 'Tổ 1 — Hoàn Kiếm' }]);
		const filters = { ...EMPTY_FILTERS, overdue: true };
		const loaded = await readBoard(filters);
		expect(loaded).toMatchObject({ filters, board: { total: 41 }, waiting: '3', crews: [{ name: 'Tổ 1 — Hoàn Kiếm' }], error: null });
		expect(api.board).toHaveBeenCalledWith(filters);
	});

	it('says "10000+" when the count of requests waiting for the supervisor reached the cap', async () => {
		api.board.mockImplementation(async (f: typeof EMPTY_FILTERS) => (f.states.includes('correction_requested') ? { ...page(10_000), totalCapped: true } : page(41)));
		api.crews.mockResolvedValue([]);
		expect((await readBoard(EMPTY_FILTERS)).waiting).toBe('10000+');
	});

	it('answers a failed read with words, not an error page; a failed count or crew list leaves only those out', async () => {
		api.board.mockImplementation(async (f: typeof EMPTY_FILTERS) => {
			if (f.states.includes('correction_requested')) throw new Error('count failed');
			throw new Error('Không kết nối được máy chủ');
		});
		api.crews.mockRejectedValue(new Error('no crews'));
		expect(await readBoard(EMPTY_FILTERS)).toMatchObject({ board: null, waiting: null, crews: [], error: 'Không kết nối được máy chủ' });
	});
});

describe('the board total', () => {
	it('says the count in words, and past the cap that more match and how to narrow them', () => {
		expect(boardTotalText({ total: 1_234, totalCapped: false }, 'vi')).toBe('1.234 yêu cầu');
		expect(boardTotalText({ total: 1_234, totalCapped: false }, 'en')).toBe('1,234 requests');
		expect(boardTotalText({ total: 10_000, totalCapped: true }, 'vi')).toBe('Hơn 10.000 yêu cầu (xem được 10.000 yêu cầu đầu theo hạn; lọc hoặc tìm để thu hẹp)');
		expect(boardTotalText({ total: 10_000, totalCapped: true }, 'en')).toBe('More than 10,000 requests (the first 10,000 by deadline can be paged; filter or search to narrow them)');
	});
});
