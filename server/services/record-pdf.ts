// One-page records the customer keeps (a payment receipt, a meter check record): the unit's name, a title in
// Vietnamese with English under it, then label / value lines, DejaVu Sans embedded so every Vietnamese letter prints.
import fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

type Message = (params: object, options: { locale: 'vi' | 'en' }) => string;

/** "Vietnamese / English" of a catalog message, for a label read by either. */
export const bothLanguages = (key: Message) => `${key({}, { locale: 'vi' })} / ${key({}, { locale: 'en' })}`;

export interface RecordPdfInput {
	unitName: string;
	title: { vi: string; en: string };
	/** The document's title in the PDF's properties (what a file manager shows). */
	documentTitle: string;
	lines: [label: string, value: string][];
}

const PAGE_BOTTOM = 60;

export async function renderRecordPdf(input: RecordPdfInput): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const regular = await doc.embedFont(fs.readFileSync(path.join(fontDir, 'DejaVuSans.ttf')), { subset: true });
	const bold = await doc.embedFont(fs.readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf')), { subset: true });
	doc.setTitle(input.documentTitle);
	let page = doc.addPage([595.28, 841.89]);
	const ink = rgb(0.05, 0.05, 0.1);
	let y = 780;
	page.drawText(input.unitName, { x: 50, y, size: 11, font: bold, color: ink });
	y -= 40;
	page.drawText(input.title.vi, { x: 50, y, size: 18, font: bold, color: ink });
	y -= 20;
	page.drawText(input.title.en, { x: 50, y, size: 11, font: regular, color: rgb(0.4, 0.4, 0.4) });
	y -= 36;
	for (const [label, value] of input.lines) {
		if (y < PAGE_BOTTOM) {
			page = doc.addPage([595.28, 841.89]);
			y = 780;
		}
		page.drawText(label, { x: 50, y, size: 9.5, font: regular, color: rgb(0.35, 0.35, 0.35) });
		y -= 15;
		page.drawText(value, { x: 50, y, size: 12, font: bold, color: ink, maxWidth: 495 });
		y -= 26;
	}
	return doc.save();
}
