// The contract for what was installed (issue 11, item 2): when the crew installs other materials or quantities
// than the contract holds, the customer signs an addendum (phụ lục) listing the installed materials, the
// differences and the new amount. Pure: the tablet renders it offline from the same inputs as the server, so the
// SHA-256 of its canonical text is the same on both sides and identifies what the customer signed.
import { materialDifferences, priceEstimate, type EstimateLineInput, type MaterialDifference, type PricedEstimate, type PricedLine } from './estimate';
import type { Material } from './materials';
import { vnDayMonthYear } from './sla';

/** What the amended version holds: its priced lines and VAT (the contract's terms, or the estimate it was drafted from). */
export interface ContractedAmounts {
	lines: readonly PricedLine[];
	vatPercent: number;
	customer: { total: number };
}

export interface InstalledContractInput {
	requestCode: string;
	customerName: string;
	/** The version the addendum amends (the one the customer was to sign). */
	base: { version: number; sha256: string };
	contracted: ContractedAmounts;
	/** What the crew recorded as installed. */
	installed: readonly EstimateLineInput[];
	/** When the installation was recorded on the tablet (the command's device time): the addendum's date. */
	installedAt: Date;
	/** The price list, for a material the contract does not hold (a material it holds keeps the contract's price). */
	lookup: (code: string) => Material | undefined;
}

export interface InstalledContract {
	version: number;
	body: string;
	/** The installed lines priced: the terms of the addendum. */
	priced: PricedEstimate;
	differences: MaterialDifference[];
	/** The customer's share after installation less the contracted one: > 0 owed, < 0 refunded. */
	delta: number;
}

/** The states in which a recorded installation that differs from the contract leads to an addendum to sign. */
export const ADDENDUM_STATES = ['contract_drafted', 'awaiting_remote_signature'] as const;

/**
 * The states, after the customer signed, in which such an installation drafts the addendum and sends the request back
 * to the customer's signature (`sendInstalledAddendum`): what is countersigned and completed is what was installed.
 */
export const SIGNED_ADDENDUM_STATES = ['customer_signed', 'utility_signed'] as const;

/**
 * While a correction waits for the supervisor, such an installation drafts the addendum too, and the state stays: the
 * supervisor's new version starts from what was installed, and an answer without change leads to signing it.
 */
export const CORRECTION_ADDENDUM_STATES = ['correction_requested'] as const;

/** Does an installation recorded in this state that differs from the contract draft an addendum? */
export function draftsAddendumIn(state: string): boolean {
	return [...ADDENDUM_STATES, ...SIGNED_ADDENDUM_STATES, ...CORRECTION_ADDENDUM_STATES].includes(state as never);
}

/** Does that addendum send the request back to waiting for the customer's signature (it had been signed)? */
export function reopensSigningIn(state: string): boolean {
	return (SIGNED_ADDENDUM_STATES as readonly string[]).includes(state);
}

