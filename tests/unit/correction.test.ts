import { describe, expect, it } from 'vitest';
import type { ContractTerms } from '../../src/lib/domain/contract';
import { correctionRequestBody, correctionTextProblem, diffContractTerms, isDrawableText, revisedTerms, revisionTerms } from '../../src/lib/domain/correction';
import { priceEstimate } from '../../src/lib/domain/estimate';

const terms = (lines: Array<{ code: string; quantity: number }>, overrides: Partial<ContractTerms> = {}): ContractTerms => ({
	utility: { name: 'Điện lực Hoàn Kiếm', address: '69 Đinh Tiên Hoàng', representative: 'Giám đốc' },
	customer: { name: 'Trần Thị Mai', phone: '0912000111', email: null, address: 'Số 5 Hàng Bài' },
	siteAddress: 'Số 5 Hàng Bài',
	estimate: priceEstimate(lines, 10),
	...overrides
});

describe("the customer's correction text", () => {
	it('takes 10 to 1000 printable characters, Vietnamese included', () => {
		expect(correctionTextProblem('Sai tên')).toBe('too_short');
		expect(correctionTextProblem('Đổi vị trí aptomat sang tường trái')).toBeNull();
		expect(correctionTextProblem('a'.repeat(1000))).toBeNull();
		expect(correctionTextProblem('a'.repeat(1001))).toBe('too_long');
		expect(isDrawableText('Số 12A, ngõ 5 — “Hàng Bài” (tầng 2): 30 m²')).toBe(true);
	});

	it('refuses what the contract font cannot draw: emoji, joiners, control characters', () => {
		expect(correctionTextProblem('Sai địa chỉ nhà 😡 vui lòng sửa')).toBe('undrawable');
		expect(correctionTextProblem('Sai địa chỉ nhà ☔ vui lòng sửa')).toBe('undrawable');
		expect(correctionTextProblem('Sai địa chỉ nhà\u0007 vui lòng sửa')).toBe('undrawable');
		const refused = correctionRequestBody.safeParse({ comment: '👍👍👍👍👍👍👍👍👍👍' });
		expect(refused.success).toBe(false);
		expect(refused.error!.issues[0]!.message).toContain('biểu tượng cảm xúc');
	});
});

describe('the difference between two versions', () => {
	const before = terms([
		{ code: 'CB-BV-1P-40', quantity: 1 },
		{ code: 'CU-XLPE-2x6', quantity: 25 },
		{ code: 'KEP-TREO', quantity: 4 }
	]);

	it('names lines added, removed and changed in quantity, the amounts and the parties', () => {
		const after = terms(
			[
				{ code: 'CB-BV-1P-40', quantity: 1 },
				{ code: 'CU-XLPE-2x6', quantity: 30 },
				{ code: 'ONG-PVC-20', quantity: 10 }
			],
			{ siteAddress: 'Số 7 Hàng Bài', installBy: '2026-12-10' }
		);
		const changes = diffContractTerms(before, after);
		expect(changes).toContainEqual(expect.objectContaining({ kind: 'line_removed', line: expect.objectContaining({ code: 'KEP-TREO' }) }));
		expect(changes).toContainEqual(expect.objectContaining({ kind: 'line_added', line: expect.objectContaining({ code: 'ONG-PVC-20' }) }));
		expect(changes).toContainEqual(expect.objectContaining({ kind: 'quantity_changed', from: 25, to: 30 }));
		expect(changes).toContainEqual({ kind: 'amount_changed', part: 'customer', from: before.estimate.customer.total, to: after.estimate.customer.total });
		expect(changes).toContainEqual({ kind: 'party_changed', field: 'siteAddress', from: 'Số 5 Hàng Bài', to: 'Số 7 Hàng Bài' });
		expect(changes).toContainEqual({ kind: 'install_by_changed', from: null, to: '2026-12-10' });
		// the utility's share did not change: not listed
		expect(changes.some((c) => c.kind === 'amount_changed' && c.part === 'utility')).toBe(false);
	});

	it('is empty for the same terms', () => {
		expect(diffContractTerms(before, terms(before.estimate.lines.map((l) => ({ code: l.code, quantity: l.quantity }))))).toEqual([]);
	});

	it("a supervisor's edit is priced from the price list and keeps the utility party", () => {
		const edit = revisionTerms.parse({
			lines: [{ code: 'CU-XLPE-2x6', quantity: 30 }],
			vatPercent: 10,
			installBy: null,
			customer: { name: 'Trần Thị Mai', phone: '0912000111', email: '', address: 'Số 5 Hàng Bài' },
			siteAddress: 'Số 5 Hàng Bài'
		});
		const next = revisedTerms(before, edit);
		expect(next.utility).toEqual(before.utility);
		expect(next.estimate).toEqual(priceEstimate([{ code: 'CU-XLPE-2x6', quantity: 30 }], 10));
		expect(next.customer.email).toBeNull();
		expect(revisionTerms.safeParse({ ...edit, lines: [{ code: 'KHONG-CO', quantity: 1 }] }).success).toBe(false);
	});
});
