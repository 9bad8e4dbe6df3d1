// The service contract for the wiring after the meter (HĐDV, step 7), as one canonical text.
// Tablet, portal and server render the same characters from the same inputs, so the SHA-256 of the
// text identifies exactly what the customer read and signed; any correction is a new version.
import type { EstimateRecord } from './api';
import { vnDayMonthYear } from './sla';

export interface ContractInput {
	requestCode: string;
	version: number;
	/** When this version was drafted; printed as a Vietnamese date. */
	draftedAt: Date;
	utility: { name: string; address: string; representative: string };
	customer: { name: string; phone: string; email: string | null; address: string };
	siteAddress: string;
	estimate: Pick<EstimateRecord, 'lines' | 'vatPercent' | 'customer' | 'utility' | 'total'>;
	/** The day the work is to be done by (yyyy-mm-dd, Hà Nội calendar), when the utility set one. */
	installBy?: string | null;
}

/**
 * What a contract version holds, stored with the version (contracts.terms) so a later version can be drafted from
 * it and shown to the customer as a difference: the parties, the site, the material lines and the amounts.
 */
export type ContractTerms = Pick<ContractInput, 'utility' | 'customer' | 'siteAddress' | 'estimate' | 'installBy'>;

/** The terms of a version rendered as its text (the customer's words of a correction are never part of it). */
export function renderContractTerms(terms: ContractTerms, head: { requestCode: string; version: number; draftedAt: Date }): string {
	return renderContract({ ...head, ...terms });
}

const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;


/** dd/mm/yyyy of a yyyy-mm-dd day. */
function isoToVn(day: string): string {
	const [y, mo, d] = day.split('-');
	return `${d}/${mo}/${y}`;
}

function quantity(q: number): string {
	return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(q);
}

export const CONTRACT_TERMS: readonly string[] = [
	'Bên A (Điện lực) thi công lắp đặt dây dẫn điện sau công tơ từ aptomat sau công tơ đến vị trí Bên B chỉ định, theo dự toán đính kèm, bảo đảm kỹ thuật và an toàn điện.',
	'Bên B thanh toán phần chi phí của Bên B nêu tại Điều 2 trước khi thi công; phần chi phí đến hết aptomat bảo vệ sau công tơ do Bên A chịu.',
	'Vật tư phát sinh ngoài dự toán chỉ được thực hiện khi Bên B đồng ý bằng văn bản hoặc ký xác nhận trên ứng dụng.',
	'Bên A bảo hành phần dây dẫn và thiết bị do Bên A lắp đặt trong 12 tháng kể từ ngày nghiệm thu.',
	'Hợp đồng được ký bằng phương thức điện tử, xác nhận bằng mã OTP gửi tới số điện thoại hoặc email của Bên B, có giá trị như hợp đồng giấy theo Luật Giao dịch điện tử.',
	'Hợp đồng có hiệu lực từ khi cả hai bên ký và kết thúc khi Bên A hoàn tất thi công, nghiệm thu và hai bên hoàn thành nghĩa vụ thanh toán.'
];

export function renderContract(input: ContractInput): string {
	const { estimate } = input;
	const lines = [
		'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		'Độc lập - Tự do - Hạnh phúc',
		'',
		'HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ',
		`Số: ${input.requestCode}/HĐDV - phiên bản ${input.version}`,
		`Ngày lập: ${vnDayMonthYear(input.draftedAt)}`,
		'',
		`BÊN A (Bên bán điện): ${input.utility.name}`,
		`Địa chỉ: ${input.utility.address}`,
		`Đại diện: ${input.utility.representative}`,
		'',
		`BÊN B (Bên mua điện): ${input.customer.name}`,
		`Điện thoại: ${input.customer.phone}`,
		`Email: ${input.customer.email ?? '(không có)'}`,
		`Địa chỉ: ${input.customer.address}`,
		`Địa điểm thi công: ${input.siteAddress}`,
		...(input.installBy ? [`Thời hạn thi công: trước hết ngày ${isoToVn(input.installBy)}`] : []),
		'',
		'Điều 1. Hạng mục và vật tư',
		...estimate.lines.map(
			(l, i) =>
				`${i + 1}. ${l.name} (${l.code}): ${quantity(l.quantity)} ${l.unit} x ${vnd(l.unitPrice)} = ${vnd(l.total)} - ${l.side === 'customer' ? 'Bên B chịu' : 'Bên A chịu'}`
		),
		'',
		'Điều 2. Giá trị hợp đồng (đã gồm VAT ' + estimate.vatPercent + '%)',
		`Phần Bên B thanh toán: ${vnd(estimate.customer.total)}`,
		`Phần Bên A chịu: ${vnd(estimate.utility.total)}`,
		`Tổng giá trị: ${vnd(estimate.total)}`,
		'',
		'Điều 3. Điều khoản chung',
		...CONTRACT_TERMS.map((term, i) => `${i + 1}. ${term}`)
	];
	return lines.join('\n').normalize('NFC');
}
