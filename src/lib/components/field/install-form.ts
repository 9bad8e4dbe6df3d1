// The installation form's model (step 8): materials prefilled from the accepted estimate and compared with it
// (materialDifferences, as the server records them), meter handover evidence, seals and photos, validated with
// the shared schema into an InstallationPayload with per-field Vietnamese messages.
import type { EstimateRecord } from '$lib/domain/api';
import { gpsFix, installationPayload, type GpsFix, type InstallationPayload } from '$lib/domain/commands';
import { CONFIRM_PHOTO_AGAIN } from '$lib/domain/field-commands/record-installation';
import { materialDifferences, type EstimateLineInput } from '$lib/domain/estimate';
import type { MaterialLookup } from './estimate-form';
import { issuesToFields, numberText, parseDecimal, type FieldErrors } from './form-utils';

export const MAX_SEALS = 6;

export interface InstallDraftLine {
	code: string;
	/** As typed ("12,5"). */
	quantity: string;
}

export interface InstallDraft {
	materials: InstallDraftLine[];
	meterSerial: string;
	meterReadingKwh: string;
	/** 0 or 1 photo of the meter face. */
	meterPhoto: string[];
	sealNumbers: string[];
	beforePhotos: string[];
	afterPhotos: string[];
	notes: string;
	location: GpsFix | null;
	/** 0 or 1 second photo of the meter face, when the server flagged the handover reading abnormal. */
	abnormalConfirmPhoto: string[];
}

/** Field order on the screen: the first invalid one gets the focus. */
export const INSTALL_FIELDS = ['materials', 'meterSerial', 'meterReadingKwh', 'meterPhoto', 'abnormalConfirmPhoto', 'sealNumbers', 'beforePhotos', 'afterPhotos', 'notes'] as const;

export function emptyInstallDraft(): InstallDraft {
	return { materials: [], meterSerial: '', meterReadingKwh: '', meterPhoto: [], sealNumbers: [''], beforePhotos: [], afterPhotos: [], notes: '', location: null, abnormalConfirmPhoto: [] };
}

/** A new form: the materials of the accepted estimate, as estimated. */
export function prefilledInstallDraft(estimate: Pick<EstimateRecord, 'lines'> | null): InstallDraft {
	return { ...emptyInstallDraft(), materials: (estimate?.lines ?? []).map((l) => ({ code: l.code, quantity: numberText(l.quantity) })) };
}

function hashes(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];
}

function text(value: unknown): string {
	if (typeof value === 'number') return numberText(value);
	return typeof value === 'string' ? value : '';
}

/** Reads a stored draft or a rejected command's payload put back by "Làm lại"; null when nothing is usable. */
export function installDraftFrom(data: unknown): InstallDraft | null {
	if (typeof data !== 'object' || data === null) return null;
	const d = data as Record<string, unknown>;
	const materials: InstallDraftLine[] = [];
	for (const raw of Array.isArray(d.materials) ? d.materials : []) {
		if (typeof raw !== 'object' || raw === null) continue;
		const { code, quantity } = raw as Record<string, unknown>;
		if (typeof code !== 'string' || materials.some((l) => l.code === code)) continue;
		materials.push({ code, quantity: text(quantity) });
	}
	const seals = Array.isArray(d.sealNumbers) ? d.sealNumbers.filter((s): s is string => typeof s === 'string').slice(0, MAX_SEALS) : [];
	const location = gpsFix.safeParse(d.location);
	return {
		materials,
		meterSerial: text(d.meterSerial),
		meterReadingKwh: text(d.meterReadingKwh),
		meterPhoto: hashes(d.meterPhoto).slice(0, 1),
		sealNumbers: seals.length > 0 ? seals : [''],
		beforePhotos: hashes(d.beforePhotos),
		afterPhotos: hashes(d.afterPhotos),
		notes: text(d.notes),
		location: location.success ? location.data : null,
		abnormalConfirmPhoto: hashes(d.abnormalConfirmPhoto).slice(0, 1)
	};
}

