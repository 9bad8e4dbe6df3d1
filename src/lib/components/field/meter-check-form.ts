// The meter check form's model (issue 6, seed 003): the crew's readings, seal, test result, action (with the new
// meter on a replacement), then the customer's acknowledgement (signature + the code they were texted). Every
// reading goes through the shared reading rules (checkMeterCheckReadings) as the crew types it: a refused reading blocks with its reason,
// an abnormal one must be confirmed with a second photo of the meter face (or read again). The result is
// validated with the registry's schema for the meter checked (meterCheckPayloadFor), as the server does. Pure: no store, no clock.
import { z } from 'zod';
import type { MeterView } from '$lib/domain/api';
import {
	gpsFix,
	meterCheckPayload,
	METER_CHECK_ACTIONS,
	METER_TEST_RESULTS,
	RESULTS_WITH_ERROR,
	type GpsFix,
	type MeterCheckAction,
	type MeterCheckPayload,
	type MeterTestResult
} from '$lib/domain/commands';
import { meterCheckPayloadFor, METER_CHECK_WORDS, resultsFor } from '$lib/domain/field-commands/record-meter-check';
import { abnormalReasons, checkMeterCheckReadings, METER_TYPES, type MeterCheckVerdicts, type MeterType } from '$lib/domain/readings';
import type { DrawnSignatureValue } from '../SignaturePad.svelte';
import { issuesToFields, numberText, parseDecimal, type FieldErrors } from './form-utils';

export { codeStatus } from './form-utils';

/** The drawn signature as the pad hands it over (kept out of the draft: the customer signs again after a reload). */
export type SignatureDrawing = DrawnSignatureValue;

export interface MeterCheckDraft {
	/** As typed ("12345,6"). */
	readingKwh: string;
	/** 0 or 1 photo of the meter face. */
	readingPhoto: string[];
	sealIntact: 'yes' | 'no' | '';
	sealPhoto: string[];
	result: MeterTestResult | '';
	/** Signed, as typed ("-2,5"). */
	errorPercent: string;
	action: MeterCheckAction | '';
	newSerial: string;
	newType: MeterType | '';
	newPhases: '1' | '3' | '';
	newRegisterDigits: string;
	newReadingKwh: string;
	newPhoto: string[];
	oldFinalKwh: string;
	oldFinalPhoto: string[];
	/** The second photo of the meter face that confirms an abnormal reading. */
	abnormalConfirmPhoto: string[];
	notes: string;
	location: GpsFix | null;
	signerName: string;
	code: string;
}

/** The meter as the form needs it (the request's meter, pulled with the job). */
export type CheckedMeter = Pick<MeterView, 'serial' | 'phases' | 'type' | 'registerDigits' | 'readings'>;

/** The crew's part, in screen order: the first invalid one gets the focus. */
export const CHECK_FIELDS = [
	'readingKwh',
	'readingPhoto',
	'abnormalConfirmPhoto',
	'sealIntact',
	'sealPhoto',
	'result',
	'errorPercent',
	'action',
	'replacement.oldFinalKwh',
	'replacement.oldFinalPhoto',
	'replacement.newSerial',
	'replacement.newType',
	'replacement.newPhases',
	'replacement.newRegisterDigits',
	'replacement.newReadingKwh',
	'replacement.newPhoto',
	'notes'
] as const;

/** The customer's part (the acknowledgement screen). */
export const SIGNING_FIELDS = ['signature.signerName', 'signature.strokes', 'signature', 'code'] as const;

export function isSigningField(key: string): boolean {
	return key === 'code' || key === 'signature' || key.startsWith('signature.');
}

/** Results a meter of this type can have: only an electronic meter has a clock that drifts (the registry's rule). */
export { resultsFor };

export function emptyMeterCheckDraft(): MeterCheckDraft {
	return {
		readingKwh: '',
		readingPhoto: [],
		sealIntact: '',
		sealPhoto: [],
		result: '',
		errorPercent: '',
		action: '',
		newSerial: '',
		newType: '',
		newPhases: '',
		newRegisterDigits: '',
		newReadingKwh: '',
		newPhoto: [],
		oldFinalKwh: '',
		oldFinalPhoto: [],
		abnormalConfirmPhoto: [],
		notes: '',
		location: null,
		signerName: '',
		code: ''
	};
}

