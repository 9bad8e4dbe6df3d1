// A client-only SPA: the service worker serves one app shell for every path, and data lives in IndexedDB.
import { session } from '$lib/client/app';
import { isCustomerPage } from '$lib/client/customer-pages';

export const ssr = false;
export const prerender = false;

export async function load({ url }: { url: URL }): Promise<void> {
	// The customer's pages (the signing portal, the self-reading link) need no crew session (and should not open the
	// crew's IndexedDB on their phone).
	if (isCustomerPage(url.pathname)) return;
	// The header and the route guards need to know who is signed in; this reads IndexedDB, never the network.
	await session.restore();
}
