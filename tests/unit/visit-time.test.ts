import { describe, expect, it } from 'vitest';
import { isPastVisit, visitWhen } from '../../src/lib/domain/visit-time';

describe('a visit’s time', () => {
	it('reads as the time and day/month/year in Hà Nội, never year-month-day', () => {
		expect(visitWhen(new Date('2026-12-01T01:30:00Z'))).toEqual({ time: '08:30', date: '01/12/2026' });
		// 23:30 UTC on 31/12 is already New Year's Day in Hà Nội
		expect(visitWhen(new Date('2026-12-31T23:30:00Z'))).toEqual({ time: '06:30', date: '01/01/2027' });
	});

	it('is in the past before the current minute: a survey at 08:30 on 01/12 set on 04/12 is refused, the minute the supervisor is in is not', () => {
		const now = new Date('2026-12-04T03:15:40Z');
		expect(isPastVisit(new Date('2026-12-01T01:30:00Z'), now)).toBe(true);
		expect(isPastVisit(new Date('2026-12-04T03:14:59Z'), now)).toBe(true);
		expect(isPastVisit(new Date('2026-12-04T03:15:00Z'), now)).toBe(false);
		expect(isPastVisit(new Date('2026-12-05T01:00:00Z'), now)).toBe(false);
	});
});
