// A refusal shown in the page's language: the server's own words in both languages (`text`) win over the guess by
// code; a page's own meaning of a code still comes first; an answer without `text` reads as before.
import { describe, expect, it } from 'vitest';
import { PORTAL_REFUSALS, refusalText, refusalWords } from '$lib/refusals';
import { failureText } from '$lib/portal/strings';

describe('refusalText', () => {
	it('prefers the words the server sent in both languages', () => {
		const text = { vi: 'Công việc đã xong hoặc đã hủy, không thể đổi', en: 'The job is done or cancelled and cannot be changed' };
		expect(refusalText('job_closed', text.vi, {}, text)).toEqual(text);
		// a code the catalog also knows: the server's English, not the guess
		const wrong = { vi: 'Mã ký không đúng; còn 4 lần thử', en: 'Wrong code from the server; 4 left' };
		expect(refusalText('wrong_code', wrong.vi, {}, wrong)).toEqual(wrong);
		// the portal's failure carries it through
		expect(failureText({ kind: 'refused', status: 409, code: 'job_closed', message: text.vi, text, fields: {}, retryAfterSeconds: null })).toEqual(text);
	});

	it('keeps a page’s own meaning of a code over the server’s text', () => {
		const text = { vi: 'Nội dung gửi lên quá lớn (tối đa 64 KB)', en: 'The data sent is too large (at most 64 KB)' };
		expect(refusalText('too_large', text.vi, PORTAL_REFUSALS, text)).toEqual({ vi: text.vi, en: 'The signature is too large; please sign again more simply' });
	});

	it('without the server’s text, the Vietnamese message and the English by code, as before', () => {
		expect(refusalText('wrong_code', 'Mã ký không đúng; còn 4 lần thử')).toEqual({ vi: 'Mã ký không đúng; còn 4 lần thử', en: 'Wrong signing code; 4 attempts left' });
		expect(refusalText('something_new', 'Thông điệp mới')).toEqual({ vi: 'Thông điệp mới', en: 'Thông điệp mới' });
	});

	it('reads an error body in the page’s language (the console)', () => {
		const error = {
			code: 'invalid_input',
			message: 'Invalid data',
			text: { vi: 'Nhân viên tổ đội phải thuộc một tổ', en: 'A crew member must belong to a crew' },
			fields: { crewId: 'Choose a crew' },
			fieldTexts: { crewId: { vi: 'Chọn tổ', en: 'Choose a crew' } }
		};
		expect(refusalWords(error, 'vi')).toEqual({ message: 'Nhân viên tổ đội phải thuộc một tổ', fields: { crewId: 'Chọn tổ' } });
		expect(refusalWords(error, 'en')).toEqual({ message: 'A crew member must belong to a crew', fields: { crewId: 'Choose a crew' } });
		expect(refusalWords({ code: 'x', message: 'Lời cũ', fields: { a: 'b' } }, 'en')).toEqual({ message: 'Lời cũ', fields: { a: 'b' } });
	});
});
