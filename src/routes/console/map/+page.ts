// The supervisors' crew map. Crews have their own map of their jobs at /map.
import { redirect } from '@sveltejs/kit';
import { session } from '$lib/client/app';
import { requireSession } from '$lib/client/guards';

export async function load(): Promise<void> {
	await requireSession();
	if (session.isCrew) redirect(307, '/map');
}
