// Small helpers the field forms share: decimal input in the Vietnamese way, zod issues as per-field messages.
import { checkSigningCode, normalizeSigningCode, SIGNING_CODE_LENGTH } from '$lib/domain/signing-code';
import { issuesToFieldErrors } from '$lib/zod-issues';

export type FieldErrors = Record<string, string>;

/**
 * A number typed by the crew: "12,5" and "12.5" are both 12.5. Empty is undefined (the schema then says
 * "Nhập …"); anything else that is not a plain decimal is NaN (the schema refuses it).
 */
export function parseDecimal(text: string): number | undefined {
	const trimmed = text.trim().replace(/\s/g, '');
	if (trimmed === '') return undefined;
	const normalised = trimmed.replace(',', '.');
	return /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** A number back into an input, with the Vietnamese decimal comma. */
export function numberText(value: number): string {
	return Number.isFinite(value) ? String(value).replace('.', ',') : '';
}

/** zod issues keyed by their dotted path ("lines.2.quantity"); the first message of a field wins. */
export function issuesToFields(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
	return issuesToFieldErrors(issues);
}

/** The message of a field, or of anything under it ("sitePhotos.0"). */
export function fieldError(fields: FieldErrors, key: string): string | undefined {
	if (fields[key] !== undefined) return fields[key];
	const prefix = `${key}.`;
	for (const [path, message] of Object.entries(fields)) if (path.startsWith(prefix)) return message;
	return undefined;
}

/** True for the browser's "storage full" failures, however the engine or Dexie wraps them. */
export function isQuotaError(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const e = current as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
		if (e.name === 'QuotaExceededError' || (typeof e.message === 'string' && /quota/i.test(e.message))) return true;
		current = e.inner ?? e.cause;
	}
	return false;
}

export function errorText(error: unknown): string {
	if (error instanceof Error) return error.message || error.name;
	return String(error);
}

/** The customer's code, said as soon as 6 digits are typed: the check digit needs no network. */
export function codeStatus(code: string): ReturnType<typeof checkSigningCode> | null {
	return normalizeSigningCode(code).length >= SIGNING_CODE_LENGTH ? checkSigningCode(code) : null;
}
