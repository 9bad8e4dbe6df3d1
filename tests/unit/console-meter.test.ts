import { describe, expect, it } from 'vitest';
import { asksMeterSerial, EMPTY_INTAKE, intakeBodyOf } from '../../src/lib/console/intake';
import { stepLabel } from '../../src/lib/console/kpis';
import {
	decimalText,
	disputeLines,
	errorPercentText,
	kwhDifferenceText,
	kwhText,
	meterCheckPhotoGroups,
	meterKindText,
	readingDisputeOf,
	readingRows,
	vnDayText
} from '../../src/lib/console/meter';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const D = 'd'.repeat(64);
const E = 'e'.repeat(64);

describe('kWh and percentages', () => {
	it('groups thousands and keeps at most one decimal, in each language', () => {
		expect(kwhText(12345.6, 'vi')).toBe('12.345,6 kWh');
		expect(kwhText(12345.6, 'en')).toBe('12,345.6 kWh');
		expect(kwhText(150, 'vi')).toBe('150 kWh');
		expect(kwhText(999_999, 'vi')).toBe('999.999 kWh');
		expect(kwhText(0, 'en')).toBe('0 kWh');
		// a trailing zero decimal is left out; a second decimal is rounded
		expect(kwhText(1000.04, 'vi')).toBe('1.000 kWh');
		expect(kwhText(1000.06, 'vi')).toBe('1.000,1 kWh');
	});

	it('signs a difference', () => {
		expect(kwhDifferenceText(55, 'vi')).toBe('+55 kWh');
		expect(kwhDifferenceText(-3.5, 'vi')).toBe('−3,5 kWh');
		expect(kwhDifferenceText(-1234.5, 'en')).toBe('−1,234.5 kWh');
		expect(kwhDifferenceText(0, 'vi')).toBe('0 kWh');
	});

	it('writes the measured error with its sign, none as a dash', () => {
		expect(errorPercentText(2.5, 'vi')).toBe('+2,5%');
		expect(errorPercentText(-1.25, 'en')).toBe('−1.25%');
		expect(errorPercentText(0, 'vi')).toBe('0%');
		expect(errorPercentText(null, 'vi')).toBe('—');
		expect(decimalText(-0.01, 'vi')).toBe('0');
	});
});

describe('the meter', () => {
	it('names phases and type', () => {
		expect(meterKindText({ phases: 1, type: 'mechanical' }, 'vi')).toBe('1 pha · công tơ cơ');
		expect(meterKindText({ phases: 3, type: 'electronic' }, 'vi')).toBe('3 pha · công tơ điện tử');
		expect(meterKindText({ phases: 3, type: 'electronic' }, 'en')).toBe('three-phase · electronic meter');
	});

	it('lists readings newest first with the Hà Nội date and the source', () => {
		const rows = readingRows({
			readings: [
				{ kwh: 1000, at: '2026-09-23T03:00:00.000Z', source: 'utility', abnormal: false },
				{ kwh: 1150, at: '2026-10-23T17:30:00.000Z', source: 'customer', abnormal: false },
				{ kwh: 2000, at: '2026-11-23T02:00:00.000Z', source: 'crew', abnormal: true }
			]
		});
		expect(rows.map((r) => [r.day, r.kwh, r.source, r.abnormal])).toEqual([
			['23/11/2026', 2000, 'crew', true],
			// 17:30 UTC is already the next day in Hà Nội
			['24/10/2026', 1150, 'customer', false],
			['23/09/2026', 1000, 'utility', false]
		]);
		expect(rows.map((r) => r.sourceLabel({}, { locale: 'vi' }))).toEqual(['Tổ công tác', 'Khách hàng tự ghi', 'Điện lực']);
		expect(readingRows({ readings: [] })).toEqual([]);
	});

	it('shows an unreadable date as it came', () => {
		expect(vnDayText('not a date')).toBe('not a date');
	});
});

describe("a meter check's photos", () => {
	const check = { readingPhoto: A, sealPhoto: null, abnormalConfirmPhoto: null, replacement: null };

	it('leaves out what was not taken', () => {
		expect(meterCheckPhotoGroups(check)).toEqual([{ key: 'reading', photos: [A] }]);
	});

	it('lists every photo of an abnormal check with a broken seal and a replacement', () => {
		const groups = meterCheckPhotoGroups({
			...check,
			sealPhoto: B,
			abnormalConfirmPhoto: C,
			replacement: { newSerial: 'HN-CT-9009', newType: 'electronic', newPhases: 1, newRegisterDigits: 6, newReadingKwh: 0, newPhoto: D, oldFinalKwh: 2000, oldFinalPhoto: E }
		});
		expect(groups).toEqual([
			{ key: 'reading', photos: [A] },
			{ key: 'abnormalConfirm', photos: [C] },
			{ key: 'seal', photos: [B] },
			{ key: 'oldFinal', photos: [E] },
			{ key: 'newMeter', photos: [D] }
		]);
	});
});

