import { describe, expect, it } from 'vitest';
import { failureText, pt, text, vnDate, vnDateTime } from '$lib/portal/strings';

describe('portal strings', () => {
	it('fills placeholders in both languages', () => {
		expect(text('contract.version', { version: 2 })).toEqual({ vi: 'Phiên bản 2', en: 'Version 2' });
		expect(pt('vi', 'code.sentBoth', { minutes: 10 })).toBe('Mã đã gửi tới số điện thoại và email của quý khách, hiệu lực 10 phút.');
		expect(pt('en', 'code.wait', {})).toBe('You can ask again in {seconds} s');
	});

	it('shows the server’s Vietnamese message, with an English rendering of known refusals', () => {
		const refused = (status: number, code: string, message: string) => ({ kind: 'refused' as const, status, code, message, fields: {}, retryAfterSeconds: null });
		expect(failureText(refused(400, 'wrong_code', 'Mã ký không đúng; còn 4 lần thử'))).toEqual({ vi: 'Mã ký không đúng; còn 4 lần thử', en: 'Wrong signing code; 4 attempts left' });
		expect(failureText(refused(429, 'too_soon', 'Mã vừa được gửi; vui lòng chờ 12 giây trước khi gửi lại')).en).toBe('A code was just sent; please wait 12 seconds before asking again');
		expect(failureText(refused(409, 'something_new', 'Thông điệp mới'))).toEqual({ vi: 'Thông điệp mới', en: 'Thông điệp mới' });
		expect(failureText(refused(500, 'internal', 'Lỗi máy chủ'))).toEqual(text('error.server', { status: 500 }));
		expect(failureText({ kind: 'network' }).vi).toBe('Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.');
	});

	it('dates in Vietnam time whatever the phone’s zone', () => {
		expect(vnDate('2026-11-22T17:30:00.000Z')).toBe('23/11/2026');
		expect(vnDateTime('2026-11-23T02:05:00.000Z')).toBe('09:05 23/11/2026');
	});
});
