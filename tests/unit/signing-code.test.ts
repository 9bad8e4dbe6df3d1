import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSigningCode, dammCheckDigit, signingCodeFrom } from '../../src/lib/domain/signing-code';

const fiveDigits = fc.stringMatching(/^\d{5}$/);

describe('signing codes with a check digit', () => {
	it('follows the published Damm example (572 → check digit 4)', () => {
		expect(dammCheckDigit('572')).toBe(4);
		expect(checkSigningCode('5724').ok).toBe(false); // right check digit, wrong length
	});

	it('accepts every issued code, also typed with spaces', () => {
		fc.assert(
			fc.property(fiveDigits, (digits) => {
				const code = signingCodeFrom(digits);
				expect(code).toHaveLength(6);
				expect(checkSigningCode(code)).toEqual({ ok: true, code });
				expect(checkSigningCode(`${code.slice(0, 3)} ${code.slice(3)}`)).toEqual({ ok: true, code });
			})
		);
	});

	it('catches any single mistyped digit', () => {
		fc.assert(
			fc.property(fiveDigits, fc.nat({ max: 5 }), fc.integer({ min: 1, max: 9 }), (digits, position, shift) => {
				const code = signingCodeFrom(digits);
				const wrong = code.slice(0, position) + String((Number(code[position]) + shift) % 10) + code.slice(position + 1);
				const result = checkSigningCode(wrong);
				expect(result.ok).toBe(false);
				if (!result.ok) expect(result.reason.vi).toContain('gõ nhầm');
			})
		);
	});

	it('catches two neighbouring digits typed the wrong way round', () => {
		fc.assert(
			fc.property(fiveDigits, fc.nat({ max: 4 }), (digits, i) => {
				const code = signingCodeFrom(digits);
				fc.pre(code[i] !== code[i + 1]);
				const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
				expect(checkSigningCode(swapped).ok).toBe(false);
			})
		);
	});

	it('explains a code of the wrong length or with letters', () => {
		for (const input of ['12345', '1234567', '12a456', '']) {
			const result = checkSigningCode(input);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.reason.vi).toBe('Mã ký gồm đúng 6 chữ số');
		}
	});
});
