// zod issues → per-field error messages, in one place. Each caller keeps its own key for a problem with the
// whole value (the crew's forms '_', the outbox ''), or its own way of naming fields (the portal maps paths to its
// form's fields, the API and the command screen keep bounded, storable keys). The first message of a field wins.

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