/** A new form: the new meter defaults to the old one's kind (most replacements are like for like), the signer to the customer. */
export function prefilledMeterCheckDraft(meter: Pick<CheckedMeter, 'phases' | 'type' | 'registerDigits'> | null | undefined, customerName = ''): MeterCheckDraft {
	const draft = emptyMeterCheckDraft();
	draft.signerName = customerName;
	if (meter) {
		draft.newType = meter.type;
		draft.newPhases = meter.phases === 3 ? '3' : '1';
		draft.newRegisterDigits = String(meter.registerDigits);
	}
	return draft;
}

function hashes(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];
}

function text(value: unknown): string {
	if (typeof value === 'number') return numberText(value);
	return typeof value === 'string' ? value : '';
}

function oneOf<T extends string>(list: readonly T[], value: unknown): T | '' {
	return typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : '';
}

/**
 * Reads a stored draft, or a rejected command's payload put back by "Làm lại" (numbers, booleans, a nested
 * replacement, a signature object); null when nothing is usable. `base` fills what the data lacks.
 */
export function meterCheckDraftFrom(data: unknown, base: MeterCheckDraft = emptyMeterCheckDraft()): MeterCheckDraft | null {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
	const d = data as Record<string, unknown>;
	const r = (typeof d.replacement === 'object' && d.replacement !== null ? d.replacement : d) as Record<string, unknown>;
	const sealIntact = d.sealIntact === true || d.sealIntact === 'yes' ? 'yes' : d.sealIntact === false || d.sealIntact === 'no' ? 'no' : '';
	const phases = r.newPhases === 3 || r.newPhases === '3' ? '3' : r.newPhases === 1 || r.newPhases === '1' ? '1' : '';
	const location = gpsFix.safeParse(d.location);
	const signature = (typeof d.signature === 'object' && d.signature !== null ? d.signature : {}) as Record<string, unknown>;
	const signer = typeof d.signerName === 'string' ? d.signerName : typeof signature.signerName === 'string' ? signature.signerName : base.signerName;
	return {
		readingKwh: text(d.readingKwh),
		readingPhoto: hashes(d.readingPhoto).slice(0, 1),
		sealIntact,
		sealPhoto: hashes(d.sealPhoto).slice(0, 1),
		result: oneOf(METER_TEST_RESULTS, d.result),
		errorPercent: text(d.errorPercent),
		action: oneOf(METER_CHECK_ACTIONS, d.action),
		newSerial: text(r.newSerial),
		newType: oneOf(METER_TYPES, r.newType) || base.newType,
		newPhases: phases || base.newPhases,
		newRegisterDigits: text(r.newRegisterDigits) || base.newRegisterDigits,
		newReadingKwh: text(r.newReadingKwh),
		newPhoto: hashes(r.newPhoto).slice(0, 1),
		oldFinalKwh: text(r.oldFinalKwh),
		oldFinalPhoto: hashes(r.oldFinalPhoto).slice(0, 1),
		abnormalConfirmPhoto: hashes(d.abnormalConfirmPhoto).slice(0, 1),
		notes: text(d.notes),
		location: location.success ? location.data : null,
		signerName: signer,
		code: text(d.code)
	};
}

/** The same content, whatever the GPS says (opening the form alone does not make a draft). */
export function sameMeterCheckContent(a: MeterCheckDraft, b: MeterCheckDraft): boolean {
	return JSON.stringify({ ...a, location: null }) === JSON.stringify({ ...b, location: null });
}

/** A signed decimal typed by the crew ("-2,5", "+1.2"); empty is undefined, anything else NaN. */
export function parseSignedDecimal(input: string): number | undefined {
	const trimmed = input.trim().replace(/\s/g, '').replace('−', '-');
	if (trimmed === '') return undefined;
	const sign = trimmed.startsWith('-') ? -1 : 1;
	const magnitude = parseDecimal(trimmed.replace(/^[+-]/, ''));
	if (magnitude === undefined) return Number.NaN;
	return sign * magnitude;
}

/** What the reading rules say about each reading the crew typed (undefined: nothing typed yet, or not a number). */
export type ReadingVerdicts = MeterCheckVerdicts;

