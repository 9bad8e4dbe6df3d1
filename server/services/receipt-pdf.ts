// A payment receipt (biên lai) as a PDF: the payment row's printout, Vietnamese with English beside it. It is rendered
// once and kept with the request (receipts.ts).
import { m } from '../../src/lib/paraglide/messages.js';
import { untilText } from './contracts';
import { bothLanguages as both, renderRecordPdf } from './record-pdf';

export interface ReceiptInput {
	receiptNo: string;
	requestCode: string;
	customerName: string;
	unitName: string;
	amount: number;
	method: 'online' | 'counter';
	provider: string;
	receivedAt: Date;
}

const vnd = (amount: number) => m.server_money_dong({ amount: new Intl.NumberFormat('vi-VN').format(amount) }, { locale: 'vi' });

/** The receipt's lines: label (Vietnamese / English) and value. */
export function receiptLines(r: ReceiptInput): [string, string][] {
	const method = r.method === 'counter' ? m.server_receipt_method_counter : m.server_receipt_method_online;
	return [
		[both(m.common_field_receiptNo), r.receiptNo],
		[both(m.common_request), r.requestCode],
		[both(m.server_receipt_customer), r.customerName],
		[both(m.common_field_amount), vnd(r.amount)],
		[both(m.server_receipt_method), `${method({}, { locale: 'vi' })} (${r.provider})`],
		[both(m.server_receipt_time), untilText(r.receivedAt)]
	];
}

export function renderReceiptPdf(r: ReceiptInput): Promise<Uint8Array> {
	return renderRecordPdf({
		unitName: r.unitName,
		title: { vi: m.server_receipt_title({}, { locale: 'vi' }), en: m.server_receipt_title({}, { locale: 'en' }) },
		documentTitle: `${m.server_receipt_title({}, { locale: 'vi' })} ${r.receiptNo}`,
		lines: receiptLines(r)
	});
}
