import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/lib/backoff';

describe('backoffDelay', () => {
	const bounds = { minMs: 1_000, maxMs: 30_000 };

	it('doubles from the minimum after each failure and stops at the maximum', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(n, bounds))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
	});

	it('waits the minimum before any failure is counted, and for nonsense counts', () => {
		expect(backoffDelay(0, bounds)).toBe(1_000);
		expect(backoffDelay(-3, bounds)).toBe(1_000);
		expect(backoffDelay(Number.NaN, bounds)).toBe(1_000);
	});

	it('never overflows to Infinity for a huge count', () => {
		expect(backoffDelay(10_000, { minMs: 30_000, maxMs: 3_600_000 })).toBe(3_600_000);
		expect(backoffDelay(Number.POSITIVE_INFINITY, bounds)).toBe(1_000);
	});
});
