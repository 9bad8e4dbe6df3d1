// The reading-day rule the console's form applies before sending (the server applies it too): today or later in
// Hà Nội, and the day as a person reads it.
import { describe, expect, it } from 'vitest';
import { isPastReadingDay, readingDayText } from '../../src/lib/console/meter-tools';

describe('reading-day links from the console', () => {
	it('writes the day as dd/mm/yyyy', () => {
		expect(readingDayText('2026-12-05')).toBe('05/12/2026');
	});

	it('refuses a day before today in Hà Nội, whatever the hour in UTC', () => {
		const lateEvening = new Date('2026-12-04T18:30:00Z'); // 01:30 on 05/12 in Hà Nội
		expect(isPastReadingDay('2026-12-04', lateEvening)).toBe(true);
		expect(isPastReadingDay('2026-12-05', lateEvening)).toBe(false);
		expect(isPastReadingDay('2020-01-01', lateEvening)).toBe(true);
		expect(isPastReadingDay('2026-12-20', lateEvening)).toBe(false);
	});
});
