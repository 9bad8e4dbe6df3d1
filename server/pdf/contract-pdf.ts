// The service contract as a PDF (steps 9–13): the contract text exactly as signed, both signatures, and an evidence
// page (evidence.ts). DejaVu Sans is embedded so Vietnamese renders anywhere; characters it lacks print as a marker
// (glyph-fallback.ts). The PDFDocument is returned unsaved so the countersignature can add its PAdES placeholder.
import fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { drawableText, fontCoverage } from './glyph-fallback';
import { documentTitle, evidenceLines, unreadableDrawingWords, fallbackNote, footerWords, generatedWords, signatureBlockWords, type Both, type ContractPdfInput } from './evidence';

export type { ContractPdfInput, SignatureEvidence } from './evidence';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function fontBytes() {
	fonts ??= { regular: fs.readFileSync(path.join(fontDir, 'DejaVuSans.ttf')), bold: fs.readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf')) };
	return fonts;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const SIZE = 10.5;
const LEADING = 15;
const EVIDENCE_SIZE = 8.5;
const INK = rgb(0.05, 0.05, 0.1);
const GREY = rgb(0.4, 0.4, 0.4);

/** A word wider than the line (a hash, a fingerprint, 6,000 letters without a space) in pieces that fit. */
function breakWord(word: string, font: Pick<PDFFont, 'widthOfTextAtSize'>, size: number, width: number): string[] {
	if (font.widthOfTextAtSize(word, size) <= width) return [word];
	const pieces: string[] = [];
	let piece = '';
	let pieceWidth = 0;
	// measured a character at a time: measuring the growing piece again and again is quadratic
	for (const char of Array.from(word)) {
		const charWidth = font.widthOfTextAtSize(char, size);
		if (piece !== '' && pieceWidth + charWidth > width) {
			pieces.push(piece);
			piece = '';
			pieceWidth = 0;
		}
		piece += char;
		pieceWidth += charWidth;
	}
	if (piece !== '') pieces.push(piece);
	return pieces;
}

/** Breaks a paragraph into lines that fit `width` at `size`. */
export function wrapText(text: string, font: Pick<PDFFont, 'widthOfTextAtSize'>, size: number, width: number): string[] {
	if (text === '') return [''];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).flatMap((w) => breakWord(w, font, size, width))) {
		const candidate = line ? `${line} ${word}` : word;
		if (font.widthOfTextAtSize(candidate, size) <= width || line === '') line = candidate;
		else {
			lines.push(line);
			line = word;
		}
	}
	lines.push(line);
	return lines;
}

/** Draws text on pages, new page when full; every string goes through the glyph fallback of its font. */
class Writer {
	page!: PDFPage;
	y = 0;
	/** Whether a character was replaced by its marker somewhere (the evidence page then says what the markers mean). */
	replaced = false;
	readonly #covers: Map<PDFFont, (cp: number) => boolean> = new Map();

	constructor(
		readonly doc: PDFDocument,
		readonly regular: PDFFont,
		readonly bold: PDFFont
	) {
		this.newPage();
	}

	printable(text: string, font: PDFFont): string {
		let covers = this.#covers.get(font);
		if (!covers) this.#covers.set(font, (covers = fontCoverage(font)));
		const drawable = drawableText(text, covers);
		this.replaced ||= drawable.replaced;
		return drawable.text;
	}

	newPage() {
		this.page = this.doc.addPage([A4.width, A4.height]);
		this.y = A4.height - MARGIN;
	}

	ensure(height: number) {
		if (this.y - height < MARGIN + 20) this.newPage();
	}

	paragraph(text: string, options: { bold?: boolean; size?: number; grey?: boolean; tight?: boolean } = {}) {
		const font = options.bold ? this.bold : this.regular;
		const size = options.size ?? SIZE;
		// the evidence page is set tight (1.2 × the size) so it stays one page
		const leading = options.tight ? size * 1.2 : LEADING * (size / SIZE);
		for (const line of wrapText(this.printable(text, font), font, size, A4.width - 2 * MARGIN)) {
			this.ensure(leading);
			this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font, color: options.grey ? GREY : INK });
			this.y -= leading;
		}
	}

	/** Vietnamese first, its English below in smaller grey type (the evidence page is set small: it should fit one page). */
	bilingual(text: Both, options: { bold?: boolean; size?: number } = {}) {
		const size = options.size ?? EVIDENCE_SIZE;
		this.paragraph(text.vi, { ...options, size, tight: true });
		this.paragraph(text.en, { size: size - 1.5, grey: true, tight: true });
	}

	text(text: string, x: number, y: number, options: { bold?: boolean; size?: number; color?: ReturnType<typeof rgb> } = {}) {
		const font = options.bold ? this.bold : this.regular;
		this.page.drawText(this.printable(text, font), { x, y, size: options.size ?? SIZE, font, color: options.color ?? INK });
	}

	gap(height = LEADING / 2) {
		this.y -= height;
	}
}

