// What the contract PDF says around the contract text, in words from the catalog: the signature blocks and the
// evidence page (Vietnamese, English beside it). Pure: the same lines feed the PDF and the console's preview.
import { m } from '../../src/lib/paraglide/messages.js';

type Locale = 'vi' | 'en';
export interface Both {
	vi: string;
	en: string;
}
const both = (text: (locale: Locale) => string): Both => ({ vi: text('vi'), en: text('en') });
const at = (locale: Locale) => ({ locale });

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

export interface VersionEvidence {
	version: number;
	kind: 'contract' | 'addendum';
	sha256: string;
	draftedAt: Date;
}

export interface CodeEvidence {
	version: number;
	status: 'active' | 'used' | 'locked' | 'superseded';
	attempts: number;
	createdAt: Date;
	expiresAt: Date;
	usedAt: Date | null;
}

/** The utility's digital signature: the certificate it is made with, who countersigned and when. */
export interface DigitalSignatureEvidence {
	commonName: string;
	organization: string | null;
	fingerprint: string;
	demo: boolean;
	signedAt: Date;
	supervisorName: string;
}

export interface ContractPdfInput {
	requestCode: string;
	customerName: string;
	/** The phone the signing codes were texted to. */
	customerPhone: string | null;
	unitName: string;
	version: number;
	kind: 'contract' | 'addendum';
	sha256: string;
	body: string;
	draftedAt: Date;
	versions: VersionEvidence[];
	codes: CodeEvidence[];
	signatures: SignatureEvidence[];
	/** Set when the PDF is (about to be) signed digitally by the utility. */
	digital: DigitalSignatureEvidence | null;
	generatedAt: Date;
	/** A paperwork document's title ("Phụ lục hợp đồng mua bán điện"), for a request whose document is not the service contract. */
	document?: Both | null;
}

export type EvidenceLine = { style: 'title' | 'heading' | 'line' | 'small'; text: Both } | { style: 'gap' };

const hcmParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Asia/Ho_Chi_Minh',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** dd/mm/yyyy hh:mm in Vietnam time (Asia/Ho_Chi_Minh), whatever the server's zone. */
export function vnTime(instant: Date): string {
	const p = Object.fromEntries(hcmParts.formatToParts(instant).map((part) => [part.type, part.value]));
	return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** "0912345678" → "091****678": enough to recognise one's number, not enough to read it off a shared PDF. */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/\s+/g, '');
	if (digits.length < 7) return `${'*'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
	return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 6)}${digits.slice(-3)}`;
}

const kindWord = (kind: 'contract' | 'addendum', locale: Locale) => (kind === 'addendum' ? m.server_pdf_kind_addendum({}, at(locale)) : m.server_pdf_kind_contract({}, at(locale)));

function codeStatus(code: CodeEvidence, now: Date, locale: Locale): string {
	if (code.status === 'used') return m.server_pdf_code_used({ time: vnTime(code.usedAt ?? code.createdAt) }, at(locale));
	if (code.status === 'locked') return m.server_pdf_code_locked({}, at(locale));
	if (code.status === 'superseded') return m.server_pdf_code_superseded({}, at(locale));
	if (code.expiresAt.getTime() <= now.getTime()) return m.server_pdf_code_expired({}, at(locale));
	return m.server_pdf_code_active({}, at(locale));
}

/** "Đã ký số bởi …, lúc …": who signed digitally, in words (the PDF's signature block and the console). */
export function digitalSignerWords(digital: Pick<DigitalSignatureEvidence, 'commonName' | 'signedAt'>): Both {
	return both((locale) => m.server_pdf_signed_digitally_by({ name: digital.commonName, time: vnTime(digital.signedAt) }, at(locale)));
}

/** The words of the signature blocks under the contract text. */
export function signatureBlockWords(input: Pick<ContractPdfInput, 'signatures' | 'digital'>) {
	const block = (party: 'utility' | 'customer') => {
		const signature = input.signatures.find((s) => s.party === party);
		const heading = party === 'utility' ? m.server_pdf_party_utility({}, at('vi')) : m.server_pdf_party_customer({}, at('vi'));
		if (!signature) return { heading, signed: false as const, status: m.server_pdf_not_signed({}, at('vi')) };
		const status =
			party === 'utility' && input.digital ? digitalSignerWords(input.digital).vi : signature.imagePng ? null : m.server_pdf_signed_electronically({}, at('vi'));
		return { heading, signed: true as const, status, signerName: signature.signerName, time: vnTime(signature.serverTime), imagePng: signature.imagePng };
	};
	return { utility: block('utility'), customer: block('customer') };
}

