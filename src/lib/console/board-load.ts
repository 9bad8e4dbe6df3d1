// The supervisors' board, read by SvelteKit's load (src/routes/console/+page.ts) from the filters in the page URL.
// The page re-runs it with invalidate(BOARD_DEPENDENCY) when the live stream says something changed; a change of
// filters is a change of URL, which re-runs it too. SvelteKit drops the answer of a load a newer one has overtaken,
// so no request-sequence guard is needed here. A failed read is data, not an error page: the page keeps what it
// last showed and says why.
import type { BoardPage } from '$lib/domain/board';
import type { Crew } from './api';
import { consoleApi, errorText } from './client';
import { EMPTY_FILTERS, type BoardFilters } from './filters';
import { m } from '$lib/paraglide/messages.js';

/** The dependency of the board's load: `invalidate(BOARD_DEPENDENCY)` re-reads the requests. */
export const BOARD_DEPENDENCY = 'console:board';

/** Requests waiting for the supervisor: a customer asked to correct the contract, and only the utility can answer. */
export const NEEDS_SUPERVISOR_STATES = ['correction_requested'] as const;

export interface BoardLoad {
	filters: BoardFilters;
	board: BoardPage | null;
	/**
	 * How many of the unit's requests wait for the supervisor (whatever the filters), as the badge shows it: "10000+"
	 * when the count reached the board's cap; null when unknown.
	 */
	waiting: string | null;
	crews: Crew[];
	error: string | null;
}

/** Whether these filters show exactly the requests waiting for the supervisor. */
export function showsNeedsSupervisor(filters: BoardFilters): boolean {
	return filters.states.length === NEEDS_SUPERVISOR_STATES.length && NEEDS_SUPERVISOR_STATES.every((s) => filters.states.includes(s));
}

/** The filters that show only the requests waiting for the supervisor (search and crew kept, page 1). */
export function needsSupervisorFilters(filters: BoardFilters): BoardFilters {
	return { ...filters, states: [...NEEDS_SUPERVISOR_STATES], overdue: false, page: 1 };
}

/** Reads one page of the board, the count of requests waiting for the supervisor and the unit's crews. */
export async function readBoard(filters: BoardFilters): Promise<BoardLoad> {
	const waitingQuery: BoardFilters = { ...EMPTY_FILTERS, states: [...NEEDS_SUPERVISOR_STATES] };
	const [board, waiting, crews] = await Promise.allSettled([consoleApi.board(filters), consoleApi.board(waitingQuery), consoleApi.crews()]);
	return {
		filters,
		board: board.status === 'fulfilled' ? board.value : null,
		waiting: waiting.status === 'fulfilled' ? `${waiting.value.total}${waiting.value.totalCapped ? '+' : ''}` : null,
		crews: crews.status === 'fulfilled' ? crews.value : [],
		error: board.status === 'rejected' ? errorText(board.reason) : null
	};
}

/**
 * The board's total in words: "12 yêu cầu", or past the count's cap "Hơn 10.000 yêu cầu (…)", since a count of a
 * million rows would cost more than the page (the number written the reader's way: 10.000 in Vietnamese, 10,000 in English).
 */
export function boardTotalText(page: Pick<BoardPage, 'total' | 'totalCapped'>, lang: 'vi' | 'en'): string {
	const total = page.total.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
	return (page.totalCapped ? m.console_board_totalMore : m.console_board_total)({ total }, { locale: lang });
}
