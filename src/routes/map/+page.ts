// The crew's map of its own jobs, from the tablet's store (works offline). Supervisors have the crew map.
import { redirect } from '@sveltejs/kit';
import { session } from '$lib/client/app';
import { requireSession } from '$lib/client/guards';

export async function load(): Promise<void> {
	await requireSession();
	if (!session.isCrew) redirect(307, '/console/map');
}
