// The supervisors' crew map. Crews have their own map of their jobs at /map.
import { redirect } from '@sveltejs/kit';
import { session } from '$lib/client/app';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	await parent(); // the console layout's session guard
	if (session.isCrew) redirect(307, '/map');
};
