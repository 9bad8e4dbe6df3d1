import { describe, expect, it } from 'vitest';
import { rowsToDraw } from '$lib/client/job-list-rows';

const range = { startIndex: 10, endIndex: 14, overscan: 2, count: 100 };

describe('rowsToDraw', () => {
	it('draws the rows near the screen when no card holds the keyboard', () => {
		expect(rowsToDraw(range, null)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
	});

	it('adds the row after the last one drawn when its card has the focus (the next Tab lands there)', () => {
		expect(rowsToDraw(range, 16)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
		expect(rowsToDraw(range, 8)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
	});

	it('keeps a focused row far from the screen, with its neighbours, in the page order', () => {
		expect(rowsToDraw(range, 50)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 49, 50, 51]);
		expect(rowsToDraw(range, 0)).toEqual([0, 1, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
	});

	it('stays within the section', () => {
		expect(rowsToDraw({ startIndex: 95, endIndex: 99, overscan: 2, count: 100 }, 99)).toEqual([93, 94, 95, 96, 97, 98, 99]);
	});
});
