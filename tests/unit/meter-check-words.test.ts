// A meter check's findings read the same in the customer's account, the record PDF and the console: in words, never a code.
import { describe, expect, it } from 'vitest';
import { meterCheckLines } from '../../src/lib/meter-check-words';

const check = { meterSerial: 'HN-CT-0003', readingKwh: 12345.6, result: 'fast' as const, errorPercent: 4.5, sealIntact: true, action: 'replaced' as const, newMeterSerial: 'HN-CT-9003' };

describe('meter check findings in words', () => {
	it('reads as a record in Vietnamese, with the replacement meter when there is one', () => {
		expect(meterCheckLines(check, 'vi')).toEqual([
			['Số sê-ri', 'HN-CT-0003'],
			['Chỉ số đọc được', '12.345,6 kWh'],
			['Kết quả kiểm tra', 'Chạy nhanh'],
			['Sai số đo', '+4,5%'],
			['Niêm phong', 'Còn nguyên'],
			['Xử lý', 'Thay công tơ'],
			['Công tơ mới', 'HN-CT-9003']
		]);
	});

	it('reads in English, and leaves out an error that was not measured and a replacement that did not happen', () => {
		const lines = meterCheckLines({ ...check, result: 'stopped', errorPercent: null, sealIntact: false, action: 'none', newMeterSerial: null }, 'en');
		expect(lines.map(([label]) => label)).toEqual(['Serial number', 'Reading', 'Test result', 'Seal', 'Action']);
		expect(lines.map(([, value]) => value)).toEqual(['HN-CT-0003', '12,345.6 kWh', 'Stopped', 'Broken', 'No action needed']);
		expect(lines.flat().join(' ')).not.toMatch(/stopped|none|sealIntact|null/);
	});
});
