import { describe, expect, it } from 'vitest';
import { renderContract, type ContractInput } from '../../src/lib/domain/contract';
import { priceEstimate } from '../../src/lib/domain/estimate';

function contractInput(overrides: Partial<ContractInput> = {}): ContractInput {
	const priced = priceEstimate([
		{ code: 'CB-BV-1P-40', quantity: 1 },
		{ code: 'CU-XLPE-2x6', quantity: 25 }
	]);
	return {
		requestCode: 'YC-2026-00042',
		version: 1,
		draftedAt: new Date('2026-11-23T18:30:00Z'),
		utility: { name: 'Điện lực Hoàn Kiếm', address: '69 Đinh Tiên Hoàng, Hà Nội', representative: 'Giám đốc' },
		customer: { name: 'Trần Thị Mai', phone: '0912000111', email: null, address: 'Số 5 Hàng Bài, Hà Nội' },
		siteAddress: 'Số 5 Hàng Bài, Hà Nội',
		estimate: priced,
		...overrides
	};
}

describe('service contract text', () => {
	it('names the parties, every estimate line, the split of the amount and the terms', () => {
		const input = contractInput();
		const text = renderContract(input);
		expect(text).toContain('HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ');
		expect(text).toContain('Số: YC-2026-00042/HĐDV - phiên bản 1');
		expect(text).toContain('BÊN B (Bên mua điện): Trần Thị Mai');
		expect(text).toContain('Email: (không có)');
		for (const line of input.estimate.lines) expect(text).toContain(`(${line.code})`);
		const nf = new Intl.NumberFormat('vi-VN');
		expect(text).toContain(`Phần Bên B thanh toán: ${nf.format(input.estimate.customer.total)} đồng`);
		expect(text).toContain(`Tổng giá trị: ${nf.format(input.estimate.total)} đồng`);
		expect(text).toContain('Điều 3. Điều khoản chung');
	});

	it('dates the contract by the Vietnamese calendar day', () => {
		// 18:30 UTC on 23 Nov is 01:30 on 24 Nov in Hà Nội
		expect(renderContract(contractInput())).toContain('Ngày lập: 24/11/2026');
	});

	it('renders the same characters for the same inputs, and different ones for a corrected version', () => {
		expect(renderContract(contractInput())).toBe(renderContract(contractInput()));
		const corrected = renderContract(contractInput({ version: 2, siteAddress: 'Số 7 Hàng Bài, Hà Nội', installBy: '2026-12-05' }));
		expect(corrected).toContain('phiên bản 2');
		expect(corrected).toContain('Địa điểm thi công: Số 7 Hàng Bài, Hà Nội');
		expect(corrected).toContain('Thời hạn thi công: trước hết ngày 05/12/2026');
		expect(corrected).not.toContain('Ghi chú hiệu chỉnh');
		expect(corrected.normalize('NFC')).toBe(corrected);
	});
});
