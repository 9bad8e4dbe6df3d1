// Signing codes: 6 digits, the last a Damm check digit. The tablet can tell a mistyped code offline
// (Damm catches every single-digit error and every swap of adjacent digits) without holding any secret;
// only the server, which stores a keyed hash of the code, can tell whether it is the right one.
import { m } from '../paraglide/messages.js';
import { both } from '../text';

const DAMM: readonly (readonly number[])[] = [
	[0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
	[7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
	[4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
	[1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
	[6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
	[3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
	[5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
	[8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
	[9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
	[2, 5, 8, 1, 4, 3, 6, 7, 9, 0]
];

export const SIGNING_CODE_LENGTH = 6;

function dammInterim(digits: string): number {
	let interim = 0;
	for (const ch of digits) interim = DAMM[interim]![ch.charCodeAt(0) - 48]!;
	return interim;
}

/** The check digit that completes `digits` (a string of 0–9). */
export function dammCheckDigit(digits: string): number {
	if (!/^\d*$/.test(digits)) throw new Error('digits only');
	return dammInterim(digits);
}

/** A full code from 5 random digits (the caller supplies the randomness). */
export function signingCodeFrom(fiveDigits: string): string {
	if (!/^\d{5}$/.test(fiveDigits)) throw new Error('need exactly 5 digits');
	return `${fiveDigits}${dammCheckDigit(fiveDigits)}`;
}

/** Spaces and dashes a customer may type are ignored. */
export function normalizeSigningCode(input: string): string {
	return input.replace(/[\s-]/g, '');
}

export type SigningCodeCheck = { ok: true; code: string } | { ok: false; reason: { vi: string; en: string } };

/** What the tablet can know offline: the shape and the check digit, never whether it is the issued code. */
export function checkSigningCode(input: string): SigningCodeCheck {
	const code = normalizeSigningCode(input);
	if (!/^\d+$/.test(code) || code.length !== SIGNING_CODE_LENGTH) {
		return { ok: false, reason: both(m.crew_field_theSigningCodeHasExactly6) };
	}
	if (dammInterim(code) !== 0) {
		return { ok: false, reason: both(m.crew_field_wrongCodeADigitMayBe) };
	}
	return { ok: true, code };
}
