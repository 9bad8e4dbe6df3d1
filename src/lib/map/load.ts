// The supervisors' map, read by SvelteKit's load (src/routes/console/map/+page.ts). The page re-runs it with
// invalidate(MAP_DEPENDENCY) when the live stream says something changed, after a reassignment and every minute
// (the crews' position ages); SvelteKit drops the answer of a load a newer one has overtaken. A failed read is
// data, not an error page: the page keeps what it last showed and says why.
import { apiFetch, session } from '$lib/client/app';
import { m } from '$lib/paraglide/messages.js';
import { fromMapResponse, requestSupervisorMap, type MapData } from './api';

/** The dependency of the map's load: `invalidate(MAP_DEPENDENCY)` re-reads /api/map. */
export const MAP_DEPENDENCY = 'console:map';

export type MapLoad = { map: MapData; error: null } | { map: null; error: string };

/** GET /api/map with the session's token, in words when it fails (a 401 also marks the session expired). */
export async function readSupervisorMap(): Promise<MapLoad> {
	const token = session.current?.token ?? null;
	try {
		const response = await requestSupervisorMap(apiFetch, token);
		if (response.status === 401) {
			session.markExpired();
			return { map: null, error: m.crew_sync_error_auth() };
		}
		if (response.status !== 200) return { map: null, error: m.map_loadFailed({ detail: String(response.status) }) };
		return { map: fromMapResponse(await response.json()), error: null };
	} catch (e) {
		return { map: null, error: m.map_loadFailed({ detail: e instanceof Error ? e.message : String(e) }) };
	}
}