function typedKwh(typed: string): number | undefined {
	const kwh = parseDecimal(typed);
	return kwh === undefined || Number.isNaN(kwh) ? undefined : kwh;
}

/** The register of the new meter as typed, when it is a register the schema takes. */
function newDigits(draft: Pick<MeterCheckDraft, 'newRegisterDigits'>): number | null {
	const n = parseDecimal(draft.newRegisterDigits);
	return n !== undefined && Number.isInteger(n) && n >= 4 && n <= 9 ? n : null;
}

/**
 * Runs the shared reading checks as the server will: the current reading and the old meter's final reading
 * against the meter's history, the new meter's first reading against its own register only (replaced: true).
 */
export function readingVerdicts(draft: MeterCheckDraft, meter: CheckedMeter, at: Date): ReadingVerdicts {
	const replaced = draft.action === 'replaced';
	const digits = replaced ? newDigits(draft) : null;
	return checkMeterCheckReadings({
		meter,
		history: meter.readings,
		at,
		readingKwh: typedKwh(draft.readingKwh),
		oldFinalKwh: replaced ? typedKwh(draft.oldFinalKwh) : undefined,
		newMeter: digits !== null ? { registerDigits: digits, kwh: typedKwh(draft.newReadingKwh) } : undefined
	});
}

/** True when a reading the crew typed is flagged "bất thường" (the second photo is then required). */
export function isAbnormal(verdicts: ReadingVerdicts): boolean {
	return abnormalReasons(verdicts).length > 0;
}

/** The payload the inputs describe, before validation (missing values stay undefined so zod names them). */
export function meterCheckCandidate(
	draft: MeterCheckDraft,
	meter: Pick<CheckedMeter, 'serial'>,
	signature: SignatureDrawing | null,
	abnormal: boolean
): Record<string, unknown> {
	const replaced = draft.action === 'replaced';
	const withError = draft.result !== '' && RESULTS_WITH_ERROR.includes(draft.result);
	const errorPercent = parseSignedDecimal(draft.errorPercent);
	const digits = parseDecimal(draft.newRegisterDigits);
	return {
		meterSerial: meter.serial,
		readingKwh: parseDecimal(draft.readingKwh),
		readingPhoto: draft.readingPhoto[0],
		sealIntact: draft.sealIntact === '' ? undefined : draft.sealIntact === 'yes',
		sealPhoto: draft.sealIntact === 'no' ? (draft.sealPhoto[0] ?? null) : null,
		result: draft.result === '' ? undefined : draft.result,
		errorPercent: withError ? (errorPercent ?? null) : null,
		action: draft.action === '' ? undefined : draft.action,
		replacement: replaced
			? {
					newSerial: draft.newSerial.trim() === '' ? undefined : draft.newSerial,
					newType: draft.newType === '' ? undefined : draft.newType,
					newPhases: draft.newPhases === '' ? undefined : Number(draft.newPhases),
					newRegisterDigits: digits,
					newReadingKwh: parseDecimal(draft.newReadingKwh),
					newPhoto: draft.newPhoto[0],
					oldFinalKwh: parseDecimal(draft.oldFinalKwh),
					oldFinalPhoto: draft.oldFinalPhoto[0]
				}
			: null,
		// only an abnormal reading carries the confirmation: a stale photo of a reading since corrected stays home
		abnormalConfirmPhoto: abnormal ? (draft.abnormalConfirmPhoto[0] ?? null) : null,
		notes: draft.notes,
		location: draft.location,
		code: draft.code,
		signature: { imagePng: signature?.imagePng, strokes: signature?.strokes ?? [], signerName: draft.signerName }
	};
}

export interface MeterCheckContext {
	meter: CheckedMeter;
	/** When the readings are taken (the device clock). */
	at: Date;
	signature: SignatureDrawing | null;
	/** 'check': the crew's part only (before the customer's screen); 'sign': everything. */
	stage: 'check' | 'sign';
}

export type MeterCheckValidation = { ok: true; payload: MeterCheckPayload; verdicts: ReadingVerdicts } | { ok: false; fields: FieldErrors; verdicts: ReadingVerdicts };

const READING_KEYS: Array<[keyof ReadingVerdicts, string]> = [
	['reading', 'readingKwh'],
	['oldFinal', 'replacement.oldFinalKwh'],
	['newReading', 'replacement.newReadingKwh']
];

