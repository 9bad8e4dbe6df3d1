// The crew's map of its own jobs, from the tablet's store (works offline). Supervisors have the crew map.
import { redirect } from '@sveltejs/kit';
import { session } from '$lib/client/app';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	await parent(); // the (crew) layout's session guard
	if (!session.isCrew) redirect(307, '/console/map');
};
