// What the live stream (GET /api/events) watches: a cheap change marker of the crew's jobs or the unit's requests.
import type { SessionUser } from '../../src/lib/domain/api';
import type { AppDeps } from '../context';
import { changeMarker } from '../db/positions';
import { authenticate } from './auth';
import { hashToken } from '../auth/tokens';
import { sessionExpiry } from '../db/users';

export function sessionOf(deps: AppDeps, token: string) {
	return authenticate(deps.database.db, token, deps.clock());
}

/** The marker of what this user is shown: a crew its jobs, a supervisor their unit. */
export function changeMarkerFor(deps: AppDeps, user: SessionUser): Promise<string> {
	const scope = user.role === 'crew' ? { crewId: user.crewId! } : { unitId: user.unitId };
	return changeMarker(deps.database.db, scope);
}

/** When the stream's session expires by itself: until then a heartbeat need not ask the database (a logout or a
 * disabled user is notified on the change feed). */
export function sessionExpiresAt(deps: AppDeps, token: string): Promise<Date | undefined> {
	return sessionExpiry(deps.database.db, hashToken(token));
}
