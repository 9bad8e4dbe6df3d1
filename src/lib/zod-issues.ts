// zod issues → per-field error messages, in one place. Each caller keeps its own key for a problem with the
// whole value (the crew's forms '_', the outbox ''), or its own way of naming fields (the portal maps paths to its
// form's fields, the API and the command screen keep bounded, storable keys). The first message of a field wins.
// A field error shown to a person names the field in words (fieldErrorText), never by its path.
import { fieldLabel, type FieldPath } from './domain/text-guard';

export interface IssueLike {
	readonly path: ReadonlyArray<PropertyKey>;
	readonly message: string;
}

/** "lines.2.quantity"; the empty path (the value as a whole) is `formKey`. */
export function dottedPath(path: ReadonlyArray<PropertyKey>, formKey = '_'): string {
	return path.map(String).join('.') || formKey;
}

/** The first issue of each field, in the order zod reported them; `keyOf` names a field (default: its dotted path). */
export function firstIssuePerField<I extends IssueLike, K extends string = string>(
	issues: ReadonlyArray<I>,
	keyOf: (path: I['path']) => K = (path) => dottedPath(path) as K
): Array<{ key: K; issue: I }> {
	const seen = new Set<K>();
	const out: Array<{ key: K; issue: I }> = [];
	for (const issue of issues) {
		const key = keyOf(issue.path);
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ key, issue });
	}
	return out;
}

/** path → first message; a problem with the whole value goes under `formKey` ('_' unless told). */
export function issuesToFieldErrors(issues: ReadonlyArray<IssueLike>, options: { formKey?: string } = {}): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const { key, issue } of firstIssuePerField(issues, (path) => dottedPath(path, options.formKey ?? '_'))) fields[key] = issue.message;
	return fields;
}

/** "lines.2.quantity" → ['lines', 2, 'quantity'] (list positions back to numbers). */
export function pathOfDotted(dotted: string): FieldPath {
	if (dotted === '' || dotted === '_') return [];
	return dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * A field's error as a person reads it: "Tổ: Bắt buộc", "Số lượng (mục 3): …" — the field named in words
 * (text-guard's field names), never its path ("crewId: …"). A problem with the whole value, or a field the
 * catalog of names does not know, is the message alone.
 */
export function fieldErrorText(dotted: string, message: string, lang: 'vi' | 'en' = 'vi'): string {
	const path = pathOfDotted(dotted);
	if (path.length === 0) return message;
	const label = fieldLabel(path)[lang];
	if (label === fieldLabel([])[lang]) return message; // a field with no name in words
	return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${message}`;
}

/** Every field error of a form in words, one line each (see fieldErrorText). */
export function fieldErrorsText(fields: Record<string, string>, lang: 'vi' | 'en' = 'vi'): string[] {
	return Object.entries(fields).map(([path, message]) => fieldErrorText(path, message, lang));
}
