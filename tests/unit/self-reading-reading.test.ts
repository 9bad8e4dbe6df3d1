import { describe, expect, it } from 'vitest';
import { parseKwh, previousReading, readingProblem } from '$lib/self-reading/reading';
import { dayMonthYear, failureText, formatKwh, isLinkInvalid } from '$lib/self-reading/strings';

// 10:00 in Hà Nội on 23/11/2026
const NOW = new Date('2026-11-23T03:00:00.000Z');

function viewWith(lastReading: { kwh: number; at: string; source?: 'utility' | 'crew' | 'customer' } | null, registerDigits = 6) {
	return {
		meter: { serial: 'HN-CT-0011', phases: 1, type: 'mechanical' as const, registerDigits },
		lastReading: lastReading ? { source: 'utility' as const, ...lastReading } : null
	};
}

describe('parseKwh', () => {
	it('reads digits, leading zeros, a decimal comma or point, and ignores spaces', () => {
		expect(parseKwh('012345')).toEqual({ ok: true, kwh: 12345 });
		expect(parseKwh('12345,6')).toEqual({ ok: true, kwh: 12345.6 });
		expect(parseKwh('12345.67')).toEqual({ ok: true, kwh: 12345.67 });
		expect(parseKwh(' 12 345 ')).toEqual({ ok: true, kwh: 12345 });
		expect(parseKwh('0')).toEqual({ ok: true, kwh: 0 });
	});

	it('asks for a reading when nothing is typed', () => {
		const parsed = parseKwh('   ');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error.vi).toBe('Vui lòng nhập chỉ số công tơ');
	});

	it('refuses thousands separators, signs, letters and more than 2 decimals instead of guessing', () => {
		for (const typed of ['12.345.6', '1,234,567', '-5', '12a45', '12345,678', ',5', '5,', '1e5']) {
			const parsed = parseKwh(typed);
			expect(parsed.ok, typed).toBe(false);
			if (!parsed.ok) expect(parsed.error.en).toMatch(/digits only/);
		}
	});
});

describe('previousReading', () => {
	it('is the last reading when it was taken before today (Hà Nội day)', () => {
		const last = { kwh: 4200, at: '2026-10-24T02:00:00.000Z', source: 'utility' as const };
		expect(previousReading({ lastReading: last }, NOW)).toEqual(last);
		// 23:30 on 22/11 in Hà Nội is still yesterday
		const lateYesterday = { kwh: 4300, at: '2026-11-22T16:30:00.000Z', source: 'utility' as const };
		expect(previousReading({ lastReading: lateYesterday }, NOW)).toEqual(lateYesterday);
	});

	it('leaves out a reading of today: that is the reading the customer may dispute', () => {
		// 00:30 on 23/11 in Hà Nội (17:30 UTC the day before)
		expect(previousReading({ lastReading: { kwh: 4350, at: '2026-11-22T17:30:00.000Z', source: 'utility' } }, NOW)).toBeNull();
		expect(previousReading({ lastReading: { kwh: 4350, at: '2026-11-23T02:00:00.000Z', source: 'utility' } }, NOW)).toBeNull();
	});

	it('leaves out a reading dated in the future (a phone clock behind) and a missing one', () => {
		expect(previousReading({ lastReading: { kwh: 1, at: '2026-11-25T02:00:00.000Z', source: 'utility' } }, NOW)).toBeNull();
		expect(previousReading({ lastReading: null }, NOW)).toBeNull();
	});
});

