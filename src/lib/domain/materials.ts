// The materials price list for estimates (step 4). Which side of the cost boundary an item sits on
// follows seed 002: the utility bears everything up to and including the protective CB right after
// the meter; the customer bears what comes after it, up to the house.

export type CostSide = 'utility' | 'customer';

export interface Material {
	code: string;
	name: string;
	unit: string;
	/** Integer VND, VAT excluded. */
	unitPrice: number;
	side: CostSide;
	/** Billed per metre of the survey's distance: prefilled from it. */
	perMetre: boolean;
	/** Only for 1-phase or 3-phase connections; omitted: both. */
	phases?: 1 | 3;
}

export const MATERIALS: readonly Material[] = [
	// before the CB: the service drop and metering, the utility's side
	{ code: 'AL-DX-2x16', name: 'Cáp vặn xoắn nhôm (duplex) ABC 2×16 mm²', unit: 'm', unitPrice: 14_500, side: 'utility', perMetre: false, phases: 1 },
	{ code: 'AL-DX-4x16', name: 'Cáp vặn xoắn nhôm ABC 4×16 mm²', unit: 'm', unitPrice: 27_800, side: 'utility', perMetre: false, phases: 3 },
	{ code: 'HOP-CT-1P', name: 'Hộp công tơ composite 1 pha', unit: 'cái', unitPrice: 320_000, side: 'utility', perMetre: false, phases: 1 },
	{ code: 'HOP-CT-3P', name: 'Hộp công tơ composite 3 pha', unit: 'cái', unitPrice: 650_000, side: 'utility', perMetre: false, phases: 3 },
	{ code: 'CB-BV-1P-40', name: 'Aptomat (CB) bảo vệ sau công tơ 1 pha 40 A', unit: 'cái', unitPrice: 165_000, side: 'utility', perMetre: false, phases: 1 },
	{ code: 'CB-BV-3P-63', name: 'Aptomat (CB) bảo vệ sau công tơ 3 pha 63 A', unit: 'cái', unitPrice: 720_000, side: 'utility', perMetre: false, phases: 3 },
	{ code: 'SU-HA-A30', name: 'Sứ hạ thế A30 kèm ty', unit: 'bộ', unitPrice: 38_000, side: 'utility', perMetre: false },
	{ code: 'COT-BTLT-7.5', name: 'Cột bê tông ly tâm 7,5 m', unit: 'cột', unitPrice: 2_650_000, side: 'utility', perMetre: false },
	{ code: 'NC-LAP-CT', name: 'Nhân công lắp đặt công tơ và CB', unit: 'lần', unitPrice: 180_000, side: 'utility', perMetre: false },
	// after the CB: the wiring after the meter, the customer's side
	{ code: 'CU-XLPE-2x4', name: 'Cáp đồng Cu/XLPE/PVC 2×4 mm²', unit: 'm', unitPrice: 32_000, side: 'customer', perMetre: true, phases: 1 },
	{ code: 'CU-XLPE-2x6', name: 'Cáp đồng Cu/XLPE/PVC 2×6 mm²', unit: 'm', unitPrice: 45_500, side: 'customer', perMetre: true, phases: 1 },
	{ code: 'CU-XLPE-2x10', name: 'Cáp đồng Cu/XLPE/PVC 2×10 mm²', unit: 'm', unitPrice: 72_000, side: 'customer', perMetre: true, phases: 1 },
	{ code: 'CU-XLPE-4x10', name: 'Cáp đồng Cu/XLPE/PVC 4×10 mm²', unit: 'm', unitPrice: 139_000, side: 'customer', perMetre: true, phases: 3 },
	{ code: 'MCB-1P-16', name: 'MCB 1 cực 16 A (nhánh trong nhà)', unit: 'cái', unitPrice: 68_000, side: 'customer', perMetre: false },
	{ code: 'MCB-1P-32', name: 'MCB 1 cực 32 A (tổng trong nhà)', unit: 'cái', unitPrice: 85_000, side: 'customer', perMetre: false },
	{ code: 'MCB-3P-63', name: 'MCB 3 cực 63 A (tổng trong nhà)', unit: 'cái', unitPrice: 540_000, side: 'customer', perMetre: false, phases: 3 },
	{ code: 'ONG-PVC-20', name: 'Ống luồn dây PVC Ø20', unit: 'm', unitPrice: 9_000, side: 'customer', perMetre: false },
	{ code: 'ONG-HDPE-32', name: 'Ống nhựa xoắn HDPE Ø32 (đi ngầm)', unit: 'm', unitPrice: 22_000, side: 'customer', perMetre: false },
	{ code: 'KEP-TREO', name: 'Kẹp treo cáp', unit: 'cái', unitPrice: 12_000, side: 'customer', perMetre: false },
	{ code: 'KEP-DO-NHUA', name: 'Kẹp đỡ (kẹp nhựa bắt tường)', unit: 'cái', unitPrice: 3_500, side: 'customer', perMetre: false },
	{ code: 'COC-TIEP-DIA', name: 'Bộ cọc tiếp địa L63 2,4 m', unit: 'bộ', unitPrice: 250_000, side: 'customer', perMetre: false },
	{ code: 'NC-KEO-DAY', name: 'Nhân công kéo rải dây sau công tơ', unit: 'm', unitPrice: 15_000, side: 'customer', perMetre: true }
];

const byCode = new Map(MATERIALS.map((m) => [m.code, m]));

export function findMaterial(code: string): Material | undefined {
	return byCode.get(code);
}

// ---------------------------------------------------------------------------------------------------------------
// The price list by date. The administrator enters a material's price with the date it takes effect; an estimate is
// priced with the list in force on its own date, so a price entered today for next month changes nothing before then.
// The built-in list above is the base: a code with no dated entry on or before the date keeps its built-in price.

/** A material's terms from a date on ('YYYY-MM-DD', Vietnam civil date). */
export interface PriceListEntry extends Material {
	effectiveFrom: string;
}

/** For each code, the entry with the latest effectiveFrom on or before `date`; the base where none applies. */
export function priceListOn(entries: readonly PriceListEntry[], date: string, base: readonly Material[] = MATERIALS): Material[] {
	const inForce = new Map<string, PriceListEntry>();
	for (const entry of entries) {
		if (entry.effectiveFrom > date) continue;
		const current = inForce.get(entry.code);
		if (!current || entry.effectiveFrom > current.effectiveFrom) inForce.set(entry.code, entry);
	}
	const list: Material[] = base.map((material) => withoutDate(inForce.get(material.code)) ?? material);
	for (const [code, entry] of inForce) if (!base.some((m) => m.code === code)) list.push(withoutDate(entry)!);
	return list;
}

function withoutDate(entry: PriceListEntry | undefined): Material | undefined {
	if (!entry) return undefined;
	const { effectiveFrom: _effectiveFrom, ...material } = entry;
	return material;
}

/** A lookup over the list in force on `date`. */
export function priceLookupOn(entries: readonly PriceListEntry[], date: string, base: readonly Material[] = MATERIALS): (code: string) => Material | undefined {
	const byCode = new Map(priceListOn(entries, date, base).map((m) => [m.code, m]));
	return (code) => byCode.get(code);
}

/** Entries that take effect after `date` (what a tablet keeps so it prices right after a change while offline). */
export function upcomingEntries(entries: readonly PriceListEntry[], date: string): PriceListEntry[] {
	return entries.filter((e) => e.effectiveFrom > date).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.code.localeCompare(b.code));
}
