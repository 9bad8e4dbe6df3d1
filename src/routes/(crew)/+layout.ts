// The one guard of the crew's pages (job list, job and its forms, sync, map): a stored session, or /login.
// An expired session still counts: local data stays visible. The console has its own layout and guard.
import { requireSession } from '$lib/client/guards';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async () => {
	await requireSession();
};
