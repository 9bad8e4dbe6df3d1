// What the customer's portal needs besides its messages (messages/*.json, portal_* keys): a failed call in both
// languages. Dates come from $lib/format; refusals by code from $lib/refusals.
import { m } from '$lib/paraglide/messages.js';
import { both, same, type Text } from '$lib/i18n.svelte';
import { PORTAL_REFUSALS, refusalText } from '$lib/refusals';
import type { PortalFailure } from './api';

export { vnDate, vnDateTime } from '$lib/format';
export { same, type Text };

/** What to tell the customer about a failed call, in both languages. */
export function failureText(failure: PortalFailure): Text {
	switch (failure.kind) {
		case 'network':
			return both(m.portal_error_network);
		case 'invalid_response':
			return both(m.common_error_invalidResponse, { status: failure.status });
		case 'refused': {
			if (failure.status >= 500) return both(m.common_error_server, { status: failure.status });
			return refusalText(failure.code, failure.message, PORTAL_REFUSALS, failure.text);
		}
	}
}
