// An error body's words as the server sent them: `text` and `fieldTexts` in both languages (catalog words), shown in
// the page's language. No message of its own, so any page may use it without bundling the catalog's refusals.
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Text } from '$lib/text';

type Lang = 'vi' | 'en';

/** The server's words in both languages, when its answer carried them. */
export function textOf(value: unknown): Text | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const { vi, en } = value as { vi?: unknown; en?: unknown };
	return typeof vi === 'string' && typeof en === 'string' ? { vi, en } : undefined;
}

/**
 * An error body's words in the page's language (the console's refusals): the server's `text` and `fieldTexts` when
 * it sent them, else its `message` and `fields` as they came.
 */
export function refusalWords(error: unknown, lang: Lang = getLocale()): { message?: string; fields: Record<string, string> } {
	const body = (error && typeof error === 'object' ? error : {}) as { message?: unknown; text?: unknown; fields?: unknown; fieldTexts?: unknown };
	const text = textOf(body.text);
	const message = text ? text[lang] : typeof body.message === 'string' ? body.message : undefined;
	const fields: Record<string, string> = {};
	if (body.fields && typeof body.fields === 'object') for (const [key, value] of Object.entries(body.fields)) if (typeof value === 'string') fields[key] = value;
	if (body.fieldTexts && typeof body.fieldTexts === 'object') {
		for (const [key, value] of Object.entries(body.fieldTexts)) {
			const words = textOf(value);
			if (words) fields[key] = words[lang];
		}
	}
	return { message, fields };
}
