// A text in both languages (the domain's Label shape), made from one catalog message. Pure: usable on the server.
import type { Locale } from '$lib/paraglide/runtime.js';

/** A text in both languages, kept by a page (a form error) or sent by the server (a refusal), shown in the reader's. */
export interface Text {
	vi: string;
	en: string;
}

type MessageFn<P> = (inputs: P, options?: { locale?: Locale }) => string;

// The English is said when read, not when the text is made: in the browser the English messages load only when the
// reader chooses English ($lib/english), and a text made before (the domain's labels are made as their module loads)
// would otherwise keep the Vietnamese the message says until then. A copy (spread, JSON, IndexedDB) takes its value.

/** One message in both languages. */
export function both<P extends object>(message: MessageFn<P>, inputs?: P): Text {
	const given = (inputs ?? {}) as P;
	return {
		vi: message(given, { locale: 'vi' }),
		get en() {
			return message(given, { locale: 'en' });
		}
	};
}

/** One message in both languages whose inputs differ by language (a field's label inside a sentence). */
export function bothBy<P extends object>(message: MessageFn<P>, inputs: (locale: 'vi' | 'en') => P): Text {
	return {
		vi: message(inputs('vi'), { locale: 'vi' }),
		get en() {
			return message(inputs('en'), { locale: 'en' });
		}
	};
}

/** The same words in both languages (a server message the catalog has no code for). */
export function same(message: string): Text {
	return { vi: message, en: message };
}
