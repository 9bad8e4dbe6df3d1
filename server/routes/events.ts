// Live updates by server-sent events. Each connection polls a cheap change marker in the database, so it
// works the same with several API processes on one PostgreSQL (nothing is shared in process memory).
import { createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { ApiFailure } from '../http';
import { changeMarkerFor, sessionOf } from '../services/live-changes';
import { errors, routes } from './contract';

export const EVENTS_POLL_MS = 2_000;
/** What a client may ask for with ?pollMs= (tests ask short): the server, not the client, bounds the database's load. */
export const EVENTS_POLL_BOUNDS = { minMs: 250, maxMs: 10_000 } as const;

/** The poll interval for a client's ?pollMs=: a whole number of milliseconds within the bounds, anything else the default. */
export function pollIntervalFor(asked: string | undefined): number {
	if (asked === undefined || !/^\d{1,6}$/.test(asked)) return EVENTS_POLL_MS;
	return Math.min(EVENTS_POLL_BOUNDS.maxMs, Math.max(EVENTS_POLL_BOUNDS.minMs, Number(asked)));
}

const stream = createRoute({
	method: 'get',
	path: '/',
	summary: 'Server-sent events: "ready", then "changed" when the board, map or crew jobs change, "ping" otherwise, "session_ended" at logout',
	security: [{ bearer: [] }, {}],
	// read as sent, never refused: EventSource cannot send headers, and a bad pollMs is the default interval
	parameters: [
		{ name: 'access_token', in: 'query', required: false, description: 'The session token, for EventSource (which cannot send an Authorization header)', schema: { type: 'string' } },
		{ name: 'pollMs', in: 'query', required: false, description: `How often to look for changes (${EVENTS_POLL_BOUNDS.minMs}–${EVENTS_POLL_BOUNDS.maxMs} ms; default ${EVENTS_POLL_MS})`, schema: { type: 'string', pattern: '^\\d{1,6}$' } }
	],
	responses: { 200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401) }
});

export const eventRoutes = routes().openapi(stream, async (c) => {
	const deps = c.var.deps;
	const header = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
	const token = header ?? c.req.query('access_token');
	const user = token ? await sessionOf(deps, token) : undefined;
	if (!token || !user) throw new ApiFailure(401, 'unauthenticated', 'Cần đăng nhập');
	const pollMs = pollIntervalFor(c.req.query('pollMs'));
	return streamSSE(c, async (stream) => {
		// stream.aborted, not an onAbort callback: a client gone before the first await is not missed
		let last = await changeMarkerFor(deps, user);
		await stream.writeSSE({ event: 'ready', data: JSON.stringify({ marker: last }) });
		while (!stream.aborted) {
			await stream.sleep(pollMs);
			if (stream.aborted) break;
			// a stream opened before a logout (or outliving its token) must not keep telling what changes
			if (!(await sessionOf(deps, token))) {
				await stream.writeSSE({ event: 'session_ended', data: '' });
				break;
			}
			const marker = await changeMarkerFor(deps, user);
			// crews are poked to pull; supervisors' board and map re-read
			if (marker !== last) await stream.writeSSE({ event: 'changed', data: JSON.stringify({ marker }) });
			else await stream.writeSSE({ event: 'ping', data: '' });
			last = marker;
		}
	}) as never;
});
