// The repair report's form model (services 44–47, 51–53): what the crew did, in words the customer is texted, and
// optional photos of the repaired equipment; the shared schema turns it into the recordFix payload.
import { fixPayload, gpsFix, type FixPayload, type GpsFix } from '$lib/domain/commands';
import { m } from '$lib/paraglide/messages.js';
import { issuesToFields, type FieldErrors } from './form-utils';

export interface FixDraft {
	report: string;
	photos: string[];
	/** Where the crew stood (the command's location, not part of the report). */
	location: GpsFix | null;
}

/** Field order on the screen: the first invalid one gets the focus. */
export const FIX_FIELDS = ['report', 'photos'] as const;

export const emptyFixDraft = (): FixDraft => ({ report: '', photos: [], location: null });

/** Reads a stored draft, or a rejected command's payload put back by "Làm lại"; anything unreadable is dropped. */
export function fixDraftFrom(data: unknown): FixDraft {
	const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
	const location = gpsFix.safeParse(d.location);
	return {
		report: typeof d.report === 'string' ? d.report : '',
		photos: Array.isArray(d.photos) ? [...new Set(d.photos.filter((p): p is string => typeof p === 'string'))] : [],
		location: location.success ? location.data : null
	};
}

/** Nothing typed and no photo yet: opening the form alone is not a draft. */
export const isBlankFix = (draft: FixDraft): boolean => draft.report.trim() === '' && draft.photos.length === 0;

export type FixValidation = { ok: true; payload: FixPayload } | { ok: false; fields: FieldErrors };

export function validateFix(draft: FixDraft): FixValidation {
	const parsed = fixPayload.safeParse({ report: draft.report, photos: draft.photos });
	return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, fields: issuesToFields(parsed.error.issues) };
}

/** The report as text, for "Sao chép": the words and how many photos. */
export function fixLines(payload: unknown): string[] {
	const d = fixDraftFrom(payload);
	const out: string[] = [];
	if (d.report.trim()) out.push(`${m.crew_command_recordFix()}: ${d.report.trim()}`);
	if (d.photos.length > 0) out.push(m.crew_fix_photosCount({ count: d.photos.length }));
	return out;
}
