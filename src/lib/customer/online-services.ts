// The services a customer files online on their own portal (seed 000's list), with the fields each needs and the
// documents the catalog asks for. Pure: the filing form and the server check a filing with the same rules and words.
import { m } from '../paraglide/messages.js';
import type { Locale } from '../paraglide/runtime.js';

type Words = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export type DocumentKind = 'id_card' | 'ownership' | 'residence' | 'power_needs' | 'business' | 'site_photo';

export const DOCUMENT_LABELS: Record<DocumentKind, Words> = {
	id_card: m.portal_acc_doc_id_card,
	ownership: m.portal_acc_doc_ownership,
	residence: m.portal_acc_doc_residence,
	power_needs: m.portal_acc_doc_power_needs,
	business: m.portal_acc_doc_business,
	site_photo: m.portal_acc_doc_site_photo
};

export type FieldSpec =
	| { key: string; kind: 'text' | 'longtext'; label: Words; required: boolean }
	| { key: string; kind: 'number'; label: Words; unit: Words | null; min: number; max: number; required: boolean }
	| { key: string; kind: 'choice'; label: Words; options: ReadonlyArray<{ value: string; label: Words }>; required: boolean }
	| { key: string; kind: 'phone'; label: Words; required: boolean };

export interface OnlineService {
	key: string;
	title: Words;
	/** The catalog services this filing may be (the customer picks one when there are several); the first is the usual. */
	services: readonly number[];
	/** Whether the filing is about a meter the customer already has (a service during the contract). */
	needsMeter: boolean;
	fields: readonly FieldSpec[];
	/** The documents the catalog asks for; at least one file of each. */
	documents: readonly DocumentKind[];
	/** Documents the customer may add. */
	optionalDocuments: readonly DocumentKind[];
}

const kw: Words = m.portal_acc_unit_kw;
const phases = { key: 'phases', kind: 'choice', label: m.portal_acc_field_phases, required: true, options: [
	{ value: '1', label: m.portal_acc_option_onePhase },
	{ value: '3', label: m.portal_acc_option_threePhase }
] } as const satisfies FieldSpec;
const requestedKw = { key: 'requestedKw', kind: 'number', label: m.portal_acc_field_requestedKw, unit: kw, min: 0.5, max: 100_000, required: true } as const satisfies FieldSpec;
const currentKw = { key: 'currentKw', kind: 'number', label: m.portal_acc_field_currentKw, unit: kw, min: 0.5, max: 100_000, required: true } as const satisfies FieldSpec;

