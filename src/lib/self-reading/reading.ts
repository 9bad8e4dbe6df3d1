// The customer's typed reading, checked on the phone before anything is sent (seed 004): the same rules as the
// tablet and the server (checkReading in $lib/domain/readings), told in the customer's words. The server checks
// again; what is said here only spares the customer a refused round trip.
import { checkReading } from '$lib/domain/readings';
import { vnDateOf } from '$lib/domain/sla';
import type { SelfReadingView } from './api';
import { dayMonthYear, formatKwh, type Text } from './strings';
import { m } from '$lib/paraglide/messages.js';
import { both } from '$lib/i18n.svelte';

export type ParsedKwh = { ok: true; kwh: number } | { ok: false; error: Text };

/**
 * "012345", "12345,6", "12345.67", " 12 345 " → the number. Thousands separators are refused rather than guessed
 * ("12.345" is 12345 to a Vietnamese reader and 12.345 to an English one); at most 2 decimals.
 */
export function parseKwh(raw: string): ParsedKwh {
	const typed = raw.replace(/\s+/g, '');
	if (typed === '') return { ok: false, error: both(m.selfReading_kwh_needed) };
	if (!/^\d+([.,]\d{1,2})?$/.test(typed)) return { ok: false, error: both(m.selfReading_kwh_format) };
	const kwh = Number(typed.replace(',', '.'));
	if (!Number.isFinite(kwh)) return { ok: false, error: both(m.selfReading_kwh_format) };
	return { ok: true, kwh };
}

/**
 * The reading the customer's own may not be below: the link's last reading when it was taken before today (Hà Nội
 * day). A reading of today is the one the customer's reading is compared with (a dispute may well be lower), so
 * the server does not check against it either.
 */
export function previousReading(view: Pick<SelfReadingView, 'lastReading'>, now: Date): SelfReadingView['lastReading'] {
	const last = view.lastReading;
	if (!last) return null;
	const at = new Date(last.at);
	if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime()) return null;
	return vnDateOf(at) === vnDateOf(now) ? null : last;
}

/**
 * Why the typed reading would be refused, in both languages; null when it may be sent.
 * `typing`: the customer is still typing, so only what more typing cannot fix is said (letters, too many digits, or
 * a reading below the last one once it has as many digits as the last one); the rest waits for "send". Said as
 * they type, never when the field loses focus: a message appearing then would move the send button under the
 * customer's finger.
 */
export function readingProblem(view: Pick<SelfReadingView, 'meter' | 'lastReading'>, raw: string, now: Date, options: { typing?: boolean } = {}): Text | null {
	const typed = raw.replace(/\s+/g, '');
	if (options.typing && (typed === '' || /^\d+[.,]$/.test(typed))) return null; // nothing yet, or a decimal on its way
	const parsed = parseKwh(raw);
	if (!parsed.ok) return parsed.error;
	const previous = previousReading(view, now);
	const verdict = checkReading({
		meter: view.meter,
		history: previous ? [previous] : [],
		kwh: parsed.kwh,
		at: now
	});
	if (verdict.ok) return null;
	switch (verdict.code) {
		case 'below_previous': {
			if (options.typing && integerDigits(parsed.kwh) < integerDigits(previous!.kwh)) return null;
			const date = dayMonthYear(vnDateOf(new Date(previous!.at)));
			return {
				vi: both(m.selfReading_kwh_belowPrevious, { kwh: formatKwh(parsed.kwh, 'vi'), last: formatKwh(previous!.kwh, 'vi'), date }).vi,
				en: both(m.selfReading_kwh_belowPrevious, { kwh: formatKwh(parsed.kwh, 'en'), last: formatKwh(previous!.kwh, 'en'), date }).en
			};
		}
		case 'too_many_digits':
			return both(m.selfReading_kwh_tooManyDigits, { kwh: typed, digits: view.meter.registerDigits });
		case 'invalid_reading':
			return both(m.selfReading_kwh_invalid);
	}
}

/**
 * What the customer should know about a reading that may be sent: a register rollover (99 990 → 12 on a 5-digit
 * meter) is accepted as the consumption across the turn, flagged for the utility to confirm from the photo.
 */
export function readingNote(view: Pick<SelfReadingView, 'meter' | 'lastReading'>, raw: string, now: Date): Text | null {
	const parsed = parseKwh(raw);
	const previous = previousReading(view, now);
	if (!parsed.ok || !previous) return null;
	const verdict = checkReading({ meter: view.meter, history: [previous], kwh: parsed.kwh, at: now });
	if (!verdict.ok || !verdict.rollover) return null;
	return {
		vi: both(m.common_reading_rolloverNote, { consumption: formatKwh(verdict.consumptionKwh!, 'vi') }).vi,
		en: both(m.common_reading_rolloverNote, { consumption: formatKwh(verdict.consumptionKwh!, 'en') }).en
	};
}

/** Digits before the decimal point (0 → 1). */
function integerDigits(kwh: number): number {
	return String(Math.floor(Math.abs(kwh))).length;
}
