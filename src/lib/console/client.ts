// The console's API client and live stream, bound to the signed-in session of this browser.
import { apiFetch, session } from '$lib/client/app';
import { ConsoleApi, ConsoleApiError } from './api';
import { listenForChanges, type LiveStatus } from './live';
import { sveltekitNavigation } from './navigation.svelte';
import { m } from '$lib/paraglide/messages.js';

export const consoleApi = new ConsoleApi({
	fetch: apiFetch,
	token: () => session.current?.token ?? null,
	onUnauthorized: () => session.markExpired(),
	messages: () => ({ network: m.console_error_network(), server: (status) => m.console_error_server({ status }) })
});

/** What to show for a failed call: the server's own (Vietnamese) message when there is one. */
export function errorText(error: unknown): string {
	if (error instanceof ConsoleApiError) return error.status === 401 ? m.console_error_auth() : error.message;
	return error instanceof Error ? error.message : String(error);
}

/** Re-runs `onChange` when the unit's requests or jobs change on the server (never during a navigation: ./live.ts). */
export function liveChanges(onChange: () => void, onStatus?: (status: LiveStatus) => void): () => void {
	return listenForChanges({
		url: () => {
			const token = session.current?.token;
			return token ? `/api/events?access_token=${encodeURIComponent(token)}` : null;
		},
		onChange,
		onStatus,
		navigation: sveltekitNavigation
	});
}
