// The signed service contract as a PDF (step 13): the contract text exactly as signed, both signatures, and an
// evidence page (hash, signing times and places, devices). DejaVu Sans is embedded so Vietnamese renders anywhere.
import fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function fontBytes() {
	fonts ??= { regular: fs.readFileSync(path.join(fontDir, 'DejaVuSans.ttf')), bold: fs.readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf')) };
	return fonts;
}

export interface SignatureEvidence {
	party: 'customer' | 'utility';
	channel: 'on_site' | 'portal' | 'console';
	signerName: string;
	imagePng: string | null;
	serverTime: Date;
	deviceTime: Date | null;
	location: { lat: number; lng: number } | null;
	clientInfo: string | null;
}

export interface ContractPdfInput {
	requestCode: string;
	version: number;
	sha256: string;
	body: string;
	draftedAt: Date;
	signatures: SignatureEvidence[];
	generatedAt: Date;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const SIZE = 10.5;
const LEADING = 15;

const vnTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' });
const CHANNEL_VI = { on_site: 'tại hiện trường, trên máy tính bảng của tổ thi công', portal: 'trực tuyến, qua đường dẫn gửi tới khách hàng', console: 'trên hệ thống của Điện lực' } as const;

/** Breaks a paragraph into lines that fit `width` at `size`. */
export function wrapText(text: string, font: Pick<PDFFont, 'widthOfTextAtSize'>, size: number, width: number): string[] {
	if (text === '') return [''];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
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

class Writer {
	page!: PDFPage;
	y = 0;
	constructor(
		readonly doc: PDFDocument,
		readonly regular: PDFFont,
		readonly bold: PDFFont
	) {
		this.newPage();
	}

	newPage() {
		this.page = this.doc.addPage([A4.width, A4.height]);
		this.y = A4.height - MARGIN;
	}

	ensure(height: number) {
		if (this.y - height < MARGIN + 20) this.newPage();
	}

	paragraph(text: string, options: { bold?: boolean; size?: number } = {}) {
		const font = options.bold ? this.bold : this.regular;
		const size = options.size ?? SIZE;
		for (const line of wrapText(text, font, size, A4.width - 2 * MARGIN)) {
			this.ensure(LEADING);
			this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font, color: rgb(0.05, 0.05, 0.1) });
			this.y -= LEADING * (size / SIZE);
		}
	}

	gap(height = LEADING / 2) {
		this.y -= height;
	}
}

export async function renderContractPdf(input: ContractPdfInput): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const { regular: regularBytes, bold: boldBytes } = fontBytes();
	const regular = await doc.embedFont(regularBytes, { subset: true });
	const bold = await doc.embedFont(boldBytes, { subset: true });
	const customer = input.signatures.find((s) => s.party === 'customer');
	doc.setTitle(`Hợp đồng dịch vụ dây sau công tơ ${input.requestCode} - phiên bản ${input.version}`);
	doc.setLanguage('vi-VN');
	doc.setCreationDate(input.generatedAt);
	doc.setProducer('Hiện Trường');

	const w = new Writer(doc, regular, bold);
	for (const [i, line] of input.body.split('\n').entries()) {
		const heading = i < 4 || /^(BÊN [AB]|Điều \d+\.)/.test(line);
		if (line === '') w.gap();
		else w.paragraph(line, { bold: heading });
	}

	// signatures, side by side
	w.gap(LEADING);
	w.ensure(150);
	const columnWidth = (A4.width - 2 * MARGIN) / 2;
	const top = w.y;
	for (const [column, party] of (['utility', 'customer'] as const).entries()) {
		const x = MARGIN + column * columnWidth;
		const signature = input.signatures.find((s) => s.party === party);
		w.page.drawText(party === 'utility' ? 'ĐẠI DIỆN BÊN A' : 'ĐẠI DIỆN BÊN B', { x, y: top - SIZE, size: SIZE, font: bold });
		if (!signature) {
			w.page.drawText('(chưa ký)', { x, y: top - 3 * LEADING, size: SIZE, font: regular, color: rgb(0.5, 0.1, 0.1) });
			continue;
		}
		if (signature.imagePng) {
			const image = await doc.embedPng(Buffer.from(signature.imagePng.replace(/^data:image\/png;base64,/, ''), 'base64'));
			const scale = Math.min((columnWidth - 20) / image.width, 80 / image.height, 1);
			w.page.drawImage(image, { x, y: top - LEADING - 82, width: image.width * scale, height: image.height * scale });
		} else {
			w.page.drawText('Đã ký điện tử', { x, y: top - 3 * LEADING, size: SIZE, font: regular });
		}
		w.page.drawText(signature.signerName, { x, y: top - LEADING - 100, size: SIZE, font: bold });
		w.page.drawText(vnTime.format(signature.serverTime), { x, y: top - LEADING - 115, size: 9, font: regular });
	}
	w.y = top - 150;

	// evidence page
	w.newPage();
	w.paragraph('TRANG BẰNG CHỨNG GIAO DỊCH ĐIỆN TỬ', { bold: true, size: 13 });
	w.gap();
	w.paragraph(`Hợp đồng số ${input.requestCode}/HĐDV, phiên bản ${input.version}, lập ngày ${vnTime.format(input.draftedAt)}.`);
	w.paragraph(`Mã băm SHA-256 của nội dung hợp đồng đã ký: ${input.sha256}`);
	w.paragraph('Nội dung hợp đồng ở các trang trước được in đúng từ văn bản có mã băm trên; mọi chỉnh sửa tạo phiên bản mới với mã băm mới.');
	for (const signature of input.signatures) {
		w.gap();
		w.paragraph(signature.party === 'customer' ? 'Chữ ký Bên B (khách hàng)' : 'Chữ ký Bên A (Điện lực)', { bold: true });
		w.paragraph(`Người ký: ${signature.signerName}`);
		w.paragraph(`Hình thức: ký ${CHANNEL_VI[signature.channel]}`);
		if (signature.party === 'customer') w.paragraph(`Mã xác nhận (OTP) được máy chủ kiểm tra đúng lúc: ${vnTime.format(signature.serverTime)}`);
		w.paragraph(`Thời gian máy chủ ghi nhận: ${vnTime.format(signature.serverTime)} (${signature.serverTime.toISOString()})`);
		if (signature.deviceTime) w.paragraph(`Thời gian trên thiết bị: ${vnTime.format(signature.deviceTime)} (${signature.deviceTime.toISOString()})`);
		if (signature.location) w.paragraph(`Vị trí GPS: ${signature.location.lat.toFixed(6)}, ${signature.location.lng.toFixed(6)}`);
		if (signature.clientInfo) w.paragraph(`Thiết bị: ${signature.clientInfo}`);
	}
	if (!customer) {
		w.gap();
		w.paragraph('Khách hàng chưa ký phiên bản này.', { bold: true });
	}
	w.gap();
	w.paragraph(`Tệp tạo lúc ${vnTime.format(input.generatedAt)} bởi hệ thống Hiện Trường.`, { size: 9 });

	const pages = doc.getPages();
	pages.forEach((page, i) =>
		page.drawText(`${input.requestCode} - phiên bản ${input.version} - trang ${i + 1}/${pages.length}`, { x: MARGIN, y: 25, size: 8, font: regular, color: rgb(0.4, 0.4, 0.4) })
	);
	return doc.save();
}
