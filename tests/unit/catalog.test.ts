import { describe, it, expect } from 'vitest';
import { CATALOG, findService, getService } from '../../src/lib/domain/catalog';
import type { ProcessingTime } from '../../src/lib/domain/catalog';

const CB_UTILITY = 'Từ lưới điện đến công tơ và CB bảo vệ (ngay sau công tơ).';
const CB_CUSTOMER = 'Từ sau CB bảo vệ (ngay sau công tơ) đến địa điểm sử dụng điện của KH.';

function numbersOfKind(kind: ProcessingTime['kind']): number[] {
	return CATALOG.filter((s) => s.processingTime.kind === kind).map((s) => s.number);
}

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('service catalog (seed 002, EVNCPC)', () => {
	it('has exactly 79 services numbered 1..79 in order, without gaps or duplicates', () => {
		expect(CATALOG).toHaveLength(79);
		expect(CATALOG.map((s) => s.number)).toEqual(range(1, 79));
		expect(new Set(CATALOG.map((s) => s.number)).size).toBe(79);
	});

	it('gives every service a non-empty name, section, description and at least one cost side', () => {
		for (const s of CATALOG) {
			expect(s.name.trim(), `name of ${s.number}`).not.toBe('');
			expect(s.section.trim(), `section of ${s.number}`).not.toBe('');
			expect(s.description.trim(), `description of ${s.number}`).not.toBe('');
			expect(s.costSplit.utility + s.costSplit.customer, `costSplit of ${s.number}`).not.toBe('');
		}
	});

	it('splits the services into the seed groups: 27 new supply, 28 during the contract, 24 support', () => {
		const count = (g: number) => CATALOG.filter((s) => s.group === g).length;
		expect(count(1)).toBe(27);
		expect(count(2)).toBe(28);
		expect(count(3)).toBe(24);
		expect(CATALOG.filter((s) => s.group === 1).map((s) => s.number)).toEqual(range(1, 27));
		expect(CATALOG.filter((s) => s.group === 2).map((s) => s.number)).toEqual(range(28, 55));
		expect(CATALOG.filter((s) => s.group === 3).map((s) => s.number)).toEqual(range(56, 79));
		const names = new Map<number, Set<string>>();
		for (const s of CATALOG) names.set(s.group, (names.get(s.group) ?? new Set()).add(s.groupName));
		expect([...names.get(1)!]).toEqual(['Dịch vụ cung cấp điện mới']);
		expect([...names.get(2)!]).toEqual(['Dịch vụ trong quá trình thực hiện HĐMBĐ']);
		expect([...names.get(3)!]).toEqual(['Dịch vụ hỗ trợ']);
	});

	it('uses positive integer values for working-day and hour deadlines', () => {
		for (const s of CATALOG) {
			const t = s.processingTime;
			if (t.kind === 'working_days' || t.kind === 'hours') {
				expect(Number.isInteger(t.value) && t.value > 0, `processingTime of ${s.number}`).toBe(true);
			}
		}
	});

	it('has the seed distribution of processing-time kinds', () => {
		expect(numbersOfKind('working_days')).toHaveLength(56);
		expect(numbersOfKind('hours')).toEqual([44, 45, 46, 47, 51, 52, 53]);
		expect(numbersOfKind('immediate')).toEqual(range(56, 65));
		expect(numbersOfKind('per_contract')).toEqual(range(66, 70));
		expect(numbersOfKind('by_agreement')).toEqual([27]);
	});

	describe('spot checks against the seed', () => {
		it('1: urban domestic low-voltage supply, 3 working days, cost boundary at the CB', () => {
			const s = getService(1);
			expect(s.name).toBe('Cấp điện hạ áp sinh hoạt (SH): thành phố (TP), thị xã (TX), thị trấn (TT)');
			expect(s.group).toBe(1);
			expect(s.section).toContain('KH mua điện sinh hoạt (01 pha, 03 pha)');
			expect(s.processingTime).toEqual({ kind: 'working_days', value: 3 });
			expect(s.costSplit).toEqual({ utility: CB_UTILITY, customer: CB_CUSTOMER });
		});

		it('2: rural domestic supply, 5 working days', () => {
			const s = getService(2);
			expect(s.name).toBe('Cấp điện hạ áp sinh hoạt nông thôn');
			expect(s.processingTime).toEqual({ kind: 'working_days', value: 5 });
		});

		it('3: domestic supply with extra pole/underground cable/TI, 7 working days', () => {
			const s = getService(3);
			expect(s.name).toBe('Cấp điện hạ áp sinh hoạt có lắp thêm cột/cáp ngầm/TI');
			expect(s.processingTime).toEqual({ kind: 'working_days', value: 7 });
			expect(s.description).toContain('\n- Trồng trụ trước công tơ.');
		});

		it('19 vs 23: medium voltage, 7 working days when the customer invests, 30 when the utility does', () => {
			expect(getService(19).name).toBe('Cấp điện trung áp SH');
			expect(getService(19).processingTime).toEqual({ kind: 'working_days', value: 7 });
			expect(getService(23).name).toBe('Cấp điện trung áp SH');
			expect(getService(23).processingTime).toEqual({ kind: 'working_days', value: 30 });
			expect(getService(19).section).not.toBe(getService(23).section);
		});

		it('27: high voltage supply is by agreement, costs too', () => {
			const s = getService(27);
			expect(s.processingTime).toEqual({ kind: 'by_agreement' });
			expect(s.costSplit).toEqual({ utility: 'Do hai bên thỏa thuận.', customer: 'Do hai bên thỏa thuận.' });
		});

		it('34: meter relocation, 7 working days, customer bears the cost except meter removal/fitting', () => {
			const s = getService(34);
			expect(s.name).toBe('Thay đổi vị trí thiết bị đo đếm');
			expect(s.processingTime).toEqual({ kind: 'working_days', value: 7 });
			expect(s.costSplit).toEqual({ utility: '', customer: 'Toàn bộ chi phí (trừ chi phí tháo/lắp công tơ)' });
		});

		it('41: meter check, 1 working day, free of charge', () => {
			const s = getService(41);
			expect(s.name).toBe('Kiểm tra công tơ');
			expect(s.section).toBe('Kiểm tra');
			expect(s.processingTime).toEqual({ kind: 'working_days', value: 1 });
			expect(s.costSplit).toEqual({ utility: '', customer: 'Miễn phí' });
		});

		it('43: independent meter testing, 15 working days, cost depends on the result', () => {
			const s = getService(43);
			expect(s.name).toBe('Kiểm định công tơ và thiết bị đo đếm khác');
			expect(s.processingTime).toEqual({ kind: 'working_days', value: 15 });
			expect(s.costSplit.utility).toContain('không đạt yêu cầu');
			expect(s.costSplit.customer).toContain('sau kiểm định đạt yêu cầu');
		});

		it('44–47: reconnection in hours, 2 urban and 8 rural', () => {
			expect(getService(44).name).toBe('Cấp điện trở lại khi KH tạm ngừng sử dụng: Thành thị');
			expect(getService(44).processingTime).toEqual({ kind: 'hours', value: 2 });
			expect(getService(45).name).toBe('Cấp điện trở lại khi KH tạm ngừng sử dụng: Nông thôn');
			expect(getService(45).processingTime).toEqual({ kind: 'hours', value: 8 });
			expect(getService(46).processingTime).toEqual({ kind: 'hours', value: 2 });
			expect(getService(47).processingTime).toEqual({ kind: 'hours', value: 8 });
			expect(getService(44).costSplit.customer).toMatch(/^01\. Mất điện do nợ/);
		});

		it('51–53: safety, outage and fault reports within 2 hours', () => {
			expect(getService(51).name).toBe('An toàn điện');
			expect(getService(52).name).toBe('Báo mất điện');
			expect(getService(53).name).toBe('Báo sự cố');
			for (const n of [51, 52, 53]) {
				expect(getService(n).processingTime).toEqual({ kind: 'hours', value: 2 });
				expect(getService(n).section).toBe('Xử lý báo mất điện');
			}
			expect(getService(52).costSplit).toEqual({ utility: CB_UTILITY, customer: CB_CUSTOMER });
		});

		it('56: outage schedule look-up is immediate and free', () => {
			const s = getService(56);
			expect(s.name).toBe('Tra cứu lịch ngừng, giảm cung cấp điện');
			expect(s.group).toBe(3);
			expect(s.processingTime).toEqual({ kind: 'immediate' });
			expect(s.costSplit).toEqual({ utility: '', customer: 'Miễn phí.' });
		});

		it('66: after-meter wiring advice is per contract', () => {
			const s = getService(66);
			expect(s.name).toBe('Tư vấn lắp đặt dây dẫn từ sau công tơ đến nhà KH');
			expect(s.processingTime).toEqual({ kind: 'per_contract' });
			expect(s.costSplit).toEqual({ utility: '', customer: 'Theo hợp đồng.' });
		});

		it('75: meter-reading complaint, 1 working day', () => {
			const s = getService(75);
			expect(s.name).toBe('Giải đáp - kiến nghị ghi chỉ số công tơ');
			expect(s.processingTime).toEqual({ kind: 'working_days', value: 1 });
		});

		it('79: the last service, complaint about staff conduct, 3 working days', () => {
			const s = getService(79);
			expect(s.name).toBe('Kiến nghị thái độ của Cán bộ nhân viên');
			expect(s.processingTime).toEqual({ kind: 'working_days', value: 3 });
		});
	});

	it('looks services up by number', () => {
		expect(findService(41)?.name).toBe('Kiểm tra công tơ');
		expect(findService(0)).toBeUndefined();
		expect(findService(80)).toBeUndefined();
		expect(() => getService(80)).toThrow();
	});
});