export function validateMeterCheck(draft: MeterCheckDraft, ctx: MeterCheckContext): MeterCheckValidation {
	const verdicts = readingVerdicts(draft, ctx.meter, ctx.at);
	const abnormal = isAbnormal(verdicts);
	const candidate = meterCheckCandidate(draft, ctx.meter, ctx.signature, abnormal);
	const parsed = meterCheckPayloadFor(ctx.meter.type).safeParse(candidate);
	const fields: FieldErrors = parsed.success ? {} : issuesToFields(parsed.error.issues);

	// messages the schema words for developers, said for the crew
	if (candidate.readingPhoto === undefined) fields.readingPhoto = 'Cần 1 ảnh mặt công tơ';
	const replacement = candidate.replacement as Record<string, unknown> | null;
	if (replacement) {
		if (replacement.newPhoto === undefined) fields['replacement.newPhoto'] = 'Cần 1 ảnh mặt công tơ mới';
		if (replacement.oldFinalPhoto === undefined) fields['replacement.oldFinalPhoto'] = 'Cần 1 ảnh mặt công tơ cũ khi chốt chỉ số';
		if (replacement.newRegisterDigits === undefined) fields['replacement.newRegisterDigits'] = 'Nhập số chữ số mặt số';
	}
	if (draft.result === 'clock_drift' && ctx.meter.type !== 'electronic') fields.result = METER_CHECK_WORDS.clockDriftElectronicOnly;
	const error = candidate.errorPercent;
	if (typeof error === 'number' && Number.isNaN(error)) fields.errorPercent = 'Sai số là một số, ví dụ -2,5';
	else if (typeof error === 'number' && draft.result === 'fast' && error <= 0) fields.errorPercent = METER_CHECK_WORDS.fastNeedsPositive;
	else if (typeof error === 'number' && draft.result === 'slow' && error >= 0) fields.errorPercent = METER_CHECK_WORDS.slowNeedsNegative;

	// the shared reading checks: a refused reading blocks with its reason, next to the field
	for (const [which, key] of READING_KEYS) {
		const verdict = verdicts[which];
		if (verdict && !verdict.ok) fields[key] = verdict.reason.vi;
	}
	if (abnormal) {
		const confirm = draft.abnormalConfirmPhoto[0];
		if (!confirm) fields.abnormalConfirmPhoto = 'Chỉ số bất thường: chụp thêm 1 ảnh mặt công tơ để xác nhận, hoặc đọc lại chỉ số';
		else if (confirm === draft.readingPhoto[0]) fields.abnormalConfirmPhoto = METER_CHECK_WORDS.confirmPhotoAgain;
	}

	// the customer's part: no signature is one message, not two
	if (!ctx.signature) {
		delete fields['signature.imagePng'];
		fields['signature.strokes'] = 'Chưa có chữ ký';
	}
	const relevant = Object.fromEntries(Object.entries(fields).filter(([key]) => ctx.stage === 'sign' || !isSigningField(key)));
	if (parsed.success && Object.keys(fields).length === 0) return { ok: true, payload: parsed.data, verdicts };
	return { ok: false, fields: relevant, verdicts };
}

/** The crew's part of the payload, as the shared schema reads it (the customer's part comes on the next screen). */
const crewPart = z.object(meterCheckPayload.shape).omit({ code: true, signature: true });

/** What the customer reads before signing: the check as it will be recorded (no signer, no time yet). */
export type MeterCheckPreview = Omit<MeterCheckPayload, 'code' | 'signature'> & { abnormal: boolean; abnormalReason: string | null };

/** The preview of a draft whose crew part is complete; null while something the preview needs is missing. */
export function meterCheckPreview(draft: MeterCheckDraft, meter: CheckedMeter, at: Date): MeterCheckPreview | null {
	const verdicts = readingVerdicts(draft, meter, at);
	const abnormal = isAbnormal(verdicts);
	const parsed = crewPart.safeParse(meterCheckCandidate(draft, meter, null, abnormal));
	if (!parsed.success) return null;
	return { ...parsed.data, abnormal, abnormalReason: abnormalReasons(verdicts)[0]?.vi ?? null };
}