export const ONLINE_SERVICES: readonly OnlineService[] = [
	{ key: 'new_supply_lv', title: m.portal_acc_service_new_supply_lv, services: [1, 2, 10, 11, 13, 16], needsMeter: false, fields: [phases, requestedKw], documents: ['id_card', 'ownership'], optionalDocuments: ['power_needs'] },
	{ key: 'new_supply_mv', title: m.portal_acc_service_new_supply_mv, services: [19, 20, 21], needsMeter: false, fields: [requestedKw], documents: ['id_card', 'ownership', 'power_needs'], optionalDocuments: ['business'] },
	{ key: 'capacity_change', title: m.portal_acc_service_capacity_change, services: [28, 29, 31, 32], needsMeter: true, fields: [currentKw, requestedKw], documents: ['id_card', 'power_needs'], optionalDocuments: ['site_photo'] },
	{ key: 'meter_position', title: m.portal_acc_service_meter_position, services: [34], needsMeter: true, fields: [{ key: 'newPosition', kind: 'text', label: m.portal_acc_field_newPosition, required: true }], documents: ['id_card', 'ownership'], optionalDocuments: ['site_photo'] },
	{ key: 'purpose_of_use', title: m.portal_acc_service_purpose_of_use, services: [35, 36, 37], needsMeter: true, fields: [{ key: 'newPurpose', kind: 'longtext', label: m.portal_acc_field_newPurpose, required: true }], documents: ['id_card'], optionalDocuments: ['business'] },
	{ key: 'price_norm', title: m.portal_acc_service_price_norm, services: [38], needsMeter: true, fields: [{ key: 'householdSize', kind: 'number', label: m.portal_acc_field_householdSize, unit: null, min: 1, max: 100, required: true }], documents: ['id_card', 'residence'], optionalDocuments: [] },
	{ key: 'meter_phase', title: m.portal_acc_service_meter_phase, services: [28, 29], needsMeter: true, fields: [{ key: 'direction', kind: 'choice', label: m.portal_acc_field_direction, required: true, options: [
		{ value: '1to3', label: m.portal_acc_option_oneToThree },
		{ value: '3to1', label: m.portal_acc_option_threeToOne }
	] }, requestedKw], documents: ['id_card', 'power_needs'], optionalDocuments: [] },
	{ key: 'contract_holder', title: m.portal_acc_service_contract_holder, services: [39, 40], needsMeter: true, fields: [
		{ key: 'newHolderName', kind: 'text', label: m.portal_acc_field_newHolderName, required: true },
		{ key: 'newHolderPhone', kind: 'phone', label: m.portal_acc_field_newHolderPhone, required: true }
	], documents: ['id_card', 'ownership'], optionalDocuments: [] },
	{ key: 'registration_details', title: m.portal_acc_service_registration_details, services: [48, 49], needsMeter: true, fields: [{ key: 'changes', kind: 'longtext', label: m.portal_acc_field_changes, required: true }], documents: ['id_card'], optionalDocuments: [] },
	{ key: 'payment_method', title: m.portal_acc_service_payment_method, services: [50], needsMeter: true, fields: [{ key: 'method', kind: 'choice', label: m.portal_acc_field_method, required: true, options: [
		{ value: 'cash', label: m.portal_acc_option_cash },
		{ value: 'bank_transfer', label: m.portal_acc_option_bankTransfer },
		{ value: 'auto_debit', label: m.portal_acc_option_autoDebit },
		{ value: 'e_wallet', label: m.portal_acc_option_eWallet }
	] }], documents: [], optionalDocuments: ['id_card'] },
	{ key: 'renewal', title: m.portal_acc_service_renewal, services: [54], needsMeter: true, fields: [{ key: 'years', kind: 'number', label: m.portal_acc_field_years, unit: null, min: 1, max: 10, required: true }], documents: ['id_card'], optionalDocuments: [] },
	{ key: 'termination', title: m.portal_acc_service_termination, services: [55], needsMeter: true, fields: [{ key: 'reason', kind: 'longtext', label: m.portal_acc_field_reason, required: true }], documents: ['id_card'], optionalDocuments: [] },
	{ key: 'wiring_after_meter', title: m.portal_acc_service_wiring_after_meter, services: [66], needsMeter: false, fields: [{ key: 'cableMetres', kind: 'number', label: m.portal_acc_field_cableMetres, unit: m.portal_acc_unit_metres, min: 1, max: 500, required: true }], documents: [], optionalDocuments: ['site_photo'] }
];

export function onlineService(key: string): OnlineService | undefined {
	return ONLINE_SERVICES.find((s) => s.key === key);
}

/** What a customer sends when filing (the same shape the draft keeps). */
export interface Filing {
	kind: string;
	serviceNumber: number;
	address: string;
	meterSerial: string | null;
	details: Record<string, string>;
	documents: ReadonlyArray<{ kind: string; sha256: string }>;
	note: string;
}

const VN_PHONE = /^(0|\+84)(3|5|7|8|9)\d{8}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_DOCUMENTS = 12;

/**
 * Every problem of a filing, field by field ("address", "details.requestedKw", "documents.id_card"), in the reader's
 * language. `meters`: the serials the customer may name. Empty: the filing may be sent.
 */
