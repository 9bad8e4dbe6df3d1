// Live updates by server-sent events. Each connection polls a cheap change marker in the database, so it
// works the same with several API processes on one PostgreSQL (nothing is shared in process memory).
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../context';
import { changeMarker } from '../db/positions';
import { ApiFailure } from '../http';
import { authenticate } from '../services/auth';

export const EVENTS_POLL_MS = 2_000;
/** What a client may ask for with ?pollMs= (tests ask short): the server, not the client, bounds the database's load. */
export const EVENTS_POLL_BOUNDS = { minMs: 250, maxMs: 10_000 } as const;

/** The poll interval for a client's ?pollMs=: a whole number of milliseconds within the bounds, anything else the default. */
export function pollIntervalFor(asked: string | undefined): number {
	if (asked === undefined || !/^\d{1,6}$/.test(asked)) return EVENTS_POLL_MS;
	return Math.min(EVENTS_POLL_BOUNDS.maxMs, Math.max(EVENTS_POLL_BOUNDS.minMs, Number(asked)));
}

export const eventRoutes = new Hono<AppEnv>().get('/', async (c) => {
	const deps = c.var.deps;
	// EventSource cannot send headers: the token may come as ?access_token=
	const header = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
	const token = header ?? c.req.query('access_token');
	const user = token ? await authenticate(deps.database.db, token, deps.clock()) : undefined;
	if (!token || !user) throw new ApiFailure(401, 'unauthenticated', 'Cần đăng nhập');
	const scope = user.role === 'crew' ? { crewId: user.crewId! } : { unitId: user.unitId };
	const pollMs = pollIntervalFor(c.req.query('pollMs'));
	return streamSSE(c, async (stream) => {
		// stream.aborted, not an onAbort callback: a client gone before the first await is not missed
		let last = await changeMarker(deps.database.db, scope);
		await stream.writeSSE({ event: 'ready', data: JSON.stringify({ marker: last }) });
		while (!stream.aborted) {
			await stream.sleep(pollMs);
			if (stream.aborted) break;
			// a stream opened before a logout (or outliving its token) must not keep telling what changes
			if (!(await authenticate(deps.database.db, token, deps.clock()))) {
				await stream.writeSSE({ event: 'session_ended', data: '' });
				break;
			}
			const marker = await changeMarker(deps.database.db, scope);
			// crews are poked to pull; supervisors' board and map re-read
			if (marker !== last) await stream.writeSSE({ event: 'changed', data: JSON.stringify({ marker }) });
			else await stream.writeSSE({ event: 'ping', data: '' });
			last = marker;
		}
	});
});
