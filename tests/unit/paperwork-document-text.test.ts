// A termination's final reading is written in the document the customer signs as every other page writes kWh.
import { describe, expect, it } from 'vitest';
import { renderPaperworkDocument, type PaperworkDocumentInput } from '../../server/services/paperwork-documents';

const input = (finalReading: PaperworkDocumentInput['finalReading']): PaperworkDocumentInput => ({
	doc: 'termination',
	requestCode: 'YC-2026-000055',
	version: 1,
	draftedAt: new Date('2026-12-04T03:00:00Z'),
	receivedAt: new Date('2026-12-01T03:00:00Z'),
	service: { number: 55, name: 'Chấm dứt hợp đồng mua bán điện' },
	unit: { name: 'Điện lực Cầu Giấy', address: 'Số 1 Cầu Giấy', representative: 'Nguyễn Văn An' },
	customer: { name: 'Trần Thị Bình', phone: '0912345678', email: null, address: 'Số 2 Hàng Bài' },
	siteAddress: 'Số 2 Hàng Bài',
	customerWords: null,
	note: 'Khách hàng đã thanh toán hết tiền điện',
	finalReading
});

describe('the final reading in a signed document', () => {
	it('has kWh with one decimal, grouped the Vietnamese way, as formatKwh writes them', () => {
		expect(renderPaperworkDocument(input({ meterSerial: 'HN-CT-0013', kwh: 12345.67 }))).toContain('công tơ số HN-CT-0013, 12.345,7 kWh');
		expect(renderPaperworkDocument(input({ meterSerial: 'HN-CT-0013', kwh: 12345 }))).toContain('công tơ số HN-CT-0013, 12.345 kWh');
	});

	it('is left out when the decision took no reading', () => {
		expect(renderPaperworkDocument(input(null))).not.toContain('Chỉ số chốt');
	});
});
