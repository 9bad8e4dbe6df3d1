// A schema's message in both languages, kept where the schema is written: zod is given the Vietnamese (the base
// language, what the API's tests and older clients read), and the words are remembered so the server's 400 and the
// forms show them in the reader's language (schema-messages.ts looks them up by their Vietnamese). Tiny on purpose:
// the portal's and the console's schemas import it without the tablet's list of command messages.
import type { Locale } from '../paraglide/runtime.js';
import type { Text } from '../text';

type MessageFn<P> = (inputs: P, options?: { locale?: Locale }) => string;

const remembered = new Map<string, Text>();

/** Words already in both languages, given to zod as their Vietnamese. */
export function schemaWords(text: Text): string {
	remembered.set(text.vi, text);
	return text.vi;
}

/** A catalog message (with its inputs, or inputs per language) given to zod as its Vietnamese. */
export function schemaText<P extends object>(message: MessageFn<P>, inputs?: P | ((locale: 'vi' | 'en') => P)): string {
	const of = (locale: 'vi' | 'en') => (typeof inputs === 'function' ? inputs(locale) : (inputs ?? ({} as P)));
	return schemaWords({ vi: message(of('vi'), { locale: 'vi' }), en: message(of('en'), { locale: 'en' }) });
}

/** A field's name in the catalog ("họ tên"), as a schema's message names it. */
export type FieldName = (inputs: object, options: { locale: 'vi' | 'en' }) => string;

/** A field's name at the start of a sentence ("Họ tên quá dài…"). */
export const capitalised = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}`;

/** The words a schema gave zod, in both languages; undefined for words no schema registered here. */
export function rememberedSchemaText(vietnamese: string): Text | undefined {
	return remembered.get(vietnamese);
}
