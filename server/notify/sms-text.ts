// SMS text as brandname gateways take it: Vietnamese without accents when the gateway (or the brandname's
// registration) allows only GSM-7, counted in segments the way operators bill them, and shortened only by whole
// sentences that carry neither a code nor a link, so a code or a link is never cut.

// GSM 03.38 basic set (one septet each) and its extension table (escape + septet: two each).
const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsLength {
	encoding: SmsEncoding;
	/** septets (GSM-7) or UTF-16 code units (UCS-2) */
	units: number;
	segments: number;
}

/** "Mã ký hợp đồng" → "Ma ky hop dong": combining marks dropped, đ/Đ written d/D. */
export function withoutAccents(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.normalize('NFC');
}

function gsmUnits(text: string): number | null {
	let units = 0;
	for (const char of text) {
		if (GSM_BASIC.includes(char)) units += 1;
		else if (GSM_EXTENDED.includes(char)) units += 2;
		else return null;
	}
	return units;
}

/** GSM-7: 160 septets in one SMS, 153 per part when concatenated; UCS-2: 70, then 67. */
export function smsLength(text: string): SmsLength {
	const gsm = gsmUnits(text);
	if (gsm !== null) return { encoding: 'gsm7', units: gsm, segments: gsm === 0 ? 1 : gsm <= 160 ? 1 : Math.ceil(gsm / 153) };
	const units = text.length;
	return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

const PROTECTED = /(https?:\/\/\S+|\d)/;

/** Sentences ending in ". " (a link's own dots are not followed by a space, so a link stays whole). */
function sentences(text: string): string[] {
	return text.split(/(?<=\.)\s+/).filter((s) => s.length > 0);
}

export interface PreparedSms {
	text: string;
	length: SmsLength;
}

/**
 * The text to hand the gateway: accents removed unless the gateway takes Unicode, a character outside GSM-7 replaced
 * (a gateway registered for GSM-7 refuses it), then, while it needs more than `maxSegments`, the last sentence that
 * holds no digit and no link is left out. A text that still does not fit is sent whole: a longer SMS costs more, a
 * cut code costs the customer the visit.
 */
export function prepareSms(text: string, opts: { unicode: boolean; maxSegments: number }): PreparedSms {
	let prepared = text.replace(/\s+/g, ' ').trim();
	if (!opts.unicode) {
		prepared = withoutAccents(prepared)
			.replace(/[“”]/g, '"')
			.replace(/[‘’]/g, "'")
			.replace(/[–—]/g, '-')
			.replace(/…/g, '...');
		prepared = [...prepared].map((c) => (gsmUnits(c) === null ? '?' : c)).join('');
	}
	let parts = sentences(prepared);
	while (smsLength(parts.join(' ')).segments > opts.maxSegments) {
		const droppable = parts.findLastIndex((s, i) => i > 0 && !PROTECTED.test(s));
		if (droppable < 0) break;
		parts = parts.filter((_, i) => i !== droppable);
	}
	const final = parts.join(' ');
	return { text: final, length: smsLength(final) };
}
