// The crews a supervisor dispatches to, and the tablet's location pings.
import type { SessionUser } from '../../src/lib/domain/api';
import type { AppDeps } from '../context';
import { insertPosition } from '../db/positions';
import { listCrews } from '../db/scope';
import { unitScopeOf } from './access';

/** The crews of the supervisor's unit (all for an admin). */
export async function crewsFor(deps: AppDeps, user: SessionUser) {
	const rows = await listCrews(deps.database.db, unitScopeOf(user));
	return rows.map((r) => ({ id: r.id, name: r.name, unitId: r.unitId }));
}

/** A crew tablet's position; a tablet clock ahead of the server must not make it look fresher than it is. */
export async function recordPosition(deps: AppDeps, user: SessionUser, ping: { lat: number; lng: number; accuracyM: number; at?: string }): Promise<void> {
	const now = deps.clock();
	const at = ping.at && new Date(ping.at).getTime() < now.getTime() ? new Date(ping.at) : now;
	// requireRole('crew') guarantees a crew id (a database CHECK enforces it too)
	await insertPosition(deps.database.db, { crewId: user.crewId!, userId: user.id, lat: ping.lat, lng: ping.lng, accuracyM: ping.accuracyM, source: 'ping', recordedAt: at });
}
