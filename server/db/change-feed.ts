// Live updates without polling: the database notifies channel ht_changes when a statement changes what a board, a map
// or a crew's job list shows (triggers of migration 0008), and each API process keeps ONE listener that fans the
// notification out to its open event streams. At rest no stream queries anything.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const CHANGE_CHANNEL = 'ht_changes';

/** What changed, as the triggers name it; 'resync' when notifications may have been missed (the listener reconnected). */
export type ChangeTopic = 'requests' | 'jobs' | 'positions' | 'sessions' | 'resync';

export interface ChangeFeed {
	/** Calls `listener` after each committed change; the returned function unsubscribes. */
	subscribe(listener: (topic: ChangeTopic) => void): () => void;
	/** True while the database's notifications arrive; while false (starting, reconnecting) streams poll instead. */
	readonly live: boolean;
	close(): Promise<void>;
}

type Emit = (topic: string) => void;
/** Starts listening; resolves to the function that stops. `fail` reports a connection lost after the start. */
type StartListening = (emit: Emit, fail: (error: unknown) => void) => Promise<() => Promise<void>>;

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

/**
 * One listener per database object, opened when the first stream subscribes and closed with the last, so a process
 * with no open stream holds no extra connection. A lost connection is retried with backoff; the streams poll
 * meanwhile and re-read once it is back ('resync'), so nothing that changed during the gap is missed.
 */
function listeningFeed(start: StartListening): ChangeFeed {
	const listeners = new Set<(topic: ChangeTopic) => void>();
	let live = false;
	let stop: (() => Promise<void>) | undefined;
	let starting = false;
	let retryMs = FIRST_RETRY_MS;
	let retry: ReturnType<typeof setTimeout> | undefined;
	let closed = false;

	const emit = (topic: string) => {
		const known: ChangeTopic = topic === 'requests' || topic === 'jobs' || topic === 'positions' || topic === 'sessions' ? topic : 'resync';
		for (const listener of [...listeners]) listener(known);
	};
	const halt = () => {
		live = false;
		const stopping = stop;
		stop = undefined;
		void stopping?.().catch(() => undefined);
	};
	const fail = (error: unknown) => {
		if (!stop && !starting) return;
		console.warn('[live] change listener lost, polling until it is back:', error instanceof Error ? error.message : error);
		halt();
		emit('resync');
		if (listeners.size > 0 && !closed) {
			retry = setTimeout(ensure, retryMs);
			retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
		}
	};
	function ensure() {
		retry = undefined;
		if (stop || starting || closed || listeners.size === 0) return;
		starting = true;
		start(emit, (error) => fail(error)).then(
			(stopListening) => {
				starting = false;
				if (listeners.size === 0 || closed) return void stopListening().catch(() => undefined);
				stop = stopListening;
				live = true;
				retryMs = FIRST_RETRY_MS;
				// whatever changed before the listener was up: every stream re-reads once
				emit('resync');
			},
			(error) => {
				starting = false;
				stop = async () => undefined;
				fail(error);
			}
		);
	}
	return {
		get live() {
			return live;
		},
		subscribe(listener) {
			listeners.add(listener);
			ensure();
			return () => {
				listeners.delete(listener);
				if (listeners.size === 0) {
					clearTimeout(retry);
					halt();
				}
			};
		},
		async close() {
			closed = true;
			clearTimeout(retry);
			listeners.clear();
			halt();
		}
	};
}

/** Embedded PGlite: notifications of this process's own transactions, through PGlite's listen(). */
export function pgliteChangeFeed(client: PGlite): ChangeFeed {
	return listeningFeed(async (emit) => {
		const unlisten = await client.listen(CHANGE_CHANNEL, emit);
		return () => unlisten();
	});
}

/** PostgreSQL: one dedicated connection (outside the pool, which would hand it to queries) running LISTEN. */
export function postgresChangeFeed(options: pg.ClientConfig): ChangeFeed {
	return listeningFeed(async (emit, fail) => {
		const client = new pg.Client(options);
		let stopping = false;
		client.on('notification', (message) => emit(message.payload ?? ''));
		client.on('error', (error) => {
			if (!stopping) fail(error);
		});
		client.on('end', () => {
			if (!stopping) fail(new Error('connection ended'));
		});
		try {
			await client.connect();
			await client.query(`LISTEN ${CHANGE_CHANNEL}`);
		} catch (error) {
			stopping = true;
			await client.end().catch(() => undefined);
			throw error;
		}
		return async () => {
			stopping = true;
			await client.end();
		};
	});
}