const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
const quantity = (q: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(q);


/** Installed lines priced at the contract's unit prices (a new material at the price list's); null if a code is unknown. */
export function priceInstalled(contracted: ContractedAmounts, installed: readonly EstimateLineInput[], lookup: InstalledContractInput['lookup']): PricedEstimate | null {
	const fromContract = (code: string): Material | undefined => {
		const line = contracted.lines.find((l) => l.code === code);
		return line ? { code, name: line.name, unit: line.unit, unitPrice: line.unitPrice, side: line.side, perMetre: false } : undefined;
	};
	const price = (code: string) => fromContract(code) ?? lookup(code);
	if (installed.some((l) => !price(l.code))) return null;
	return priceEstimate(
		installed.map((l) => ({ code: l.code, quantity: l.quantity })),
		contracted.vatPercent,
		price
	);
}

/**
 * The addendum for what was installed, or null when the installation matches the contract's materials and amount
 * (then the contract itself is signed). Its version follows the amended one.
 */
export function installedContract(input: InstalledContractInput): InstalledContract | null {
	const priced = priceInstalled(input.contracted, input.installed, input.lookup);
	if (!priced) return null;
	const differences = materialDifferences(input.contracted.lines, input.installed);
	const delta = priced.customer.total - input.contracted.customer.total;
	if (differences.length === 0 && delta === 0) return null;
	const version = input.base.version + 1;
	return { version, body: renderInstalledContract(input, version, priced, differences, delta), priced, differences, delta };
}

function renderInstalledContract(input: InstalledContractInput, version: number, priced: PricedEstimate, differences: MaterialDifference[], delta: number): string {
	const line = (code: string) => priced.lines.find((l) => l.code === code) ?? input.contracted.lines.find((l) => l.code === code);
	const difference = (d: MaterialDifference) => {
		const l = line(d.code);
		const change = d.installed - d.estimated;
		const sign = change > 0 ? '+' : '-';
		return `- ${l?.name ?? d.code} (${d.code}): theo hợp đồng ${quantity(d.estimated)} ${l?.unit ?? ''}, đã thi công ${quantity(d.installed)} ${l?.unit ?? ''} (${sign}${quantity(Math.abs(change))})`;
	};
	const settlement =
		delta > 0 ? `Bên B thanh toán thêm: ${vnd(delta)}` : delta < 0 ? `Bên A hoàn trả Bên B: ${vnd(-delta)}` : 'Phần Bên B thanh toán không thay đổi';
	const lines = [
		'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		'Độc lập - Tự do - Hạnh phúc',
		'',
		INSTALLED_CONTRACT_TITLE,
		'VẬT TƯ THỰC TẾ ĐÃ THI CÔNG',
		`Số: ${input.requestCode}/HĐDV - phiên bản ${version} (phụ lục)`,
		`Kèm theo hợp đồng số ${input.requestCode}/HĐDV - phiên bản ${input.base.version}, SHA-256 ${input.base.sha256}`,
		`Ngày lập: ${vnDayMonthYear(input.installedAt)} (ngày thi công)`,
		`Bên B: ${input.customerName}`,
		'',
		'Căn cứ khoản 3 Điều 3 của hợp đồng (vật tư phát sinh ngoài dự toán chỉ được thực hiện khi Bên B đồng ý bằng văn bản hoặc ký xác nhận trên ứng dụng), hai bên xác nhận vật tư thực tế đã thi công như sau.',
		'',
		'Điều 1. Vật tư đã thi công',
		...priced.lines.map(
			(l, i) => `${i + 1}. ${l.name} (${l.code}): ${quantity(l.quantity)} ${l.unit} x ${vnd(l.unitPrice)} = ${vnd(l.total)} - ${l.side === 'customer' ? 'Bên B chịu' : 'Bên A chịu'}`
		),
		'',
		'Điều 2. Chênh lệch so với hợp đồng',
		...(differences.length > 0 ? differences.map(difference) : ['- Không có chênh lệch về vật tư']),
		'',
		`Điều 3. Giá trị theo thực tế thi công (đã gồm VAT ${priced.vatPercent}%)`,
		`Phần Bên B thanh toán theo hợp đồng: ${vnd(input.contracted.customer.total)}`,
		`Phần Bên B thanh toán theo thực tế: ${vnd(priced.customer.total)}`,
		settlement,
		`Phần Bên A chịu: ${vnd(priced.utility.total)}`,
		`Tổng giá trị: ${vnd(priced.total)}`,
		'',
		'Điều 4. Hiệu lực',
		'Phụ lục này là một phần không tách rời của hợp đồng nêu trên và thay thế Điều 1, Điều 2 của hợp đồng; các điều khoản khác giữ nguyên. Bên B ký phụ lục này là đồng ý bằng văn bản với vật tư và giá trị nêu trên.'
	];
	return lines.join('\n').normalize('NFC');
}

/** The title line of an addendum for what was installed (the tablet tells it from a contract by its text). */
export const INSTALLED_CONTRACT_TITLE = 'PHỤ LỤC HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ';

export function isInstalledContractBody(body: string): boolean {
	return body.split('\n', 5).includes(INSTALLED_CONTRACT_TITLE);
}
