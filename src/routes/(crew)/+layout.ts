// The one guard of the crew's pages (job list, job and its forms, sync, map): a stored session, or /login.
// An expired session still counts: local data stays visible. The console has its own layout and guard.
import { requireSession } from '$lib/client/guards';
// The staff frame the root layout's load imports for these pages: named here too, so that it is fetched with this
// layout's own code (one round of requests through the service worker) instead of after the root load has started.
import '$lib/components/StaffShell.svelte';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async () => {
	await requireSession();
};
