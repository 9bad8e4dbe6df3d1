// Live updates by server-sent events. The database notifies each API process of committed changes (one listener per
// process, server/db/change-feed.ts); a stream re-reads its cheap change marker only then, so several API processes
// on one PostgreSQL each see every change and an idle stream queries nothing. Until the listener is up, or while it
// reconnects, a stream polls its marker as it always did.
import { createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { ApiFailure } from '../http';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import type { ChangeTopic } from '../db/change-feed';
import { changeMarkerFor, sessionExpiresAt, sessionOf } from '../services/live-changes';
import { errors, routes } from './contract';

/** How often a stream polls while the database's notifications are not arriving. */
export const EVENTS_POLL_MS = 2_000;
/** How often a live stream says it is alive ('ping') and checks its session is still valid (expiry has no notice). */
export const EVENTS_HEARTBEAT_MS = 25_000;
/** What a client may ask for with ?pollMs= (tests ask short): the server, not the client, bounds the database's load. */
export const EVENTS_POLL_BOUNDS = { minMs: 250, maxMs: 10_000 } as const;

/** The client's ?pollMs= as a whole number of milliseconds within the bounds; anything else is no answer (the defaults). */
export function askedPollMs(asked: string | undefined): number | undefined {
	if (asked === undefined || !/^\d{1,6}$/.test(asked)) return undefined;
	return Math.min(EVENTS_POLL_BOUNDS.maxMs, Math.max(EVENTS_POLL_BOUNDS.minMs, Number(asked)));
}

/** The poll interval for a client's ?pollMs= when notifications are not arriving. */
export function pollIntervalFor(asked: string | undefined): number {
	return askedPollMs(asked) ?? EVENTS_POLL_MS;
}

const stream = createRoute({
	method: 'get',
	path: '/',
	summary: 'Server-sent events: "ready", then "changed" when the board, map or crew jobs change, "ping" otherwise, "session_ended" at logout',
	security: [{ bearer: [] }, {}],
	// read as sent, never refused: EventSource cannot send headers, and a bad pollMs is the default interval
	parameters: [
		{ name: 'access_token', in: 'query', required: false, description: 'The session token, for EventSource (which cannot send an Authorization header)', schema: { type: 'string' } },
		{ name: 'pollMs', in: 'query', required: false, description: `How often to send a heartbeat and check the session (${EVENTS_POLL_BOUNDS.minMs}–${EVENTS_POLL_BOUNDS.maxMs} ms; default ${EVENTS_HEARTBEAT_MS}), and to look for changes while the database's notifications are not arriving (default ${EVENTS_POLL_MS})`, schema: { type: 'string', pattern: '^\\d{1,6}$' } }
	],
	responses: { 200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401) }
});

export const eventRoutes = routes().openapi(stream, async (c) => {
	const deps = c.var.deps;
	const header = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
	const token = header ?? c.req.query('access_token');
	const user = token ? await sessionOf(deps, token) : undefined;
	if (!token || !user) throw new ApiFailure(401, 'unauthenticated', both(m.server_refusal_signInNeeded));
	const asked = askedPollMs(c.req.query('pollMs'));
	const feed = deps.database.changes;
	return streamSSE(c, async (stream) => {
		// subscribed before the first marker is read: a change committed in between is not missed
		let changed = new Set<ChangeTopic>();
		let wake: (() => void) | undefined;
		const unsubscribe = feed.subscribe((topic) => {
			changed.add(topic);
			wake?.();
		});
		// a client that leaves ends the wait at once, not at the next heartbeat
		stream.onAbort(() => wake?.());
		try {
			// stream.aborted, not an onAbort callback: a client gone before the first await is not missed
			let last = await changeMarkerFor(deps, user);
			const expiresAt = (await sessionExpiresAt(deps, token))?.getTime() ?? 0;
			await stream.writeSSE({ event: 'ready', data: JSON.stringify({ marker: last }) });
			while (!stream.aborted) {
				const live = feed.live;
				if (changed.size === 0) {
					const woken = new Promise<void>((resolve) => (wake = resolve));
					await Promise.race([woken, stream.sleep(live ? (asked ?? EVENTS_HEARTBEAT_MS) : (asked ?? EVENTS_POLL_MS))]);
					wake = undefined;
				}
				if (stream.aborted) break;
				const topics = changed;
				changed = new Set();
				const heartbeat = topics.size === 0;
				// a stream opened before a logout (or outliving its token) must not keep telling what changes; while
				// notifications arrive a heartbeat asks the database only once the session's own expiry has passed
				const sessionInDoubt = topics.has('sessions') || topics.has('resync') || (heartbeat && (!live || deps.clock().getTime() >= expiresAt));
				if (sessionInDoubt && !(await sessionOf(deps, token))) {
					await stream.writeSSE({ event: 'session_ended', data: '' });
					break;
				}
				// at rest with live notifications nothing changed: no marker to read
				const marker = heartbeat && live ? last : await changeMarkerFor(deps, user);
				// crews are poked to pull; supervisors' board and map re-read
				if (marker !== last) await stream.writeSSE({ event: 'changed', data: JSON.stringify({ marker }) });
				else if (heartbeat) await stream.writeSSE({ event: 'ping', data: '' });
				last = marker;
			}
		} finally {
			unsubscribe();
		}
	}) as never;
});