/** The contract PDF as a pdf-lib document, not yet saved (the countersignature adds its placeholder first). */
export async function buildContractPdf(input: ContractPdfInput): Promise<PDFDocument> {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const { regular: regularBytes, bold: boldBytes } = fontBytes();
	const regular = await doc.embedFont(regularBytes, { subset: true });
	const bold = await doc.embedFont(boldBytes, { subset: true });
	doc.setTitle(documentTitle(input));
	doc.setLanguage('vi-VN');
	doc.setCreationDate(input.generatedAt);
	doc.setModificationDate(input.generatedAt);
	doc.setProducer('Hiện Trường');
	doc.setCreator('Hiện Trường');

	const w = new Writer(doc, regular, bold);
	for (const [i, line] of input.body.split('\n').entries()) {
		const heading = i < 4 || /^(BÊN [AB]|Điều \d+\.)/.test(line);
		if (line === '') w.gap();
		else w.paragraph(line, { bold: heading });
	}

	// signatures, side by side
	w.gap(LEADING);
	w.ensure(160);
	const columnWidth = (A4.width - 2 * MARGIN) / 2;
	const top = w.y;
	const blocks = signatureBlockWords(input);
	for (const [column, party] of (['utility', 'customer'] as const).entries()) {
		const x = MARGIN + column * columnWidth;
		const block = blocks[party];
		w.text(block.heading, x, top - SIZE, { bold: true });
		if (!block.signed) {
			w.text(block.status, x, top - 3 * LEADING, { color: rgb(0.5, 0.1, 0.1) });
			continue;
		}
		let status = block.status;
		if (block.imagePng) {
			// a drawing that cannot be read (stored damaged) must not stop the contract from being printed and signed
			const image = await doc.embedPng(Buffer.from(block.imagePng.replace(/^data:image\/png;base64,/, ''), 'base64')).catch(() => null);
			if (image) {
				const scale = Math.min((columnWidth - 20) / image.width, 80 / image.height, 1);
				w.page.drawImage(image, { x, y: top - LEADING - 82, width: image.width * scale, height: image.height * scale });
			} else status = unreadableDrawingWords();
		}
		if (status) {
			for (const [i, line] of wrapText(w.printable(status, regular), regular, 9, columnWidth - 10).entries()) {
				w.page.drawText(line, { x, y: top - 3 * LEADING - i * 12, size: 9, font: regular, color: INK });
			}
		}
		w.text(block.signerName, x, top - LEADING - 100, { bold: true });
		w.text(block.time, x, top - LEADING - 115, { size: 9 });
	}
	w.y = top - 160;

	// evidence page
	w.newPage();
	for (const line of evidenceLines(input)) {
		if (line.style === 'gap') w.gap(LEADING / 3);
		else if (line.style === 'title') w.bilingual(line.text, { bold: true, size: 12 });
		else if (line.style === 'heading') w.bilingual(line.text, { bold: true, size: 9 });
		else if (line.style === 'small') w.bilingual(line.text, { size: 8 });
		else w.bilingual(line.text);
	}
	w.gap(LEADING / 3);
	if (w.replaced) w.bilingual(fallbackNote(), { size: 8 });
	w.bilingual(generatedWords(input.generatedAt), { size: 8 });

	const pages = doc.getPages();
	pages.forEach((page, i) =>
		page.drawText(footerWords(input, i + 1, pages.length), { x: MARGIN, y: 25, size: 8, font: regular, color: GREY })
	);
	return doc;
}

/** The contract PDF's bytes, without a digital signature (before the utility countersigns). */
export async function renderContractPdf(input: ContractPdfInput): Promise<Uint8Array> {
	return (await buildContractPdf(input)).save();
}