/** The same content, whatever the GPS says (opening the form alone does not make a draft). */
export function sameInstallContent(a: InstallDraft, b: InstallDraft): boolean {
	return JSON.stringify({ ...a, location: null }) === JSON.stringify({ ...b, location: null });
}

function validQuantity(text: string): number | null {
	const q = parseDecimal(text);
	return q !== undefined && Number.isFinite(q) && q > 0 ? q : null;
}

export type LineComparison =
	| { kind: 'same'; estimated: number }
	| { kind: 'differs'; estimated: number; installed: number; delta: number }
	| { kind: 'extra' }
	/** The quantity is not a number yet: nothing to compare. */
	| { kind: 'unknown'; estimated: number | null };

/** Per draft line, how it compares with the estimate; and the estimated materials left out entirely. */
export function compareWithEstimate<L extends EstimateLineInput>(estimate: readonly L[], draft: Pick<InstallDraft, 'materials'>) {
	const installed = draft.materials
		.map((l) => ({ code: l.code, quantity: validQuantity(l.quantity) }))
		.filter((l): l is EstimateLineInput => l.quantity !== null);
	const differences = materialDifferences(estimate, installed);
	const estimatedOf = (code: string) => estimate.find((l) => l.code === code)?.quantity ?? null;
	const lines: LineComparison[] = draft.materials.map((line) => {
		const estimated = estimatedOf(line.code);
		const quantity = validQuantity(line.quantity);
		if (quantity === null) return { kind: 'unknown', estimated };
		if (estimated === null) return { kind: 'extra' };
		const diff = differences.find((d) => d.code === line.code);
		return diff ? { kind: 'differs', estimated, installed: quantity, delta: Math.round((quantity - estimated) * 100) / 100 } : { kind: 'same', estimated };
	});
	const unused = estimate.filter((l) => !draft.materials.some((m) => m.code === l.code));
	return { lines, unused, differences };
}

/** The payload the inputs describe, before validation (missing numbers stay undefined so zod names them). */
export function installCandidate(draft: InstallDraft): Record<string, unknown> {
	return {
		materials: draft.materials.map((l) => ({ code: l.code, quantity: parseDecimal(l.quantity) })),
		meterSerial: draft.meterSerial.trim() === '' ? undefined : draft.meterSerial,
		meterReadingKwh: parseDecimal(draft.meterReadingKwh),
		meterPhoto: draft.meterPhoto[0],
		sealNumbers: draft.sealNumbers.map((s) => s.trim()).filter((s) => s !== ''),
		beforePhotos: draft.beforePhotos,
		afterPhotos: draft.afterPhotos,
		notes: draft.notes,
		abnormalConfirmPhoto: draft.abnormalConfirmPhoto[0] ?? null
	};
}

export type InstallValidation = { ok: true; payload: InstallationPayload } | { ok: false; fields: FieldErrors };

export function validateInstall(draft: InstallDraft, lookup: MaterialLookup): InstallValidation {
	const candidate = installCandidate(draft);
	const parsed = installationPayload.safeParse(candidate);
	const fields: FieldErrors = parsed.success ? {} : issuesToFields(parsed.error.issues);
	// messages the schema words for developers, said for the crew
	if (candidate.meterPhoto === undefined) fields.meterPhoto = 'Cần 1 ảnh mặt công tơ';
	if (candidate.abnormalConfirmPhoto !== null && candidate.abnormalConfirmPhoto === candidate.meterPhoto) {
		fields.abnormalConfirmPhoto = CONFIRM_PHOTO_AGAIN;
	}
	const seals = candidate.sealNumbers as string[];
	if (seals.some((s) => s.length > 32)) fields.sealNumbers = 'Số niêm phong tối đa 32 ký tự';
	else if (new Set(seals).size !== seals.length) fields.sealNumbers = 'Mỗi số niêm phong chỉ một lần';
	const unknownCode = draft.materials.findIndex((l) => lookup(l.code) === undefined);
	if (unknownCode >= 0) fields[`materials.${unknownCode}.code`] ??= 'Mã vật tư không có trong danh mục';
	if (parsed.success && Object.keys(fields).length === 0) return { ok: true, payload: parsed.data };
	return { ok: false, fields };
}
