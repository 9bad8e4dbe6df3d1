import { describe, expect, it } from 'vitest';
import { failureText, vnDate, vnDateTime } from '$lib/portal/strings';
import { both } from '$lib/i18n.svelte';
import { m } from '$lib/paraglide/messages.js';

describe('portal strings', () => {
	it('fills placeholders in both languages', () => {
		expect(both(m.portal_contract_version, { version: 2 })).toEqual({ vi: 'Phiên bản 2', en: 'Version 2' });
		expect(m.portal_code_sentBoth({ minutes: 10 }, { locale: 'vi' })).toBe('Mã đã gửi tới số điện thoại và email của quý khách, hiệu lực 10 phút.');
		expect(m.portal_code_wait({ seconds: 12 }, { locale: 'en' })).toBe('You can ask again in 12 s');
	});

	it('shows the server’s Vietnamese message, with an English rendering of known refusals', () => {
		const refused = (status: number, code: string, message: string) => ({ kind: 'refused' as const, status, code, message, fields: {}, retryAfterSeconds: null });
		expect(failureText(refused(400, 'wrong_code', 'Mã ký không đúng; còn 4 lần thử'))).toEqual({ vi: 'Mã ký không đúng; còn 4 lần thử', en: 'Wrong signing code; 4 attempts left' });
		expect(failureText(refused(429, 'too_soon', 'Mã vừa được gửi; vui lòng chờ 12 giây trước khi gửi lại')).en).toBe('A code was just sent; please wait 12 seconds before asking again');
		expect(failureText(refused(409, 'something_new', 'Thông điệp mới'))).toEqual({ vi: 'Thông điệp mới', en: 'Thông điệp mới' });
		expect(failureText(refused(500, 'internal', 'Lỗi máy chủ'))).toEqual(both(m.common_error_server, { status: 500 }));
		expect(failureText({ kind: 'network' }).vi).toBe('Không kết nối được máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.');
	});

	it('dates in Vietnam time whatever the phone’s zone', () => {
		expect(vnDate('2026-11-22T17:30:00.000Z')).toBe('23/11/2026');
		expect(vnDateTime('2026-11-23T02:05:00.000Z')).toBe('09:05 23/11/2026');
	});
});
