import { describe, expect, it } from 'vitest';
import { durationText, timeLeftText, vnDateInput, vnLocalToIso, type DeadlineFacts } from '../../src/lib/console/format';
import { vnd } from '../../src/lib/format';

const H = 3_600_000;
const item = (over: Partial<DeadlineFacts>): DeadlineFacts => ({ deadline: '2026-11-27T16:59:59.999Z', deadlineStatus: 'ok', workingDaysLeft: null, msLeft: 10 * H, ...over });

describe('time left on a deadline', () => {
	it('counts working days for working-day services', () => {
		expect(timeLeftText(item({ workingDaysLeft: 3, msLeft: 80 * H }), 'vi')).toBe('còn 3 ngày làm việc');
		expect(timeLeftText(item({ workingDaysLeft: 3, msLeft: 80 * H }), 'en')).toBe('3 working days left');
		expect(timeLeftText(item({ workingDaysLeft: 0, msLeft: 2 * H, deadlineStatus: 'due_soon' }), 'vi')).toBe('đến hạn hôm nay');
	});

	it('says how many working days a working-day service is overdue', () => {
		expect(timeLeftText(item({ workingDaysLeft: -2, msLeft: -50 * H, deadlineStatus: 'overdue' }), 'vi')).toBe('quá hạn 2 ngày');
		expect(timeLeftText(item({ workingDaysLeft: -2, msLeft: -50 * H, deadlineStatus: 'overdue' }), 'en')).toBe('overdue by 2 days');
		// a Friday deadline on the Saturday: no working day past yet, so the hours tell
		expect(timeLeftText(item({ workingDaysLeft: 0, msLeft: -9 * H, deadlineStatus: 'overdue' }), 'vi')).toBe('quá hạn 9 giờ');
	});

	it('counts hours for services measured in hours', () => {
		expect(timeLeftText(item({ msLeft: 5.5 * H, deadlineStatus: 'due_soon' }), 'vi')).toBe('còn 5 giờ');
		expect(timeLeftText(item({ msLeft: 20 * 60_000, deadlineStatus: 'due_soon' }), 'vi')).toBe('còn 20 phút');
		expect(timeLeftText(item({ msLeft: -3 * H, deadlineStatus: 'overdue' }), 'vi')).toBe('quá hạn 3 giờ');
		expect(timeLeftText(item({ msLeft: -30 * 60_000, deadlineStatus: 'overdue' }), 'en')).toBe('overdue by 30 min');
		expect(timeLeftText(item({ msLeft: -73 * H, deadlineStatus: 'overdue' }), 'vi')).toBe('quá hạn 3 ngày');
	});

	it('names a missing deadline and a closed request', () => {
		expect(timeLeftText(item({ deadline: null, msLeft: null, deadlineStatus: 'none' }), 'vi')).toBe('Không có thời hạn');
		expect(timeLeftText(item({ deadlineStatus: 'none', msLeft: -5 * H }), 'vi')).toBe('Đã đóng');
	});
});

describe('other wording', () => {
	it('durations, money, dates', () => {
		expect(durationText(1_800, 'vi')).toBe('30 phút');
		expect(durationText(5_400, 'vi')).toBe('1,5 giờ');
		expect(durationText(5_400, 'en')).toBe('1.5 h');
		expect(durationText(3 * 86_400, 'vi')).toBe('3 ngày');
		expect(vnd(1_234_567)).toBe('1.234.567 ₫');
		expect(vnd(0)).toBe('0 ₫');
		// 20:00 UTC is already the next day in Hà Nội
		expect(vnDateInput(new Date('2026-11-23T20:00:00Z'))).toBe('2026-11-24');
		expect(vnDateInput(new Date('2026-11-23T10:00:00Z'), 1)).toBe('2026-11-24');
		expect(vnLocalToIso('2026-11-24', '08:30')).toBe('2026-11-24T08:30:00+07:00');
		expect(vnLocalToIso('', '08:30')).toBeNull();
	});
});
