import { describe, expect, it } from 'vitest';
import { screenCommand } from '../../src/lib/domain/commands';
import { fieldKey, fieldLabel, findJsonProblem, invalidTextReason, isStorableText } from '../../src/lib/domain/text-guard';

const CUT_EMOJI = 'Ghi chú 😀'.slice(0, -1);

describe('storable text', () => {
	it('accepts Vietnamese, whole emoji and control characters PostgreSQL keeps', () => {
		for (const text of ['', 'Nguyễn Thị Hằng', 'Cột điện 🌳 nghiêng', 'dòng 1\ndòng 2\ttab', '𠀀 chữ Nôm']) expect(isStorableText(text)).toBe(true);
	});

	it('refuses a NUL and either half of a surrogate pair on its own', () => {
		for (const text of ['abc\u0000def', CUT_EMOJI, '\uDE00 đầu', 'giữa \uD83D x', '\uDE00\uD83D']) expect(isStorableText(text)).toBe(false);
	});
});

describe('finding what cannot be stored in a JSON value', () => {
	it('points at the first bad string, key or nesting, with its path', () => {
		expect(findJsonProblem({ a: 1, b: ['ok', { c: 'x\u0000' }] })).toEqual({ kind: 'invalid_text', path: ['b', 1, 'c'] });
		expect(findJsonProblem({ ok: { ['k\u0000']: 1 } })).toEqual({ kind: 'invalid_text', path: ['ok', 'k\u0000'] });
		let deep: unknown = 'đáy';
		for (let i = 0; i < 100_000; i++) deep = [deep];
		expect(findJsonProblem({ deep })?.kind).toBe('too_deep');
		expect(findJsonProblem({ name: 'Trần Văn An', lines: [{ code: 'CAP-2X16', quantity: 2 }], n: null, t: true })).toBeNull();
	});
});

describe('naming a field in words', () => {
	it('uses the form’s name for a field, with its place in a list', () => {
		expect(fieldLabel(['notes']).vi).toBe('ghi chú');
		expect(fieldLabel(['lines', 3, 'code']).vi).toBe('mã vật tư (mục 4)');
		expect(fieldLabel(['signature', 'signerName']).vi).toBe('họ tên người ký');
		expect(invalidTextReason(['customer', 'name']).vi).toContain('“họ tên khách hàng”');
	});

	it('takes the words from the catalog, as the forms label the fields, lowered inside a sentence', () => {
		expect(fieldLabel(['crewId'])).toEqual({ vi: 'tổ', en: 'crew' });
		expect(fieldLabel(['vatPercent'])).toEqual({ vi: 'thuế VAT', en: 'VAT' });
		expect(fieldLabel(['lines', 1, 'quantity']).en).toBe('quantity (item 2)');
		expect(invalidTextReason(['sealNumbers']).en).toContain('“seal numbers”');
	});

	it('never echoes a key nobody defined, nor stores one that is itself unstorable', () => {
		expect(fieldLabel(['<script>']).vi).toBe('một trường dữ liệu');
		expect(fieldKey(['a\u0000b', 2])).toBe('?.2');
		expect(isStorableText(fieldKey([`${'😀'.repeat(40)}x`]))).toBe(true);
	});
});

describe('screening a pushed command', () => {
	const envelope = {
		commandId: '0b6f3c1e-8d2a-4f5b-9c7d-1e2f3a4b5c6d',
		seq: 3,
		name: 'requestRemoteSigning',
		requestId: 'yc-1',
		jobId: 'job-1',
		baseVersion: 6,
		deviceTime: '2026-11-23T09:30:00+07:00',
		location: null
	};

	it('passes a well-formed command and an unknown one (refused later, by name)', () => {
		expect(screenCommand({ ...envelope, payload: { reason: 'customer_absent', note: 'Khách đi vắng 🙏' } })).toMatchObject({ ok: true });
		expect(screenCommand({ ...envelope, name: 'launchRocket', payload: {} })).toMatchObject({ ok: true });
	});

	it('refuses a missing payload, bad text and a bad envelope as invalid data naming the field', () => {
		const none = screenCommand({ ...envelope, payload: null });
		expect(none).toMatchObject({ ok: false, refusal: { code: 'invalid_data', fields: { _: expect.any(String) } } });
		const cut = screenCommand({ ...envelope, payload: { reason: 'customer_absent', note: CUT_EMOJI } });
		expect(cut).toMatchObject({ ok: false, refusal: { code: 'invalid_data', fields: { note: expect.any(String) } } });
		expect(!cut.ok && cut.refusal.reason.vi).toContain('“ghi chú”');
		const badId = screenCommand({ ...envelope, jobId: 'job\u0000', payload: { reason: 'customer_absent' } });
		expect(!badId.ok && badId.refusal.reason.vi).toContain('“công việc”');
		const badTime = screenCommand({ ...envelope, deviceTime: 'sáng nay', payload: { reason: 'customer_absent' } });
		expect(badTime).toMatchObject({ ok: false, refusal: { fields: { deviceTime: expect.any(String) } } });
	});
});
