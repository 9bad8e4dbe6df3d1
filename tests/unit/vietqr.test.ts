// The VietQR payload a bank app scans to pay a request: decoded back, it names the utility's account, the exact
// amount and the request code, and its CRC is right (and wrong as soon as one character changes).
import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, decodeVietQr, vietQrPayload } from '../../src/lib/domain/vietqr';

const input = { bankBin: '970436', accountNumber: '0011004123456', amount: 1_250_000, purpose: 'YC-2026-00123' };

describe('VietQR payload', () => {
	it('CRC-16/CCITT-FALSE of the standard check string is 29B1', () => {
		expect(crc16CcittFalse('123456789')).toBe('29B1');
	});

	it('decodes back to the account, the exact amount and the request code, with a correct CRC', () => {
		const payload = vietQrPayload(input);
		expect(payload.startsWith('000201010212')).toBe(true);
		expect(decodeVietQr(payload)).toEqual({
			crcValid: true,
			bankBin: '970436',
			accountNumber: '0011004123456',
			service: 'QRIBFTTA',
			currency: '704',
			amount: 1_250_000,
			purpose: 'YC-2026-00123',
			country: 'VN'
		});
	});

	it('matches a payload computed by hand for the same fields', () => {
		const expected =
			'00020101021238570010A00000072701270006970436011300110041234560208QRIBFTTA' + '530370454071250000' + '5802VN' + '62170813YC-2026-00123' + '6304';
		expect(vietQrPayload(input)).toBe(expected + crc16CcittFalse(expected));
	});

	it('a changed amount or purpose no longer passes the CRC', () => {
		const payload = vietQrPayload(input);
		expect(decodeVietQr(payload.replace('1250000', '1950000'))!.crcValid).toBe(false);
		expect(decodeVietQr(payload.replace('00123', '00124'))!.crcValid).toBe(false);
	});

	it('refuses what a bank app could not carry: no amount, a long or accented purpose, a bad BIN', () => {
		expect(() => vietQrPayload({ ...input, amount: 0 })).toThrow(/amount/);
		expect(() => vietQrPayload({ ...input, amount: 12.5 })).toThrow(/amount/);
		expect(() => vietQrPayload({ ...input, purpose: 'THANH TOÁN' })).toThrow(/purpose/);
		expect(() => vietQrPayload({ ...input, purpose: 'X'.repeat(26) })).toThrow(/purpose/);
		expect(() => vietQrPayload({ ...input, bankBin: '97043' })).toThrow(/bankBin/);
	});
});
