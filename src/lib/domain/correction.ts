// A customer's correction of the contract and the utility's answer (issue 11, item 1): the rules of the customer's
// text (length, characters the contract's PDF font can draw), the terms a supervisor may change in a new version, and
// the difference between two versions' terms, shown to the customer. Pure: no clock, no ids, no I/O.
import { z } from 'zod';
import type { ContractTerms } from './contract';
import { priceEstimate, type PricedLine } from './estimate';
import { findMaterial, type Material } from './materials';

export const CORRECTION_MIN_CHARS = 10;
export const CORRECTION_MAX_CHARS = 1000;
/** Corrections a customer may ask for per request in a day (each waits for the utility's answer). */
export const CORRECTIONS_PER_DAY = 3;

/** Control characters other than line breaks and tabs: they go neither into a text message nor into the history. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Characters the contract's font (DejaVu Sans) cannot draw, or draws as a box: emoji and other characters beyond the
 * basic plane, emoji presentation, joiners and variation selectors, control characters other than line breaks and tabs.
 */
const UNDRAWABLE = new RegExp(String.raw`[\u{10000}-\u{10FFFF}]|\p{Emoji_Presentation}|[\u200D\uFE0E\uFE0F\u20E3]|${CONTROL_CHARACTERS.source}|\p{Co}|\p{Cs}`, 'u');

export function hasControlCharacters(text: string): boolean {
	return CONTROL_CHARACTERS.test(text);
}

export function isDrawableText(text: string): boolean {
	return !UNDRAWABLE.test(text);
}

/** Characters as a person counts them (code points, NFC). */
export const charCount = (text: string) => Array.from(text.normalize('NFC')).length;

export type CorrectionTextProblem = 'too_short' | 'too_long' | 'undrawable';

export function correctionTextProblem(text: string): CorrectionTextProblem | null {
	const trimmed = text.trim();
	if (charCount(trimmed) < CORRECTION_MIN_CHARS) return 'too_short';
	if (charCount(trimmed) > CORRECTION_MAX_CHARS) return 'too_long';
	if (!isDrawableText(trimmed)) return 'undrawable';
	return null;
}

export const CORRECTION_TEXT_WORDS: Record<CorrectionTextProblem, string> = {
	too_short: `Nêu nội dung cần chỉnh sửa (ít nhất ${CORRECTION_MIN_CHARS} ký tự)`,
	too_long: `Nội dung quá dài (tối đa ${CORRECTION_MAX_CHARS} ký tự)`,
	undrawable: 'Nội dung có ký tự không in được trên hợp đồng (ví dụ biểu tượng cảm xúc); vui lòng chỉ dùng chữ, số và dấu câu'
};

/** Text that may go into a contract or a message: drawable, within the length, in words when refused. */
export const drawableText = (min: number, max: number, what: string) =>
	z
		.string({ error: `Nhập ${what}` })
		.trim()
		.refine((s) => charCount(s) >= min, `Nhập ${what}${min > 1 ? ` (ít nhất ${min} ký tự)` : ''}`)
		.refine((s) => charCount(s) <= max, `${what[0]!.toUpperCase()}${what.slice(1)} quá dài (tối đa ${max} ký tự)`)
		.refine(isDrawableText, CORRECTION_TEXT_WORDS.undrawable)
		.transform((s) => s.normalize('NFC'));

/** The customer's correction request. */
export const correctionRequestBody = z.object({
	comment: z
		.string({ error: CORRECTION_TEXT_WORDS.too_short })
		.superRefine((s, ctx) => {
			const problem = correctionTextProblem(s);
			if (problem) ctx.addIssue({ code: 'custom', message: CORRECTION_TEXT_WORDS[problem] });
		})
		.transform((s) => s.trim().normalize('NFC'))
});
export type CorrectionRequestBody = z.infer<typeof correctionRequestBody>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày không hợp lệ (dd/mm/yyyy)');

