// The utility's digital signature over the whole contract PDF (PAdES, ETSI.CAdES.detached) with its PKCS#12
// certificate: @signpdf adds the signature dictionary with pdf-lib, then signs every byte outside the placeholder.
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
// the named class, not the default instance: a CommonJS default export reads differently under each loader
import { SignPdf } from '@signpdf/signpdf';
import type { PDFDocument } from 'pdf-lib';
import { UtilityP12Signer, type P12Contents } from './p12-signer';

/** PAdES baseline's sub-filter (@signpdf/utils' SUBFILTER_ETSI_CADES_DETACHED). */
const SUBFILTER_ETSI_CADES_DETACHED = 'ETSI.CAdES.detached';

export interface PadesSigning {
	/** The PKCS#12 file's key and certificates (read once: readP12). */
	keys: P12Contents;
	/** Who signs, in words (the certificate's subject): the signature dictionary's Name. */
	name: string;
	reason: string;
	location: string;
	contactInfo: string;
	signingTime: Date;
}

/**
 * A PDF text string in UTF-16BE with its byte-order mark, pre-escaped for a literal string: @signpdf writes these
 * fields with PDFString.of, which copies one byte per character and escapes nothing, so Vietnamese would be garbled
 * and a byte like ")" (the low byte of "ĩ", U+0129) would end the string early.
 */
export function pdfTextString(text: string): string {
	const bytes = [0xfe, 0xff];
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		bytes.push(unit >> 8, unit & 0xff);
	}
	const escapes: Record<number, string> = { 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\', 0x0d: '\\r', 0x0a: '\\n' };
	return bytes.map((b) => escapes[b] ?? String.fromCharCode(b)).join('');
}

/** Saves the document signed: the signature covers the whole file (its byte range is everything but the signature). */
export async function signPdf(doc: PDFDocument, signing: PadesSigning): Promise<Buffer> {
	pdflibAddPlaceholder({
		pdfDoc: doc,
		reason: pdfTextString(signing.reason),
		contactInfo: pdfTextString(signing.contactInfo),
		name: pdfTextString(signing.name),
		location: pdfTextString(signing.location),
		signingTime: signing.signingTime,
		subFilter: SUBFILTER_ETSI_CADES_DETACHED,
		appName: 'Hien Truong'
	});
	// object streams would hide the placeholder from @signpdf's byte-range search
	const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
	const signer = new UtilityP12Signer(signing.keys);
	return new SignPdf().sign(unsigned, signer, signing.signingTime);
}