/** The evidence page, line by line, each in Vietnamese with its English. */
export function evidenceLines(input: ContractPdfInput): EvidenceLine[] {
	const lines: EvidenceLine[] = [];
	const line = (text: Both) => lines.push({ style: 'line', text });
	const heading = (text: Both) => lines.push({ style: 'gap' }, { style: 'heading', text });
	const phone = input.customerPhone ? maskPhone(input.customerPhone) : '—';

	lines.push({ style: 'title', text: both((l) => m.server_pdf_evidence_title({}, at(l))) });
	lines.push({ style: 'gap' });
	const document = input.document;
	line(
		both((l) =>
			document
				? m.server_paperwork_evidence({ title: document[l], code: input.requestCode, version: input.version, time: vnTime(input.draftedAt) }, at(l))
				: (input.kind === 'addendum' ? m.server_pdf_evidence_addendum : m.server_pdf_evidence_contract)(
						{ code: input.requestCode, version: input.version, time: vnTime(input.draftedAt) },
						at(l)
					)
		)
	);
	line(both((l) => m.server_pdf_evidence_customer({ name: input.customerName }, at(l))));
	line(both((l) => m.server_pdf_evidence_sha({ sha: input.sha256 }, at(l))));
	lines.push({ style: 'small', text: both((l) => m.server_pdf_evidence_sha_note({}, at(l))) });

	heading(both((l) => m.server_pdf_evidence_versions({}, at(l))));
	for (const v of input.versions) {
		line(both((l) => m.server_pdf_evidence_version_line({ version: v.version, kind: kindWord(v.kind, l), time: vnTime(v.draftedAt), sha: v.sha256 }, at(l))));
	}

	const customer = input.signatures.find((s) => s.party === 'customer');
	heading(both((l) => m.server_pdf_evidence_customer_signature({}, at(l))));
	if (!customer) line(both((l) => m.server_pdf_evidence_customer_not_signed({}, at(l))));
	else {
		line(both((l) => m.server_pdf_evidence_signer({ name: customer.signerName }, at(l))));
		line(both((l) => (customer.channel === 'portal' ? m.server_pdf_channel_portal : m.server_pdf_channel_on_site)({}, at(l))));
		line(both((l) => m.server_pdf_evidence_customer_signed_at({ time: vnTime(customer.serverTime) }, at(l))));
		const used = input.codes.find((c) => c.version === input.version && c.status === 'used');
		const checkedAt = vnTime(used?.usedAt ?? customer.serverTime);
		line(
			both((l) =>
				(customer.channel === 'portal' ? m.server_pdf_evidence_code_portal : m.server_pdf_evidence_code_on_site)({ phone, time: checkedAt }, at(l))
			)
		);
		if (customer.deviceTime) line(both((l) => m.server_pdf_evidence_device_time({ time: vnTime(customer.deviceTime!) }, at(l))));
		if (customer.location) {
			const { lat, lng } = customer.location;
			line(both((l) => m.server_pdf_evidence_gps({ lat: lat.toFixed(6), lng: lng.toFixed(6) }, at(l))));
		}
		if (customer.clientInfo) line(both((l) => m.server_pdf_evidence_device({ device: customer.clientInfo! }, at(l))));
	}

	if (input.codes.length > 0) {
		heading(both((l) => m.server_pdf_evidence_codes({ phone }, at(l))));
		for (const code of input.codes) {
			line(
				both((l) =>
					m.server_pdf_evidence_code_line(
						{ version: code.version, issued: vnTime(code.createdAt), until: vnTime(code.expiresAt), status: codeStatus(code, input.generatedAt, l), attempts: code.attempts },
						at(l)
					)
				)
			);
		}
	}

	heading(both((l) => m.server_pdf_evidence_utility_signature({}, at(l))));
	const utility = input.signatures.find((s) => s.party === 'utility');
	if (!utility) line(both((l) => m.server_pdf_evidence_utility_not_signed({}, at(l))));
	else line(both((l) => m.server_pdf_evidence_countersigned_by({ name: utility.signerName, time: vnTime(utility.serverTime) }, at(l))));
	if (input.digital) {
		const digital = input.digital;
		const subject = digital.organization ? `${digital.commonName}, ${digital.organization}` : digital.commonName;
		line(both((l) => m.server_pdf_evidence_certificate({ subject }, at(l))));
		line(both((l) => m.server_pdf_evidence_fingerprint({ fingerprint: digital.fingerprint }, at(l))));
		if (digital.demo) line(both((l) => m.server_pdf_evidence_demo({}, at(l))));
		lines.push({ style: 'small', text: both((l) => m.server_pdf_evidence_signature_covers({}, at(l))) });
	}
	return lines;
}

export const fallbackNote = (): Both => both((l) => m.server_pdf_evidence_fallback({}, at(l)));
export const generatedWords = (when: Date): Both => both((l) => m.server_pdf_generated({ time: vnTime(when) }, at(l)));
export const footerWords = (input: { requestCode: string; version: number }, page: number, pages: number) =>
	m.server_pdf_footer({ code: input.requestCode, version: input.version, page, pages }, at('vi'));
export const documentTitle = (input: { requestCode: string; version: number; kind: 'contract' | 'addendum'; document?: Both | null }) =>
	input.document
		? m.server_paperwork_pdfTitle({ title: input.document.vi, code: input.requestCode, version: input.version }, at('vi'))
		: m.server_pdf_title({ code: input.requestCode, version: input.version, kind: kindWord(input.kind, 'vi') }, at('vi'));
export const signatureReason = (input: { requestCode: string; version: number; document?: Both | null }) =>
	input.document
		? m.server_paperwork_signatureReason({ title: input.document.vi.toLowerCase(), code: input.requestCode, version: input.version }, at('vi'))
		: m.server_pdf_signature_reason({ code: input.requestCode, version: input.version }, at('vi'));
export const unreadableDrawingWords = () => m.server_pdf_drawing_unreadable({}, at('vi'));
