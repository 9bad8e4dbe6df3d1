// The server's refusals in the person's language. The server answers { code, message, text: { vi, en } } with its
// words from the catalog in both languages; a page shows `text` in its own language. For an answer without `text`
// the catalog's server_refusal_* messages give the refusal by code (one code → one message).
import { m } from '$lib/paraglide/messages.js';
export { refusalWords, textOf } from './refusal-words';
import type { Lang, Text } from '$lib/i18n.svelte';

type Refusal = (numbers: number[], locale: Lang) => string;

/** The number the server put in its message (seconds to wait, attempts left), if any. */
const first = (numbers: number[]) => numbers[0];

const REFUSALS: Record<string, Refusal> = {
	link_invalid: (_, locale) => m.portal_error_linkInvalid({}, { locale }),
	too_soon: (n, locale) => (first(n) === undefined ? m.server_refusal_too_soon_later({}, { locale }) : m.server_refusal_too_soon({ seconds: first(n)! }, { locale })),
	too_many_codes: (_, locale) => m.server_refusal_too_many_codes({}, { locale }),
	wrong_code: (n, locale) => (first(n) === undefined ? m.server_refusal_wrong_code_plain({}, { locale }) : m.server_refusal_wrong_code({ left: first(n)! }, { locale })),
	locked_code: (n, locale) => (first(n) === undefined ? m.server_refusal_locked_code_plain({}, { locale }) : m.server_refusal_locked_code({ times: first(n)! }, { locale })),
	expired_code: (_, locale) => m.server_refusal_expired_code({}, { locale }),
	no_code: (_, locale) => m.server_refusal_no_code({}, { locale }),
	contract_changed: (_, locale) => m.server_refusal_contract_changed({}, { locale }),
	already_signed: (_, locale) => m.server_refusal_already_signed({}, { locale }),
	not_awaiting_signature: (_, locale) => m.server_refusal_not_awaiting_signature({}, { locale }),
	already_sent: (_, locale) => m.selfReading_error_alreadySent({}, { locale }),
	below_previous: (_, locale) => m.server_refusal_below_previous({}, { locale }),
	too_many_digits: (_, locale) => m.server_refusal_too_many_digits({}, { locale }),
	invalid_reading: (_, locale) => m.selfReading_kwh_invalid({}, { locale }),
	hash_mismatch: (_, locale) => m.selfReading_error_photoCorrupted({}, { locale }),
	unsupported_type: (_, locale) => m.selfReading_error_photoType({}, { locale }),
	meter_removed: (_, locale) => m.server_refusal_meter_removed({}, { locale })
};

/** Where a code means something else on one page (too_large: the signature on the portal, the photo on self-reading). */
export type RefusalOverrides = Record<string, Refusal>;

export const PORTAL_REFUSALS: RefusalOverrides = {
	too_large: (_, locale) => m.server_refusal_signature_too_large({}, { locale })
};
export const SELF_READING_REFUSALS: RefusalOverrides = {
	too_large: (_, locale) => m.selfReading_error_photoTooLarge({}, { locale }),
	link_invalid: (_, locale) => m.selfReading_error_linkInvalid({}, { locale })
};

const own = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/**
 * A refusal in both languages. A page's own meaning of a code (`overrides`) comes first; then the server's `text`;
 * for an answer without it, the Vietnamese is the server's message and the English comes from the catalog by code
 * (a code the catalog does not know reads the server's words in both).
 */
export function refusalText(code: string, message: string, overrides: RefusalOverrides = {}, text?: Text): Text {
	const vietnamese = text?.vi ?? message;
	const numbers = () => [...vietnamese.matchAll(/\d+/g)].map((match) => Number(match[0]));
	if (own(overrides, code)) return { vi: vietnamese, en: overrides[code]!(numbers(), 'en') };
	if (text) return text;
	if (!own(REFUSALS, code)) return { vi: message, en: message };
	return { vi: message, en: REFUSALS[code]!(numbers(), 'en') };
}
