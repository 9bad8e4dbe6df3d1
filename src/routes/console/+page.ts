// The supervisors' board, read by load from the filters in the URL and refreshed by invalidate(BOARD_DEPENDENCY)
// from the live stream (src/lib/console/board-load.ts).
import { BOARD_DEPENDENCY, readBoard } from '$lib/console/board-load';
import { filtersFromSearch } from '$lib/console/filters';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, parent, depends }) => {
	depends(BOARD_DEPENDENCY);
	await parent(); // the console layout's session guard
	return readBoard(filtersFromSearch(url.searchParams));
};
