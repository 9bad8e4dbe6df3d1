import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSms, smsLength, withoutAccents } from '../../server/notify/sms-text';

describe('SMS text for brandname gateways', () => {
	it('takes the accents off Vietnamese, đ included', () => {
		expect(withoutAccents('Điện lực Hà Nội: mã ký hợp đồng')).toBe('Dien luc Ha Noi: ma ky hop dong');
	});

	it('counts GSM-7 in 160 then 153 septets, and UCS-2 in 70 then 67', () => {
		expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
		expect(smsLength('a'.repeat(161)).segments).toBe(2);
		expect(smsLength('a'.repeat(306)).segments).toBe(2);
		expect(smsLength('a'.repeat(307)).segments).toBe(3);
		// the extension table's characters take two septets
		expect(smsLength('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
		expect(smsLength('ệ'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
		expect(smsLength('ệ'.repeat(71)).segments).toBe(2);
		expect(smsLength('ệ'.repeat(135)).segments).toBe(3);
	});

	it('a gateway without Unicode gets GSM-7 only: accents off, the rest replaced', () => {
		const sms = prepareSms('Lý do: “khách vắng nhà” – hẹn lại…', { unicode: false, maxSegments: 3 });
		expect(sms.text).toBe('Ly do: "khach vang nha" - hen lai...');
		expect(sms.length.encoding).toBe('gsm7');
	});

	it('shortens a long text by whole sentences without a code or a link, never cutting one', () => {
		const long =
			'EVN: Ma ky hop dong YC-2026-00001: 482915. ' +
			'Chi dua ma cho nhan vien Dien luc khi quy khach da doc va dong y toan bo noi dung hop dong. '.repeat(3) +
			'Xem tai https://hientruong.evn.vn/portal/abcdefghijklmnopqrstuvwxyz0123456789 . Tran trong cam on quy khach.';
		const sms = prepareSms(long, { unicode: false, maxSegments: 2 });
		expect(sms.length.segments).toBeLessThanOrEqual(2);
		expect(sms.text).toContain('482915');
		expect(sms.text).toContain('https://hientruong.evn.vn/portal/abcdefghijklmnopqrstuvwxyz0123456789');
	});

	it('whatever the text, every code and link it had is still whole', () => {
		const word = fc.stringMatching(/^[a-z]{1,12}$/);
		const code = fc.stringMatching(/^\d{6}$/);
		const link = fc.stringMatching(/^[a-z0-9]{4,40}$/).map((path) => `https://evn.vn/${path}`);
		const sentence = fc.tuple(fc.array(word, { minLength: 1, maxLength: 30 }), fc.option(fc.oneof(code, link))).map(([words, kept]) => ({ text: [...words, ...(kept ? [kept] : [])].join(' ') + '.', kept }));
		fc.assert(
			fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (sentences, maxSegments) => {
				const sms = prepareSms(sentences.map((s) => s.text).join(' '), { unicode: false, maxSegments });
				for (const s of sentences) if (s.kept) expect(sms.text).toContain(s.kept);
			})
		);
	});
});
