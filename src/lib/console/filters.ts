// The board's filters, in the page URL (so a reload or a shared link keeps them) and as the API's query.
import { BOARD_PAGE_SIZES, BOARD_TOTAL_CAP } from '$lib/domain/board';
import { findService } from '$lib/domain/catalog';
import { PROCESS_KINDS, type ProcessKind } from '$lib/domain/processes';
import { REQUEST_STATES, type RequestState } from '$lib/domain/workflow';

export type PageSize = (typeof BOARD_PAGE_SIZES)[number];

export interface BoardFilters {
	states: RequestState[];
	crewId: string | null;
	service: number | null;
	/** The requests' process (their service's). */
	process: ProcessKind | null;
	overdue: boolean;
	q: string;
	page: number;
	pageSize: PageSize;
}

export const DEFAULT_PAGE_SIZE: PageSize = 20;

export const EMPTY_FILTERS: BoardFilters = Object.freeze({ states: [], crewId: null, service: null, process: null, overdue: false, q: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }) as BoardFilters;

const isState = (s: string): s is RequestState => (REQUEST_STATES as readonly string[]).includes(s);
const isProcess = (s: string | null): s is ProcessKind => s !== null && (PROCESS_KINDS as readonly string[]).includes(s);

/** The last page the board can show at this size: the API pages within its first BOARD_TOTAL_CAP requests. */
export function lastPage(pageSize: number): number {
	return Math.ceil(BOARD_TOTAL_CAP / pageSize);
}

/** Reads the filters from a page URL's query; anything unknown or malformed falls back to the default. */
export function filtersFromSearch(params: URLSearchParams): BoardFilters {
	const states = (params.get('state') ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(isState);
	const service = Number(params.get('service'));
	const page = Number(params.get('page'));
	const size = Number(params.get('size'));
	const crew = params.get('crew')?.trim() ?? '';
	const process = params.get('process');
	const pageSize = (BOARD_PAGE_SIZES as readonly number[]).includes(size) ? (size as PageSize) : DEFAULT_PAGE_SIZE;
	return {
		// canonical order: the same filter gives the same URL
		states: REQUEST_STATES.filter((s) => states.includes(s)),
		crewId: crew && crew.length <= 64 ? crew : null,
		service: Number.isInteger(service) && findService(service) ? service : null,
		process: isProcess(process) ? process : null,
		overdue: params.get('overdue') === '1',
		q: (params.get('q') ?? '').trim().slice(0, 100),
		page: Number.isInteger(page) && page >= 1 ? Math.min(page, lastPage(pageSize)) : 1,
		pageSize
	};
}

/** The page URL's query for these filters; defaults are left out, so an unfiltered board has a bare URL. */
export function filtersToSearch(filters: BoardFilters): URLSearchParams {
	const params = new URLSearchParams();
	if (filters.states.length) params.set('state', REQUEST_STATES.filter((s) => filters.states.includes(s)).join(','));
	if (filters.crewId) params.set('crew', filters.crewId);
	if (filters.service !== null) params.set('service', String(filters.service));
	if (filters.process) params.set('process', filters.process);
	if (filters.overdue) params.set('overdue', '1');
	if (filters.q.trim()) params.set('q', filters.q.trim());
	if (filters.page > 1) params.set('page', String(filters.page));
	if (filters.pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(filters.pageSize));
	return params;
}

/** The query of GET /api/requests for these filters. */
export function boardApiQuery(filters: BoardFilters): URLSearchParams {
	const params = new URLSearchParams();
	if (filters.states.length) params.set('state', filters.states.join(','));
	if (filters.crewId) params.set('crewId', filters.crewId);
	if (filters.service !== null) params.set('service', String(filters.service));
	if (filters.process) params.set('process', filters.process);
	if (filters.overdue) params.set('overdue', '1');
	if (filters.q.trim()) params.set('q', filters.q.trim());
	params.set('page', String(filters.page));
	params.set('pageSize', String(filters.pageSize));
	return params;
}

/** A change of any filter but the page starts again at page 1. */
export function withFilter(filters: BoardFilters, change: Partial<Omit<BoardFilters, 'page'>>): BoardFilters {
	return { ...filters, ...change, page: 1 };
}

/** Pages of the board: its total is counted up to BOARD_TOTAL_CAP, so never past lastPage. */
export function pageCount(total: number, pageSize: number): number {
	return Math.max(1, Math.min(Math.ceil(total / pageSize), lastPage(pageSize)));
}