describe('readingProblem', () => {
	const view = viewWith({ kwh: 4200, at: '2026-10-24T02:00:00.000Z' });

	it('accepts a reading at or above the last one', () => {
		expect(readingProblem(view, '4200', NOW)).toBeNull();
		expect(readingProblem(view, '4355', NOW)).toBeNull();
		// far above is abnormal for the crew, but the customer's reading is only compared, never refused for it
		expect(readingProblem(view, '99000', NOW)).toBeNull();
	});

	it('refuses a reading below the last one, naming both readings and the date', () => {
		const problem = readingProblem(view, '4199,5', NOW);
		expect(problem?.vi).toBe('Chỉ số 4.199,5 kWh nhỏ hơn chỉ số lần trước (4.200 kWh, ngày 24/10/2026). Vui lòng đọc lại mặt công tơ.');
		expect(problem?.en).toBe('The reading 4,199.5 kWh is below the last reading (4,200 kWh, on 24/10/2026). Please read the meter again.');
	});

	it('refuses more digits than the register holds, at the boundary', () => {
		const six = viewWith(null, 6);
		expect(readingProblem(six, '999999', NOW)).toBeNull();
		expect(readingProblem(six, '1000000', NOW)?.vi).toBe('Chỉ số 1000000 có nhiều chữ số hơn mặt số công tơ (6 chữ số). Vui lòng đọc lại mặt công tơ.');
		// leading zeros are digits of the register too, but the value is what counts
		expect(readingProblem(six, '0012345', NOW)).toBeNull();
	});

	it('does not hold a reading of today against the customer (a lower reading is a dispute, not an error)', () => {
		const today = viewWith({ kwh: 4350, at: '2026-11-23T01:00:00.000Z' });
		expect(readingProblem(today, '4345', NOW)).toBeNull();
	});

	it('while typing, holds back what more digits could still fix', () => {
		const typing = { typing: true };
		expect(readingProblem(view, '', NOW, typing)).toBeNull();
		expect(readingProblem(view, '42', NOW, typing)).toBeNull();
		expect(readingProblem(view, '420', NOW, typing)).toBeNull();
		expect(readingProblem(view, '4355,', NOW, typing)).toBeNull();
		// as many digits as the last reading and still below it: no more typing makes it right
		expect(readingProblem(view, '4199', NOW, typing)?.en).toMatch(/below the last reading/);
		expect(readingProblem(view, '1000000', NOW, typing)?.en).toMatch(/more digits than the meter’s register/);
		expect(readingProblem(view, '12a', NOW, typing)?.en).toMatch(/digits only/);
		expect(readingProblem(view, '42', NOW)?.en, 'on send, everything is said').toMatch(/below the last reading/);
		expect(readingProblem(view, '4355,', NOW)?.en).toMatch(/digits only/);
	});

	it('says what is wrong with the typing before the rules', () => {
		expect(readingProblem(view, '', NOW)?.vi).toBe('Vui lòng nhập chỉ số công tơ');
		expect(readingProblem(view, '4.200.000', NOW)?.en).toMatch(/without thousands separators/);
	});
});

describe('strings', () => {
	it('formats readings and dates for each language', () => {
		expect(formatKwh(1234567.5, 'vi')).toBe('1.234.567,5');
		expect(formatKwh(1234567.5, 'en')).toBe('1,234,567.5');
		expect(dayMonthYear('2026-11-23')).toBe('23/11/2026');
		expect(dayMonthYear('garbage')).toBe('garbage');
	});

	it('tells the customer what a failure means, in both languages', () => {
		const refused = (status: number, code: string, message: string, fields: Record<string, string> = {}) =>
			({ kind: 'refused', status, code, message, fields, retryAfterSeconds: null }) as const;
		expect(failureText({ kind: 'network' }).vi).toMatch(/Không kết nối được máy chủ.*vẫn được giữ/);
		expect(failureText({ kind: 'invalid_response', status: 200 }).en).toMatch(/unexpected answer \(200\)/);
		expect(failureText(refused(500, 'internal', 'Lỗi máy chủ')).vi).toMatch(/sự cố \(500\)/);

		const gone = refused(404, 'link_invalid', 'Đường dẫn không hợp lệ hoặc đã hết hạn');
		expect(isLinkInvalid(gone)).toBe(true);
		expect(failureText(gone).en).toMatch(/invalid or has expired/);
		const malformed = refused(400, 'invalid_input', 'Dữ liệu không hợp lệ: token: Đường dẫn không hợp lệ', { token: 'Đường dẫn không hợp lệ' });
		expect(isLinkInvalid(malformed)).toBe(true);
		expect(isLinkInvalid(refused(400, 'invalid_input', 'x', { kwh: 'Chỉ số không âm' }))).toBe(false);
		expect(isLinkInvalid({ kind: 'network' })).toBe(false);

		expect(failureText(refused(409, 'already_sent', 'Quý khách đã gửi chỉ số cho ngày ghi này')).en).toMatch(/already sent a reading/);
		const below = failureText(refused(422, 'below_previous', 'Chỉ số 10 nhỏ hơn chỉ số lần trước (20 kWh)'));
		expect(below.vi).toBe('Chỉ số 10 nhỏ hơn chỉ số lần trước (20 kWh)');
		expect(below.en).toMatch(/below the meter’s previous reading/);
		expect(failureText(refused(422, 'something_new', 'Thông điệp mới')).en).toBe('Thông điệp mới');
	});
});