describe('a reading complaint on the timeline', () => {
	const detail = {
		meterSerial: 'HN-CT-0010',
		day: '2026-11-23',
		utility: { kwh: 1300, at: '2026-11-23T01:00:00.000Z', photo: null },
		customer: { kwh: 1355.5, at: '2026-11-23T03:15:00.000Z', photo: A },
		differenceKwh: 55.5
	};

	it('reads both readings from the audit detail', () => {
		expect(readingDisputeOf(detail)).toEqual(detail);
	});

	it('computes the difference when the detail lacks it and drops a malformed photo', () => {
		const { differenceKwh: _, ...rest } = detail;
		const dispute = readingDisputeOf({ ...rest, utility: { ...detail.utility, photo: 'not-a-hash' } });
		expect(dispute?.differenceKwh).toBe(55.5);
		expect(dispute?.utility.photo).toBeNull();
	});

	it('is null for any other detail', () => {
		expect(readingDisputeOf(null)).toBeNull();
		expect(readingDisputeOf('text')).toBeNull();
		expect(readingDisputeOf({ commandId: 'x' })).toBeNull();
		expect(readingDisputeOf({ ...detail, customer: { kwh: '1355', at: detail.customer.at } })).toBeNull();
		expect(readingDisputeOf({ ...detail, meterSerial: 7 })).toBeNull();
	});

	it('words both readings with their times in Hà Nội', () => {
		const lines = disputeLines(readingDisputeOf(detail)!, 'vi');
		expect(lines).toEqual({
			title: 'Công tơ HN-CT-0010, ngày ghi 23/11/2026',
			utility: 'Điện lực ghi: 1.300 kWh lúc 08:00 23/11/2026',
			customer: 'Khách hàng tự ghi: 1.355,5 kWh lúc 10:15 23/11/2026',
			difference: 'Chênh lệch: +55,5 kWh'
		});
		expect(disputeLines(readingDisputeOf(detail)!, 'en').difference).toBe('Difference: +55.5 kWh');
	});
});

describe('intake of a meter check', () => {
	const filled = { ...EMPTY_INTAKE, name: 'Lan', phone: '0912 345 678', address: 'Số 1 Hàng Bài' };
	const messages = { locationPair: 'pair' };

	it('asks for the serial for services 41 and 42 only', () => {
		expect(asksMeterSerial({ serviceNumber: 41 })).toBe(true);
		expect(asksMeterSerial({ serviceNumber: 42 })).toBe(true);
		expect(asksMeterSerial({ serviceNumber: 2 })).toBe(false);
		expect(asksMeterSerial({ serviceNumber: null })).toBe(false);
	});

	it('sends the typed serial, trimmed', () => {
		expect(intakeBodyOf({ ...filled, serviceNumber: 41, meterSerial: '  HN-CT-0009 ' }, messages).body?.meterSerial).toBe('HN-CT-0009');
	});

	it('sends a missing serial as null so the server names the field', () => {
		const body = intakeBodyOf({ ...filled, serviceNumber: 42, meterSerial: '   ' }, messages).body!;
		expect(body).toHaveProperty('meterSerial', null);
	});

	it('leaves a serial typed before the service changed out of other requests', () => {
		const body = intakeBodyOf({ ...filled, serviceNumber: 2, meterSerial: 'HN-CT-0009' }, messages).body!;
		expect(body).not.toHaveProperty('meterSerial');
	});
});

describe('KPI step names', () => {
	it('names the meter check and the reading complaint', () => {
		expect(stepLabel('recordMeterCheck', 'vi')).toBe('Ghi nhận kết quả kiểm tra công tơ');
		expect(stepLabel('readingDispute', 'vi')).toBe('Kiến nghị chỉ số công tơ (khác chỉ số Điện lực ghi)');
		expect(stepLabel('readingDispute', 'en')).toBe("Reading complaint (differs from the utility's reading)");
		// an operation by its name in words; a step the console does not know is never shown by its internal name
		expect(stepLabel('reassign', 'vi')).toBe('Chuyển tổ');
		expect(stepLabel('somethingElse', 'vi')).toBe('Cập nhật yêu cầu');
	});
});
