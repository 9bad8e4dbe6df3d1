// Which rows of a long section of the crew's list are drawn (JobCardGrid, virtualised by @tanstack/svelte-virtual).
import { defaultRangeExtractor, type Range } from '@tanstack/svelte-virtual';

/**
 * The rows near the screen, and the row whose card holds the keyboard with one row either side of it. The rows near
 * the screen follow the page's scroll only from the next frame on: keys that come faster (a Tab held down, a slow
 * tablet) would reach past the last row drawn, and the focus would jump to the next section's first card. The rows
 * either side of the focused one are drawn as soon as the focus moves, so the next Tab (or Shift+Tab) finds its card
 * whatever the scroll; the focused row itself stays drawn when the page is scrolled away from it, keeping the focus.
 */
export function rowsToDraw(range: Range, focusedRow: number | null): number[] {
	const near = defaultRangeExtractor(range);
	if (focusedRow === null) return near;
	const kept = [focusedRow - 1, focusedRow, focusedRow + 1].filter((row) => row >= 0 && row < range.count && !near.includes(row));
	// in order: the rows' order in the page is the order a Tab goes through them
	return kept.length ? [...near, ...kept].sort((a, b) => a - b) : near;
}
