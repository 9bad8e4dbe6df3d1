// One check for every piece of text a client sends (body fields and their keys, path and query parameters):
// PostgreSQL cannot store a NUL character in text or jsonb, and a lone UTF-16 surrogate (what cutting a string
// through an emoji leaves) is not valid Unicode. Both are refused before anything reaches the database, with the
// field named in words. Shared by the server (every route, every pushed command) and usable by the tablet.
import { m } from '../paraglide/messages.js';
import type { Text as Label } from '../text';

type Lang = 'vi' | 'en';
/** A catalog message naming a field (no inputs). */
type FieldName = (inputs?: Record<string, never>, options?: { locale?: Lang }) => string;

const INVALID_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any body or payload the API defines (a signature's stroke point is 5 levels down in a command). */
export const MAX_JSON_DEPTH = 32;

export type FieldPath = Array<string | number>;

export function isStorableText(text: string): boolean {
	return !INVALID_TEXT.test(text);
}

export type JsonProblem = { kind: 'invalid_text'; path: FieldPath } | { kind: 'too_deep'; path: FieldPath };

/**
 * The first place in a parsed JSON value that cannot be stored: a key or a string holding NUL or a lone surrogate,
 * or nesting deeper than MAX_JSON_DEPTH (which would overflow the stack when stored as jsonb). Null: all clean.
 * Walks with its own stack, so hostile nesting cannot overflow it.
 */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
	const stack: Array<{ value: unknown; path: FieldPath }> = [{ value, path: [] }];
	while (stack.length > 0) {
		const { value: current, path } = stack.pop()!;
		if (typeof current === 'string') {
			if (!isStorableText(current)) return { kind: 'invalid_text', path };
			continue;
		}
		if (typeof current !== 'object' || current === null) continue;
		if (path.length >= maxDepth) return { kind: 'too_deep', path };
		if (Array.isArray(current)) {
			for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
			continue;
		}
		const entries = Object.entries(current);
		for (let i = entries.length - 1; i >= 0; i--) {
			const [key, child] = entries[i]!;
			if (!isStorableText(key)) return { kind: 'invalid_text', path: [...path, key] };
			stack.push({ value: child, path: [...path, key] });
		}
	}
	return null;
}

/**
 * What the crew, a supervisor or a customer calls each field, by its path without list positions
 * ("lines.code" for lines[3].code), else by its last name. Keys are the field names of the shared schemas; the words
 * are the forms' own labels in the catalog (`common_field_*` for the fields no form shows).
 */
const FIELD_LABELS: Record<string, FieldName> = {
	// login, intake, dispatch, payments, portal, meters
	username: m.crew_login_username,
	password: m.crew_login_password,
	serviceNumber: m.common_service,
	customer: m.common_customer,
	'customer.name': m.common_field_customerName,
	'customer.phone': m.common_field_phone,
	'customer.email': m.common_email,
	address: m.common_address,
	documents: m.common_field_documents,
	crewId: m.common_crewShort,
	scheduledAt: m.crew_detail_scheduledAt,
	amount: m.common_field_amount,
	receiptNo: m.common_field_receiptNo,
	requestCode: m.crew_detail_requestCode,
	transactionId: m.common_field_transactionId,
	provider: m.common_field_provider,
	comment: m.common_field_correctionComment,
	kwh: m.crew_check_readingSection,
	takenAt: m.common_field_takenAt,
	photoSha256: m.crew_check_photos,
	readingDate: m.common_field_readingDate,
	contractSha256: m.common_field_contractRead,
	lat: m.common_location,
	lng: m.common_location,
	accuracyM: m.common_field_accuracy,
	at: m.crew_check_recordedAt,
	// push envelope
	deviceId: m.common_field_deviceId,
	commands: m.common_field_commands,
	commandId: m.common_field_commandId,
	seq: m.common_field_seq,
	name: m.common_field_commandName,
	requestId: m.common_request,
	jobId: m.crew_detail_job,
	baseVersion: m.common_field_baseVersion,
	deviceTime: m.common_field_deviceTime,
	payload: m.common_field_payload,
	// field command payloads
	customerPresent: m.crew_survey_customerPresent,
	siteCondition: m.crew_survey_siteCondition,
	distanceM: m.common_field_distance,
	phases: m.crew_survey_phases,
	expectedLoadKw: m.common_field_expectedLoad,
	route: m.crew_survey_route,
	obstacles: m.common_field_obstacles,
	notes: m.common_notes,
	note: m.common_notes,
	location: m.common_location,
	sitePhotos: m.common_survey_sitePhotos,
	meterPhotos: m.common_survey_meterPhotos,
	report: m.crew_command_recordFix,
	photos: m.crew_check_photos,
	lines: m.common_field_lines,
	'lines.code': m.common_field_materialCode,
	'materials.code': m.common_field_materialCode,
	quantity: m.common_estimate_quantity,
	vatPercent: m.common_field_vat,
	expectedTotal: m.common_field_expectedTotal,
	materials: m.common_field_materialsUsed,
	meterSerial: m.common_install_meterSerial,
	meterReadingKwh: m.crew_check_readingSection,
	meterPhoto: m.common_survey_meterPhotos,
	sealNumbers: m.common_field_sealNumbers,
	beforePhotos: m.crew_install_beforePhotos,
	afterPhotos: m.crew_install_afterPhotos,
	abnormalConfirmPhoto: m.common_field_abnormalConfirmPhoto,
	contractVersion: m.common_field_contractVersion,
	code: m.common_field_code,
	signature: m.common_field_signature,
	'signature.imagePng': m.common_field_signatureImage,
	'signature.strokes': m.common_field_signatureStrokes,
	'signature.signerName': m.crew_sign_signerName,
	reason: m.common_field_reason,
	readingKwh: m.crew_check_readingSection,
	readingPhoto: m.common_field_readingPhoto,
	sealIntact: m.common_check_seal,
	sealPhoto: m.crew_check_sealPhoto,
	result: m.common_check_result,
	errorPercent: m.common_field_errorPercent,
	action: m.crew_check_action,
	replacement: m.common_field_replacement,
	'replacement.newSerial': m.crew_check_newSerial,
	'replacement.newType': m.crew_check_newType,
	'replacement.newPhases': m.crew_check_newPhases,
	'replacement.newRegisterDigits': m.crew_check_newDigits,
	'replacement.newReadingKwh': m.common_field_newReading,
	'replacement.newPhoto': m.common_field_newMeterPhoto,
	'replacement.oldFinalKwh': m.crew_check_oldFinalShort,
	'replacement.oldFinalPhoto': m.common_field_oldFinalPhoto,
	// path parameters
	id: m.common_field_id,
	token: m.common_field_token,
	serial: m.common_install_meterSerial,
	sha256: m.common_field_photoId,
	// query parameters
	q: m.common_field_search,
	state: m.common_state,
	service: m.common_service,
	overdue: m.common_deadline_overdue,
	page: m.common_field_page,
	pageSize: m.common_field_pageSize,
	cursor: m.common_field_cursor,
	access_token: m.common_field_session,
	pollMs: m.common_field_pollInterval
};
/**
 * The catalog's label as it reads inside a sentence ("Trường “ghi chú” …"): the first letter lowered, unless the
 * label opens with an abbreviation ("VAT").
 */
