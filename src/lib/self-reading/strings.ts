// What the customer's self-reading page needs besides its messages (messages/*.json, selfReading_* keys): whether a
// link is unusable, and a failed call in both languages. Numbers and dates come from $lib/format.
import { m } from '$lib/paraglide/messages.js';
import { both, type Text } from '$lib/i18n.svelte';
import { refusalText, SELF_READING_REFUSALS } from '$lib/refusals';
import type { PortalFailure } from '$lib/portal/api';

export { dayMonthYear, formatKwh } from '$lib/format';
export type { Text };

/** The link itself is unusable: unknown or expired (404, whatever the code), or malformed (the validator's 400 on the token). */
export function isLinkInvalid(failure: PortalFailure): boolean {
	if (failure.kind !== 'refused') return false;
	return failure.code === 'link_invalid' || failure.status === 404 || (failure.status === 400 && 'token' in failure.fields);
}

/** What to tell the customer about a failed call, in both languages. */
export function failureText(failure: PortalFailure): Text {
	switch (failure.kind) {
		case 'network':
			return both(m.selfReading_error_network);
		case 'invalid_response':
			return both(m.common_error_invalidResponse, { status: failure.status });
		case 'refused': {
			if (failure.status >= 500) return both(m.common_error_server, { status: failure.status });
			if (isLinkInvalid(failure)) return both(m.selfReading_error_linkInvalid);
			if (failure.code === 'already_sent') return both(m.selfReading_error_alreadySent);
			return refusalText(failure.code, failure.message, SELF_READING_REFUSALS, failure.text);
		}
	}
}