export function filingProblems(filing: Filing, meters: readonly string[], locale: Locale): Record<string, string> {
	const say = (words: Words) => words({}, { locale });
	const problems: Record<string, string> = {};
	const service = onlineService(filing.kind);
	if (!service) return { kind: say(m.portal_acc_error_chooseService) };
	if (!service.services.includes(filing.serviceNumber)) problems.serviceNumber = say(m.portal_acc_error_chooseService);
	const address = filing.address.trim();
	if (address.length < 5 || address.length > 300) problems.address = say(m.portal_acc_error_address);
	if (service.needsMeter) {
		if (!filing.meterSerial) problems.meterSerial = say(m.portal_acc_error_meter);
		else if (!meters.includes(filing.meterSerial)) problems.meterSerial = say(m.portal_acc_error_meterNotYours);
	}
	for (const field of service.fields) {
		const value = (filing.details[field.key] ?? '').trim();
		const path = `details.${field.key}`;
		if (!value) {
			if (field.required) problems[path] = say(m.portal_acc_error_required);
			continue;
		}
		if (field.kind === 'text' && (value.length < 2 || value.length > 200)) problems[path] = say(m.portal_acc_error_textLength);
		if (field.kind === 'longtext' && (value.length < 5 || value.length > 1000)) problems[path] = say(m.portal_acc_error_longTextLength);
		if (field.kind === 'phone' && !VN_PHONE.test(value.replace(/[\s.-]/g, ''))) problems[path] = say(m.portal_acc_error_phone);
		if (field.kind === 'choice' && !field.options.some((o) => o.value === value)) problems[path] = say(m.portal_acc_error_required);
		if (field.kind === 'number') {
			const n = Number(value.replace(',', '.'));
			if (!Number.isFinite(n) || n < field.min || n > field.max) {
				problems[path] = m.portal_acc_error_numberRange({ min: String(field.min), max: String(field.max) }, { locale });
			}
		}
	}
	if (filing.note.length > 1000) problems.note = say(m.portal_acc_error_longTextLength);
	if (filing.documents.length > MAX_DOCUMENTS) problems.documents = m.portal_acc_error_tooManyDocuments({ max: String(MAX_DOCUMENTS) }, { locale });
	const allowed = new Set<string>([...service.documents, ...service.optionalDocuments]);
	for (const document of filing.documents) {
		if (!allowed.has(document.kind) || !SHA256.test(document.sha256)) problems.documents = say(m.portal_acc_error_documentKind);
	}
	for (const kind of service.documents) {
		if (!filing.documents.some((d) => d.kind === kind)) problems[`documents.${kind}`] = say(m.portal_acc_error_documentMissing);
	}
	return problems;
}

/** The filing's fields as lines of words ("Công suất đề nghị: 10 kW"), for the request's history. */
export function filingLines(filing: Filing, locale: Locale): string[] {
	const service = onlineService(filing.kind);
	if (!service) return [];
	const lines: string[] = [];
	for (const field of service.fields) {
		const value = (filing.details[field.key] ?? '').trim();
		if (!value) continue;
		let shown = value;
		if (field.kind === 'choice') shown = field.options.find((o) => o.value === value)?.label({}, { locale }) ?? value;
		if (field.kind === 'number' && field.unit) shown = `${value} ${field.unit({}, { locale })}`;
		lines.push(`${field.label({}, { locale })}: ${shown}`);
	}
	if (filing.meterSerial) lines.push(`${m.common_meter_serial({}, { locale })}: ${filing.meterSerial}`);
	const kinds = [...new Set(filing.documents.map((d) => d.kind))].filter((k): k is DocumentKind => k in DOCUMENT_LABELS);
	if (kinds.length > 0) lines.push(`${m.portal_acc_documents({}, { locale })}: ${kinds.map((k) => DOCUMENT_LABELS[k]({}, { locale })).join(', ')}`);
	if (filing.note.trim()) lines.push(`${m.common_notes({}, { locale })}: ${filing.note.trim()}`);
	return lines;
}
