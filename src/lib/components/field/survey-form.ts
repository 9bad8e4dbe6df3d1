// The survey form's model (step 3): what the inputs hold, how a draft or a redone payload is read back,
// and the shared zod schema turning it into a SurveyPayload with per-field Vietnamese messages.
import {
	SITE_CONDITIONS,
	SURVEY_ROUTES,
	gpsFix,
	surveyPayload,
	type GpsFix,
	type SurveyPayload,
	type SurveyRoute
} from '$lib/domain/commands';
import { issuesToFields, numberText, parseDecimal, type FieldErrors } from './form-utils';

export type SiteCondition = (typeof SITE_CONDITIONS)[number];

/** What the inputs hold: text for numbers (half-typed values survive a reload), '' for "not chosen yet". */
export interface SurveyDraft {
	customerPresent: 'yes' | 'no' | '';
	siteCondition: SiteCondition | '';
	distanceM: string;
	phases: '1' | '3' | '';
	expectedLoadKw: string;
	route: SurveyRoute | '';
	obstacles: string;
	notes: string;
	location: GpsFix | null;
	sitePhotos: string[];
	meterPhotos: string[];
}

/** Field order on the screen: the first invalid one gets the focus. */
export const SURVEY_FIELDS = [
	'customerPresent',
	'siteCondition',
	'distanceM',
	'phases',
	'expectedLoadKw',
	'route',
	'obstacles',
	'notes',
	'sitePhotos',
	'meterPhotos'
] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];

export function emptySurveyDraft(): SurveyDraft {
	return {
		customerPresent: '',
		siteCondition: '',
		distanceM: '',
		phases: '',
		expectedLoadKw: '',
		route: '',
		obstacles: '',
		notes: '',
		location: null,
		sitePhotos: [],
		meterPhotos: []
	};
}

function record(data: unknown): Record<string, unknown> {
	return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

function hashes(value: unknown): string[] {
	return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | '' {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

function textOf(value: unknown): string {
	if (typeof value === 'number') return numberText(value);
	return typeof value === 'string' ? value : '';
}

/** Reads a stored draft, or a rejected command's payload put back by "Làm lại"; anything unreadable is dropped. */
export function surveyDraftFrom(data: unknown): SurveyDraft {
	const d = record(data);
	const present = d.customerPresent;
	const phases = d.phases;
	const location = gpsFix.safeParse(d.location);
	return {
		customerPresent: present === true || present === 'yes' ? 'yes' : present === false || present === 'no' ? 'no' : '',
		siteCondition: oneOf(d.siteCondition, SITE_CONDITIONS),
		distanceM: textOf(d.distanceM),
		phases: phases === 1 || phases === '1' ? '1' : phases === 3 || phases === '3' ? '3' : '',
		expectedLoadKw: textOf(d.expectedLoadKw),
		route: oneOf(d.route, SURVEY_ROUTES),
		obstacles: typeof d.obstacles === 'string' ? d.obstacles : '',
		notes: typeof d.notes === 'string' ? d.notes : '',
		location: location.success ? location.data : null,
		sitePhotos: hashes(d.sitePhotos),
		meterPhotos: hashes(d.meterPhotos)
	};
}

/** True when nothing has been entered yet (no point keeping such a draft). */
export function isBlankSurvey(draft: SurveyDraft): boolean {
	const blank = emptySurveyDraft();
	return (Object.keys(blank) as (keyof SurveyDraft)[]).every((key) =>
		key === 'location' ? true : JSON.stringify(draft[key]) === JSON.stringify(blank[key])
	);
}

/** The payload the inputs describe, before validation (missing numbers stay undefined so zod names them). */
export function surveyCandidate(draft: SurveyDraft): Record<string, unknown> {
	return {
		customerPresent: draft.customerPresent === '' ? undefined : draft.customerPresent === 'yes',
		siteCondition: draft.siteCondition === '' ? undefined : draft.siteCondition,
		distanceM: parseDecimal(draft.distanceM),
		phases: draft.phases === '' ? undefined : Number(draft.phases),
		expectedLoadKw: parseDecimal(draft.expectedLoadKw),
		route: draft.route === '' ? undefined : draft.route,
		obstacles: draft.obstacles,
		notes: draft.notes,
		location: draft.location,
		sitePhotos: draft.sitePhotos,
		meterPhotos: draft.meterPhotos
	};
}

export type SurveyValidation = { ok: true; payload: SurveyPayload } | { ok: false; fields: FieldErrors };

export function validateSurvey(draft: SurveyDraft): SurveyValidation {
	const parsed = surveyPayload.safeParse(surveyCandidate(draft));
	if (parsed.success) return { ok: true, payload: parsed.data };
	return { ok: false, fields: issuesToFields(parsed.error.issues) };
}
