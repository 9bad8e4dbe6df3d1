// The supervisors' crew map, read by load and refreshed by invalidate(MAP_DEPENDENCY) (src/lib/map/load.ts).
// Crews have their own map of their jobs at /map.
import { redirect } from '@sveltejs/kit';
import { session } from '$lib/client/app';
import { MAP_DEPENDENCY, readSupervisorMap } from '$lib/map/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, depends }) => {
	depends(MAP_DEPENDENCY);
	await parent(); // the console layout's session guard
	if (session.isCrew) redirect(307, '/map');
	return readSupervisorMap();
};