/** What the supervisor may change in a new version: material lines and quantities, VAT, the date, the parties. */
export const revisionTerms = z.object({
	lines: z
		.array(
			z.object({
				code: z.string().refine((c) => findMaterial(c) !== undefined, 'Vật tư không có trong bảng giá'),
				quantity: z.number({ error: 'Nhập số lượng' }).positive('Số lượng phải lớn hơn 0').max(10_000, 'Số lượng quá lớn').multipleOf(0.01, 'Số lượng có tối đa 2 chữ số thập phân')
			})
		)
		.min(1, 'Hợp đồng cần ít nhất một dòng vật tư')
		.max(60, 'Quá nhiều dòng vật tư')
		.refine((lines) => new Set(lines.map((l) => l.code)).size === lines.length, 'Mỗi vật tư chỉ ghi một dòng'),
	vatPercent: z.number().int('Thuế VAT là số nguyên').min(0, 'Thuế VAT không âm').max(20, 'Thuế VAT tối đa 20%'),
	installBy: day.nullable(),
	customer: z.object({
		name: drawableText(2, 120, 'họ tên khách hàng'),
		phone: z.string().trim().regex(/^0\d{9}$/, 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0'),
		email: z.union([z.literal('').transform(() => null), z.email('Email không hợp lệ').max(200), z.null()]),
		address: drawableText(5, 300, 'địa chỉ khách hàng')
	}),
	siteAddress: drawableText(5, 300, 'địa điểm thi công')
});
export type RevisionTerms = z.infer<typeof revisionTerms>;

/** The supervisor's new version, or their answer without a change. */
export const reviseBody = z.object({ terms: revisionTerms, note: drawableText(0, 500, 'ghi chú').optional() });
export const answerBody = z.object({ reason: drawableText(10, 1000, 'lý do') });

/**
 * The terms of a new version: the previous one's utility, the supervisor's changes, the lines priced from the list
 * (`lookup`: the list in force on the day of the revision; the built-in one by default).
 */
export function revisedTerms(previous: ContractTerms, changes: RevisionTerms, lookup: (code: string) => Material | undefined = findMaterial): ContractTerms {
	const priced = priceEstimate(changes.lines, changes.vatPercent, lookup);
	return {
		utility: previous.utility,
		customer: { name: changes.customer.name, phone: changes.customer.phone, email: changes.customer.email ?? null, address: changes.customer.address },
		siteAddress: changes.siteAddress,
		estimate: priced,
		installBy: changes.installBy
	};
}

/** One difference between two versions, for the customer to read. */
export type TermsChange =
	| { kind: 'line_added'; line: PricedLine }
	| { kind: 'line_removed'; line: PricedLine }
	| { kind: 'quantity_changed'; line: PricedLine; from: number; to: number }
	| { kind: 'amount_changed'; part: 'customer' | 'utility' | 'total'; from: number; to: number }
	| { kind: 'vat_changed'; from: number; to: number }
	| { kind: 'party_changed'; field: 'customer.name' | 'customer.phone' | 'customer.email' | 'customer.address' | 'siteAddress'; from: string; to: string }
	| { kind: 'install_by_changed'; from: string | null; to: string | null };

/** What changed from one version's terms to the next: lines added, removed or changed in quantity, amounts, parties, date. */
export function diffContractTerms(prev: ContractTerms, next: ContractTerms): TermsChange[] {
	const changes: TermsChange[] = [];
	const before = new Map(prev.estimate.lines.map((l) => [l.code, l]));
	const after = new Map(next.estimate.lines.map((l) => [l.code, l]));
	for (const line of prev.estimate.lines) if (!after.has(line.code)) changes.push({ kind: 'line_removed', line });
	for (const line of next.estimate.lines) {
		const old = before.get(line.code);
		if (!old) changes.push({ kind: 'line_added', line });
		else if (old.quantity !== line.quantity) changes.push({ kind: 'quantity_changed', line, from: old.quantity, to: line.quantity });
	}
	if (prev.estimate.vatPercent !== next.estimate.vatPercent) changes.push({ kind: 'vat_changed', from: prev.estimate.vatPercent, to: next.estimate.vatPercent });
	const amounts: Array<['customer' | 'utility' | 'total', number, number]> = [
		['customer', prev.estimate.customer.total, next.estimate.customer.total],
		['utility', prev.estimate.utility.total, next.estimate.utility.total],
		['total', prev.estimate.total, next.estimate.total]
	];
	for (const [part, from, to] of amounts) if (from !== to) changes.push({ kind: 'amount_changed', part, from, to });
	const parties: Array<[Extract<TermsChange, { kind: 'party_changed' }>['field'], string, string]> = [
		['customer.name', prev.customer.name, next.customer.name],
		['customer.phone', prev.customer.phone, next.customer.phone],
		['customer.email', prev.customer.email ?? '', next.customer.email ?? ''],
		['customer.address', prev.customer.address, next.customer.address],
		['siteAddress', prev.siteAddress, next.siteAddress]
	];
	for (const [field, from, to] of parties) if (from !== to) changes.push({ kind: 'party_changed', field, from, to });
	if ((prev.installBy ?? null) !== (next.installBy ?? null)) changes.push({ kind: 'install_by_changed', from: prev.installBy ?? null, to: next.installBy ?? null });
	return changes;
}
