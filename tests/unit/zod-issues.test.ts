import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dottedPath, firstIssuePerField, issuesToFieldErrors } from '../../src/lib/zod-issues';

const schema = z.object({
	name: z.string().min(2, 'Tên quá ngắn').regex(/^[^0-9]*$/, 'Tên không được có số'),
	lines: z.array(z.object({ quantity: z.number().positive('Số lượng phải lớn hơn 0') }))
});

describe('zod issues → field errors', () => {
	it('keys issues by dotted path; the first message of a field wins', () => {
		const parsed = schema.safeParse({ name: '1', lines: [{ quantity: 1 }, { quantity: 0 }] });
		expect(parsed.success).toBe(false);
		if (parsed.success) return;
		expect(issuesToFieldErrors(parsed.error.issues)).toEqual({ name: 'Tên quá ngắn', 'lines.1.quantity': 'Số lượng phải lớn hơn 0' });
	});

	it('puts a problem with the whole value under the form key: "_" unless the caller names another', () => {
		const parsed = schema.safeParse('không phải đối tượng');
		if (parsed.success) throw new Error('expected a failure');
		expect(Object.keys(issuesToFieldErrors(parsed.error.issues))).toEqual(['_']);
		expect(Object.keys(issuesToFieldErrors(parsed.error.issues, { formKey: '' }))).toEqual(['']);
		expect(dottedPath([], 'form')).toBe('form');
		expect(dottedPath(['a', 0, 'b'])).toBe('a.0.b');
	});

	it('lets a caller name fields its own way and keeps the issue for its own wording', () => {
		const issues = [
			{ path: ['signature', 'strokes', 0], message: 'nét 1' },
			{ path: ['signature', 'imagePng'], message: 'ảnh' },
			{ path: ['code'], message: 'mã' }
		];
		const firsts = firstIssuePerField(issues, (path) => (path[0] === 'code' ? 'code' : 'signature'));
		expect(firsts.map(({ key, issue }) => [key, issue.message])).toEqual([
			['signature', 'nét 1'],
			['code', 'mã']
		]);
	});
});

describe('field errors in words', () => {
	it('names the field as a person reads it, never by its path', async () => {
		const { fieldErrorText, fieldErrorsText } = await import('../../src/lib/zod-issues');
		expect(fieldErrorText('crewId', 'Bắt buộc')).toBe('Tổ: Bắt buộc');
		expect(fieldErrorText('crewId', 'Required', 'en')).toBe('Crew: Required');
		expect(fieldErrorText('customer.phone', 'Số điện thoại không hợp lệ')).toBe('Số điện thoại: Số điện thoại không hợp lệ');
		expect(fieldErrorText('', 'Cần đọc hết hợp đồng')).toBe('Cần đọc hết hợp đồng');
		expect(fieldErrorText('zzUnknown', 'Sai')).toBe('Sai');
		expect(fieldErrorsText({ crewId: 'Bắt buộc', scheduledAt: 'Đã qua' }).join('; ')).not.toMatch(/crewId|scheduledAt/);
	});
});
