// A client-only SPA: the service worker serves one app shell for every path, and data lives in IndexedDB.
import type { Component, Snippet } from 'svelte';
import { isCustomerPage } from '$lib/client/customer-pages';
import { i18n } from '$lib/i18n.svelte';

export const ssr = false;
export const prerender = false;

/** The page's first load (its cold start): its phases are marked ('ht:…', printed by `npm run bench -- first-card`). */
let coldStart = true;

export async function load({ url }: { url: URL }): Promise<{ shell: Component<{ children: Snippet }> | null }> {
	const cold = coldStart;
	coldStart = false;
	if (cold) performance.mark('ht:app'); // the app's code is in and running
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
	if (cold) performance.mark('ht:session');
	return { shell: shell.default };
}