function inSentence(label: string, lang: Lang): string {
	const [first = '', second = ''] = Array.from(label);
	if (second !== '' && second === second.toLocaleUpperCase(lang) && second !== second.toLocaleLowerCase(lang)) return label;
	return first.toLocaleLowerCase(lang) + label.slice(first.length);
}

function named(message: FieldName, lang: Lang): string {
	return inSentence(message({}, { locale: lang }), lang);
}

/**
 * A field named in words, with its position in a list when it is in one ("mã vật tư (mục 4)"). A key nobody
 * defined is never echoed back: it is hostile input, possibly the very text being refused.
 */
export function fieldLabel(path: FieldPath): Label {
	const names = path.filter((p): p is string => typeof p === 'string');
	const positions = path.filter((p): p is number => typeof p === 'number');
	const message = FIELD_LABELS[names.join('.')] ?? (names.length > 0 ? FIELD_LABELS[names[names.length - 1]!] : undefined);
	if (!message) return { vi: named(m.common_field_unknown, 'vi'), en: named(m.common_field_unknown, 'en') };
	const last = positions[positions.length - 1];
	const inLang = (lang: Lang): string => {
		const field = named(message, lang);
		return last === undefined ? field : m.common_field_inList({ field, position: String(last + 1) }, { locale: lang });
	};
	return { vi: inLang('vi'), en: inLang('en') };
}

/** The refusal of a field's text, in both languages. */
export function invalidTextReason(path: FieldPath): Label {
	const field = fieldLabel(path);
	return {
		vi: m.common_field_invalidText({ field: field.vi }, { locale: 'vi' }),
		en: m.common_field_invalidText({ field: field.en }, { locale: 'en' })
	};
}

export function tooDeepReason(path: FieldPath): Label {
	const field = fieldLabel(path);
	return {
		vi: m.common_field_tooDeep({ field: field.vi }, { locale: 'vi' }),
		en: m.common_field_tooDeep({ field: field.en }, { locale: 'en' })
	};
}

export function jsonProblemReason(problem: JsonProblem): Label {
	return problem.kind === 'invalid_text' ? invalidTextReason(problem.path) : tooDeepReason(problem.path);
}

/**
 * The key a refusal's `fields` map uses, as zod issues do ("lines.3.code"; "_" for the whole value). A hostile key
 * is cut short (by code points: never through an emoji), and one that is itself unstorable is replaced, since the refusal is stored too.
 */
export function fieldKey(path: FieldPath): string {
	if (path.length === 0) return '_';
	return path.map((p) => (typeof p === 'number' ? String(p) : isStorableText(p) ? Array.from(p).slice(0, 64).join('') : '?')).join('.');
}
