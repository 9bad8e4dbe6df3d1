// Estimate pricing in integer VND, identical on the tablet and the server.
// Quantities carry at most two decimals (metres), so line totals are computed in hundredths.
import { findMaterial, type CostSide, type Material } from './materials';

/** Standard Vietnamese VAT on electrical installation work and materials. */
export const DEFAULT_VAT_PERCENT = 10;

/** A VAT rate from a date on ('YYYY-MM-DD', Vietnam civil date): the law changes the rate (e.g. the 8 % reductions). */
export interface VatRate {
	percent: number;
	effectiveFrom: string;
}

/** The rate with the latest effectiveFrom on or before `date`; the standard rate when none has started yet. */
export function vatPercentOn(rates: readonly VatRate[], date: string, fallback = DEFAULT_VAT_PERCENT): number {
	let inForce: VatRate | undefined;
	for (const rate of rates) {
		if (rate.effectiveFrom > date) continue;
		if (!inForce || rate.effectiveFrom > inForce.effectiveFrom) inForce = rate;
	}
	return inForce ? inForce.percent : fallback;
}

export interface EstimateLineInput {
	code: string;
	quantity: number;
}

export interface PricedLine extends EstimateLineInput {
	name: string;
	unit: string;
	unitPrice: number;
	side: CostSide;
	total: number;
}

export interface SideTotals {
	subtotal: number;
	vat: number;
	total: number;
}

export interface PricedEstimate {
	lines: PricedLine[];
	vatPercent: number;
	utility: SideTotals;
	customer: SideTotals;
	subtotal: number;
	vat: number;
	total: number;
}

/** Integer rounding half away from zero, for non-negative integer numerators. */
function divideRounded(numerator: number, denominator: number): number {
	return Math.floor((numerator * 2 + denominator) / (denominator * 2));
}

export function lineTotal(unitPrice: number, quantity: number): number {
	const hundredths = Math.round(quantity * 100);
	return divideRounded(unitPrice * hundredths, 100);
}

function sideTotals(lines: PricedLine[], side: CostSide, vatPercent: number): SideTotals {
	const subtotal = lines.filter((l) => l.side === side).reduce((sum, l) => sum + l.total, 0);
	const vat = divideRounded(subtotal * vatPercent, 100);
	return { subtotal, vat, total: subtotal + vat };
}

/** Prices the lines against a price list; an unknown code throws (callers validate codes first). */
export function priceEstimate(
	lines: EstimateLineInput[],
	vatPercent = DEFAULT_VAT_PERCENT,
	lookup: (code: string) => Material | undefined = findMaterial
): PricedEstimate {
	const priced = lines.map((line): PricedLine => {
		const material = lookup(line.code);
		if (!material) throw new Error(`Không có vật tư mã ${line.code}`);
		return {
			...line,
			name: material.name,
			unit: material.unit,
			unitPrice: material.unitPrice,
			side: material.side,
			total: lineTotal(material.unitPrice, line.quantity)
		};
	});
	const utility = sideTotals(priced, 'utility', vatPercent);
	const customer = sideTotals(priced, 'customer', vatPercent);
	return {
		lines: priced,
		vatPercent,
		utility,
		customer,
		subtotal: utility.subtotal + customer.subtotal,
		vat: utility.vat + customer.vat,
		total: utility.total + customer.total
	};
}

/** The default bill of materials for a survey: cable and labour per metre of distance, the CB and meter box. */
export function suggestedLines(survey: { distanceM: number; phases: 1 | 3; route: 'overhead' | 'underground' | 'conduit' }): EstimateLineInput[] {
	const metres = Math.ceil(survey.distanceM);
	const lines: EstimateLineInput[] =
		survey.phases === 3
			? [
					{ code: 'CB-BV-3P-63', quantity: 1 },
					{ code: 'HOP-CT-3P', quantity: 1 },
					{ code: 'CU-XLPE-4x10', quantity: metres },
					{ code: 'MCB-3P-63', quantity: 1 }
				]
			: [
					{ code: 'CB-BV-1P-40', quantity: 1 },
					{ code: 'HOP-CT-1P', quantity: 1 },
					{ code: 'CU-XLPE-2x6', quantity: metres },
					{ code: 'MCB-1P-32', quantity: 1 }
				];
	if (survey.route === 'overhead') lines.push({ code: 'KEP-TREO', quantity: Math.max(2, Math.ceil(metres / 5)) });
	if (survey.route === 'conduit') lines.push({ code: 'ONG-PVC-20', quantity: metres }, { code: 'KEP-DO-NHUA', quantity: Math.ceil(metres * 2) });
	if (survey.route === 'underground') lines.push({ code: 'ONG-HDPE-32', quantity: metres });
	lines.push({ code: 'NC-KEO-DAY', quantity: metres }, { code: 'NC-LAP-CT', quantity: 1 });
	return lines;
}

export interface MaterialDifference {
	code: string;
	estimated: number;
	installed: number;
}

/** Lines whose installed quantity differs from the estimate (missing on either side counts as 0). */
export function materialDifferences(estimated: readonly EstimateLineInput[], installed: readonly EstimateLineInput[]): MaterialDifference[] {
	const codes = [...new Set([...estimated.map((l) => l.code), ...installed.map((l) => l.code)])];
	const quantity = (lines: readonly EstimateLineInput[], code: string) => lines.find((l) => l.code === code)?.quantity ?? 0;
	return codes
		.map((code) => ({ code, estimated: quantity(estimated, code), installed: quantity(installed, code) }))
		.filter((d) => Math.round(d.estimated * 100) !== Math.round(d.installed * 100));
}
