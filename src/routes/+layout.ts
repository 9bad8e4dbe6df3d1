// A client-only SPA: the service worker serves one app shell for every path, and data lives in IndexedDB.
import type { Component, Snippet } from 'svelte';
import { isCustomerPage } from '$lib/client/customer-pages';
import { i18n } from '$lib/i18n.svelte';

export const ssr = false;
export const prerender = false;

export async function load({ url }: { url: URL }): Promise<{ shell: Component<{ children: Snippet }> | null }> {
	// A reader who chose English sees English from the first paint: its messages load before anything renders.
	const english = i18n.ready();
	// The customer's pages (the customers' portal, the signing link, the self-reading link) need no crew session (and
	// should not open the crew's IndexedDB on their phone, nor download the crew's code).
	if (isCustomerPage(url.pathname)) {
		await english;
		return { shell: null };
	}
	const [{ session }, shell] = await Promise.all([import('$lib/client/app'), import('$lib/components/StaffShell.svelte'), english]);
	// The header and the route guards need to know who is signed in; this reads IndexedDB, never the network.
	await session.restore();
	return { shell: shell.default };
}
