// VietQR: the EMVCo merchant-presented QR payload that Vietnamese banking apps read for a Napas 247 transfer to an
// account (service QRIBFTTA), with the exact amount and the request code as the transfer's purpose. Pure: no I/O.
// EMVCo QRCPS-MPM v1.1: each field is ID (2 digits) + length (2 digits) + value; field 63 is the CRC-16/CCITT-FALSE
// (poly 0x1021, init 0xFFFF) of everything before its value, "6304" included, as 4 uppercase hex digits.

/** Napas's application identifier in field 38 (VietQR). */
export const NAPAS_GUID = 'A000000727';
/** Napas 247 transfer to an account number. */
export const SERVICE_TO_ACCOUNT = 'QRIBFTTA';

export interface VietQrInput {
	/** The beneficiary bank's 6-digit BIN (e.g. 970436 for Vietcombank). */
	bankBin: string;
	/** The utility's account number at that bank. */
	accountNumber: string;
	/** Whole đồng, > 0. */
	amount: number;
	/** Shown to the payer and carried in the transfer's content (≤ 25 characters, A–Z, 0–9, space and - . _). */
	purpose: string;
}

export function crc16CcittFalse(text: string): string {
	let crc = 0xffff;
	for (const byte of new TextEncoder().encode(text)) {
		crc ^= byte << 8;
		for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc.toString(16).toUpperCase().padStart(4, '0');
}

function field(id: string, value: string): string {
	if (value.length > 99) throw new RangeError(`EMV field ${id} is longer than 99 characters`);
	return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Why an input cannot make a payload (null when it can). */
export function vietQrInputProblem(input: VietQrInput): string | null {
	if (!/^\d{6}$/.test(input.bankBin)) return 'bankBin';
	if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNumber)) return 'accountNumber';
	if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || String(input.amount).length > 13) return 'amount';
	if (!/^[A-Z0-9 ._-]{1,25}$/.test(input.purpose)) return 'purpose';
	return null;
}

/** The payload (what the QR code encodes). */
export function vietQrPayload(input: VietQrInput): string {
	const problem = vietQrInputProblem(input);
	if (problem) throw new RangeError(`VietQR: invalid ${problem}`);
	const beneficiary = field('00', input.bankBin) + field('01', input.accountNumber);
	const merchantAccount = field('00', NAPAS_GUID) + field('01', beneficiary) + field('02', SERVICE_TO_ACCOUNT);
	const body =
		field('00', '01') + // payload format indicator
		field('01', '12') + // dynamic: one payment of one amount
		field('38', merchantAccount) +
		field('53', '704') + // VND
		field('54', String(input.amount)) +
		field('58', 'VN') +
		field('62', field('08', input.purpose)) + // additional data: purpose of transaction
		'6304';
	return body + crc16CcittFalse(body);
}

export type EmvFields = Map<string, string>;

/** Reads ID-length-value fields (top level or a template's value); null when they do not add up. */
export function parseEmvFields(text: string): EmvFields | null {
	const fields: EmvFields = new Map();
	let at = 0;
	while (at < text.length) {
		const id = text.slice(at, at + 2);
		const length = Number(text.slice(at + 2, at + 4));
		if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(text.slice(at + 2, at + 4)) || at + 4 + length > text.length) return null;
		fields.set(id, text.slice(at + 4, at + 4 + length));
		at += 4 + length;
	}
	return fields;
}

export interface DecodedVietQr {
	crcValid: boolean;
	bankBin: string | null;
	accountNumber: string | null;
	service: string | null;
	currency: string | null;
	amount: number | null;
	purpose: string | null;
	country: string | null;
}

/** Decodes a VietQR payload back (a bank app's view of it), checking its CRC. */
export function decodeVietQr(payload: string): DecodedVietQr | null {
	const fields = parseEmvFields(payload);
	if (!fields || payload.slice(-8, -4) !== '6304') return null;
	const merchant = parseEmvFields(fields.get('38') ?? '');
	const beneficiary = parseEmvFields(merchant?.get('01') ?? '');
	const additional = parseEmvFields(fields.get('62') ?? '');
	const amount = fields.get('54');
	return {
		crcValid: crc16CcittFalse(payload.slice(0, -4)) === payload.slice(-4),
		bankBin: beneficiary?.get('00') ?? null,
		accountNumber: beneficiary?.get('01') ?? null,
		service: merchant?.get('02') ?? null,
		currency: fields.get('53') ?? null,
		amount: amount !== undefined && /^\d+(\.\d+)?$/.test(amount) ? Number(amount) : null,
		purpose: additional?.get('08') ?? null,
		country: fields.get('58') ?? null
	};
}
