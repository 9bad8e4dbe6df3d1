import { describe, expect, it } from 'vitest';
import { checkCorrectionComment, checkSignForm, signErrorsFromServer } from '$lib/portal/forms';
import { DRAWING, GOOD_CODE, MISTYPED_CODE } from './portal-fixtures';

const SHA = 'c'.repeat(64);

describe('the portal sign form, checked on the phone', () => {
	it('a complete form becomes the body the server expects (code normalized, name trimmed)', () => {
		const check = checkSignForm({ contractSha256: SHA, code: ` ${GOOD_CODE.slice(0, 3)} ${GOOD_CODE.slice(3)} `, signature: DRAWING, signerName: '  Trần Thị Mai ' });
		expect(check).toEqual({ ok: true, body: { contractSha256: SHA, code: GOOD_CODE, signature: { ...DRAWING, signerName: 'Trần Thị Mai' } } });
	});

	it('no drawing, no name, a short code: each field says what is missing', () => {
		const check = checkSignForm({ contractSha256: SHA, code: '123', signature: null, signerName: ' ' });
		expect(check).toEqual({
			ok: false,
			errors: {
				signature: { vi: 'Vui lòng ký tên vào khung', en: 'Please sign in the box' },
				signerName: { vi: 'Nhập họ tên người ký', en: 'Enter the signer’s name' },
				code: { vi: 'Mã ký gồm đúng 6 chữ số', en: 'The signing code has exactly 6 digits' }
			}
		});
	});

	it('a mistyped digit is caught by the check digit before anything is sent', () => {
		const check = checkSignForm({ contractSha256: SHA, code: MISTYPED_CODE, signature: DRAWING, signerName: 'Mai' });
		expect(check.ok).toBe(false);
		if (!check.ok) expect(check.errors.code?.vi).toBe('Mã không đúng: có thể gõ nhầm một chữ số, vui lòng kiểm tra lại tin nhắn');
	});

	it('an oversized drawing is refused by the shared schema on the signature field', () => {
		const huge = { imagePng: `data:image/png;base64,${'A'.repeat(400_001)}`, strokes: DRAWING.strokes };
		const check = checkSignForm({ contractSha256: SHA, code: GOOD_CODE, signature: huge, signerName: 'Mai' });
		expect(check).toEqual({ ok: false, errors: { signature: { vi: 'Ảnh chữ ký quá lớn', en: 'Ảnh chữ ký quá lớn' } } });
	});

	it('server field messages land on the form fields', () => {
		expect(signErrorsFromServer({ code: 'Mã ký gồm đúng 6 chữ số', 'signature.signerName': 'Nhập họ tên người ký', 'signature.strokes': 'Chưa có chữ ký', other: 'x' })).toEqual({
			code: { vi: 'Mã ký gồm đúng 6 chữ số', en: 'Mã ký gồm đúng 6 chữ số' },
			signerName: { vi: 'Nhập họ tên người ký', en: 'Nhập họ tên người ký' },
			signature: { vi: 'Chưa có chữ ký', en: 'Chưa có chữ ký' }
		});
	});
});

describe('the correction comment', () => {
	// issue 11: a correction is words the utility reads, 10–1000 characters the contract PDF can print
	it('needs at least 10 characters after trimming, at most 1000, and no emoji', () => {
		expect(checkCorrectionComment('  Sai tên  ')).toEqual({ ok: false, error: { vi: 'Nêu nội dung cần chỉnh sửa (ít nhất 10 ký tự)', en: 'Say what to correct (at least 10 characters)' } });
		expect(checkCorrectionComment(' Dời aptomat ')).toEqual({ ok: true, comment: 'Dời aptomat' });
		expect(checkCorrectionComment('x'.repeat(1001))).toMatchObject({ ok: false, error: { vi: expect.stringContaining('1000') } });
		expect(checkCorrectionComment('Sai địa chỉ thi công 😀')).toMatchObject({ ok: false });
	});
});
