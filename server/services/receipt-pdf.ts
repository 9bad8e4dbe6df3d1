// A payment receipt (biên lai) as a PDF, kept with the request: rendered from the payment row whenever it is asked
// for (the row is the record; the PDF is its printout), Vietnamese with English beside it, DejaVu Sans embedded.
import fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { m } from '../../src/lib/paraglide/messages.js';
import { untilText } from './contracts';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

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

const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;

/** The receipt's lines: label (Vietnamese / English) and value. */
export function receiptLines(r: ReceiptInput): [string, string][] {
	const both = (key: (p: object, o: { locale: 'vi' | 'en' }) => string) => `${key({}, { locale: 'vi' })} / ${key({}, { locale: 'en' })}`;
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

export async function renderReceiptPdf(r: ReceiptInput): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const regular = await doc.embedFont(fs.readFileSync(path.join(fontDir, 'DejaVuSans.ttf')), { subset: true });
	const bold = await doc.embedFont(fs.readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf')), { subset: true });
	doc.setTitle(`${m.server_receipt_title({}, { locale: 'vi' })} ${r.receiptNo}`);
	const page = doc.addPage([595.28, 841.89]);
	const ink = rgb(0.05, 0.05, 0.1);
	let y = 780;
	page.drawText(r.unitName, { x: 50, y, size: 11, font: bold, color: ink });
	y -= 40;
	page.drawText(m.server_receipt_title({}, { locale: 'vi' }), { x: 50, y, size: 18, font: bold, color: ink });
	y -= 20;
	page.drawText(m.server_receipt_title({}, { locale: 'en' }), { x: 50, y, size: 11, font: regular, color: rgb(0.4, 0.4, 0.4) });
	y -= 36;
	for (const [label, value] of receiptLines(r)) {
		page.drawText(label, { x: 50, y, size: 9.5, font: regular, color: rgb(0.35, 0.35, 0.35) });
		y -= 15;
		page.drawText(value, { x: 50, y, size: 12, font: bold, color: ink });
		y -= 26;
	}
	return doc.save();
}
