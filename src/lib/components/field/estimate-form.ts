// The estimate form's model (step 4): lines prefilled from the survey, priced live with the shared
// priceEstimate, and validated with the shared schema. expectedTotal is always the total the crew saw.
import { estimatePayload, type EstimatePayload } from '$lib/domain/commands';
import { DEFAULT_VAT_PERCENT, priceEstimate, suggestedLines, type PricedEstimate } from '$lib/domain/estimate';
import { findMaterial, type Material } from '$lib/domain/materials';
import { issuesToFields, numberText, parseDecimal, type FieldErrors } from './form-utils';

export interface EstimateDraftLine {
	code: string;
	/** As typed ("12,5"). */
	quantity: string;
}

export interface EstimateDraft {
	lines: EstimateDraftLine[];
	vatPercent: number;
	notes: string;
}

export type MaterialLookup = (code: string) => Material | undefined;

/** A lookup over the tablet's price list, falling back to the built-in one when nothing was synced yet. */
export function materialLookup(materials: readonly Material[] | undefined): MaterialLookup {
	if (!materials || materials.length === 0) return findMaterial;
	const byCode = new Map(materials.map((m) => [m.code, m]));
	return (code) => byCode.get(code);
}

export function suggestedDraft(survey: Parameters<typeof suggestedLines>[0]): EstimateDraft {
	return {
		lines: suggestedLines(survey).map((line) => ({ code: line.code, quantity: numberText(line.quantity) })),
		vatPercent: DEFAULT_VAT_PERCENT,
		notes: ''
	};
}

/** Reads a stored draft or a redone payload; null when there is nothing usable (then the survey prefills). */
export function estimateDraftFrom(data: unknown): EstimateDraft | null {
	if (typeof data !== 'object' || data === null) return null;
	const d = data as Record<string, unknown>;
	if (!Array.isArray(d.lines)) return null;
	const lines: EstimateDraftLine[] = [];
	for (const raw of d.lines) {
		if (typeof raw !== 'object' || raw === null) continue;
		const { code, quantity } = raw as Record<string, unknown>;
		if (typeof code !== 'string' || lines.some((l) => l.code === code)) continue;
		lines.push({
			code,
			quantity: typeof quantity === 'number' ? numberText(quantity) : typeof quantity === 'string' ? quantity : ''
		});
	}
	const vat = d.vatPercent;
	return {
		lines,
		vatPercent: typeof vat === 'number' && Number.isInteger(vat) && vat >= 0 && vat <= 20 ? vat : DEFAULT_VAT_PERCENT,
		notes: typeof d.notes === 'string' ? d.notes : ''
	};
}

export interface PricedDraft {
	estimate: PricedEstimate;
	/** Per draft line: its amount, or null while its quantity is not a valid number or its code is unknown. */
	lineTotals: (number | null)[];
}

function validQuantity(text: string): number | null {
	const q = parseDecimal(text);
	return q !== undefined && Number.isFinite(q) && q > 0 ? q : null;
}

/** Prices the lines that can be priced; the others count 0 until fixed. */
export function priceDraft(draft: EstimateDraft, lookup: MaterialLookup): PricedDraft {
	const pricable = draft.lines
		.map((line, index) => ({ index, code: line.code, quantity: validQuantity(line.quantity) }))
		.filter((l): l is { index: number; code: string; quantity: number } => l.quantity !== null && lookup(l.code) !== undefined);
	const estimate = priceEstimate(
		pricable.map(({ code, quantity }) => ({ code, quantity })),
		draft.vatPercent,
		lookup
	);
	const lineTotals: (number | null)[] = draft.lines.map(() => null);
	pricable.forEach((l, i) => (lineTotals[l.index] = estimate.lines[i]!.total));
	return { estimate, lineTotals };
}

export type EstimateValidation = { ok: true; payload: EstimatePayload } | { ok: false; fields: FieldErrors };

export function validateEstimate(draft: EstimateDraft, lookup: MaterialLookup): EstimateValidation {
	const unknownCode = draft.lines.findIndex((l) => lookup(l.code) === undefined);
	const { estimate } = priceDraft(draft, lookup);
	const parsed = estimatePayload.safeParse({
		lines: draft.lines.map((l) => ({ code: l.code, quantity: parseDecimal(l.quantity) })),
		vatPercent: draft.vatPercent,
		expectedTotal: estimate.total,
		notes: draft.notes
	});
	if (parsed.success && unknownCode < 0) return { ok: true, payload: parsed.data };
	const fields = parsed.success ? {} : issuesToFields(parsed.error.issues);
	if (unknownCode >= 0) fields[`lines.${unknownCode}.code`] ??= 'Mã vật tư không có trong danh mục';
	return { ok: false, fields };
}

/** Materials the crew may still add (not already on a line), the ones for the survey's phases first. */
export function addableMaterials(materials: readonly Material[], draft: EstimateDraft, phases: 1 | 3 | null): Material[] {
	const used = new Set(draft.lines.map((l) => l.code));
	const fits = (m: Material) => (m.phases === undefined || phases === null || m.phases === phases ? 0 : 1);
	return materials.filter((m) => !used.has(m.code)).sort((a, b) => fits(a) - fits(b));
}
