// Text the contract PDF's font cannot draw is never lost silently: each such character prints as a visible marker
// naming it ([U+…]), and the rest of the text is kept as it is (Vietnamese included).
import fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { drawableText, fontCoverage } from '../../server/pdf/glyph-fallback';
import { wrapText } from '../../server/pdf/contract-pdf';
import { maskPhone, vnTime } from '../../server/pdf/evidence';

const require = createRequire(import.meta.url);
const dejavu = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');

async function dejavuFont() {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	return doc.embedFont(fs.readFileSync(dejavu), { subset: true });
}

describe('the glyph fallback of the contract PDF', () => {
	it('keeps Vietnamese as it is and names what DejaVu Sans cannot draw', async () => {
		const covers = fontCoverage(await dejavuFont());
		expect(drawableText('Nguyễn Thị Ánh Tuyết, Điện lực Hoàn Kiếm', covers)).toEqual({ text: 'Nguyễn Thị Ánh Tuyết, Điện lực Hoàn Kiếm', replaced: false });
		// a thumbs-up with a skin tone is one marker listing both code points; the words around it stay
		expect(drawableText('Sai 👍🏽 Sai', covers)).toEqual({ text: 'Sai [U+1F44D U+1F3FD] Sai', replaced: true });
		// a family joined by zero-width joiners is one marker without the joiners
		expect(drawableText('👨‍👩‍👧', covers).text).toBe('[U+1F468 U+1F469 U+1F467]');
		// Chinese is not in DejaVu Sans either
		expect(drawableText('电', covers).text).toBe('[U+7535]');
	});

	it('drops presentation selectors, turns a tab into a space and names other control characters', () => {
		const all = () => true;
		expect(drawableText('❤️', all)).toEqual({ text: '❤', replaced: false });
		expect(drawableText('a\tb', all).text).toBe('a b');
		expect(drawableText('chuông\u0007', all)).toEqual({ text: 'chuông[U+0007]', replaced: true });
	});

	it('the drawn text never crashes pdf-lib and fits the page (a 6,000-letter word is broken into lines)', async () => {
		const font = await dejavuFont();
		const covers = fontCoverage(font);
		const text = drawableText(`${'Sai'.repeat(2000)} 😀🫠`, covers).text;
		const lines = wrapText(text, font, 10.5, 495);
		expect(lines.length).toBeGreaterThan(20);
		for (const line of lines) expect(font.widthOfTextAtSize(line, 10.5)).toBeLessThanOrEqual(495);
		expect(lines.join('')).toContain('[U+1FAE0]');
	}, 30_000);
});

describe('the evidence page words', () => {
	it('masks the phone the code went to, keeping its first and last three digits', () => {
		expect(maskPhone('0912345678')).toBe('091****678');
		expect(maskPhone('84912345678')).toBe('849*****678');
		expect(maskPhone('12345')).toBe('***45');
	});

	it('writes times as dd/mm/yyyy hh:mm in Hà Nội, whatever the server zone', () => {
		expect(vnTime(new Date('2026-12-31T17:05:00Z'))).toBe('01/01/2027 00:05');
	});
});

describe('a drawn signature that cannot be read', () => {
	it('prints the contract with words in its place instead of failing the countersignature', async () => {
		const { renderContractPdf } = await import('../../server/pdf/contract-pdf');
		const { pdfText } = await import('../support/pdf-text');
		const at = new Date('2026-11-23T02:00:00Z');
		const bytes = await renderContractPdf({
			requestCode: 'YC-2026-00001',
			customerName: 'Nguyễn Văn Khách',
			customerPhone: '0912345678',
			unitName: 'Điện lực Hoàn Kiếm',
			version: 1,
			kind: 'contract',
			sha256: 'a'.repeat(64),
			body: 'HỢP ĐỒNG DỊCH VỤ DÂY SAU CÔNG TƠ',
			draftedAt: at,
			versions: [{ version: 1, kind: 'contract', sha256: 'a'.repeat(64), draftedAt: at }],
			codes: [],
			signatures: [{ party: 'customer', channel: 'portal', signerName: 'Nguyễn Văn Khách', imagePng: 'data:image/png;base64,iVBORw0KGgo=', serverTime: at, deviceTime: null, location: null, clientInfo: null }],
			digital: null,
			generatedAt: at
		});
		const text = (await pdfText(bytes)).join(' ');
		expect(text).toContain('Hình chữ ký tay không đọc được');
		expect(text).toContain('Nguyễn Văn Khách');
	}, 30_000);
});
