// The one client of GET /api/events (server-sent events), shared by the crew's live poke (client/live-poke.ts)
// and the console's live updates (console/live.ts). It keeps at most one stream open, hands the named events to
// its owner (ignoring those of a stream it has let go), and reopens a dropped stream after a backoff
// (src/lib/backoff.ts: 1 s doubling to 30 s unless told), asking its owner what to reopen: the session may have
// changed or ended meanwhile. What an event means (a sync, a re-read, debouncing) stays with the owner.
//
// Pure scheduling over an injected EventSource factory and timer (tests/unit/event-stream.test.ts).
import { backoffDelay } from '$lib/backoff';

export const RECONNECT_MIN_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

/** EventSource.CLOSED: the browser gave up on the stream (an HTTP error such as 401) and will not retry it. */
export const STREAM_CLOSED = 2;

/** The part of EventSource the stream uses; a fake in unit tests. */
export interface StreamSource {
	addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
	close(): void;
	readonly readyState?: number;
}

/** What to open: the URL, and the key that tells one session's stream from another's (a changed key resets the backoff). */
export interface StreamTarget {
	url: string;
	key: string;
}

/** off: closed on purpose; connecting: opened, no 'ready' yet; live: 'ready' received; retrying: after a drop. */
export type StreamStatus = 'off' | 'connecting' | 'live' | 'retrying';

export interface EventStreamOptions<T extends StreamTarget> {
	/** Opens the stream: `new EventSource(url)` in the browser. */
	open: (url: string) => StreamSource;
	/** The server's events to hand over ('ready' is always among them). */
	events: readonly string[];
	onEvent: (type: string, data: unknown, target: T) => void;
	onStatus?: (status: StreamStatus) => void;
	/** What to reopen after a drop, read when the backoff ends; null: stay closed. */
	retarget: () => T | null;
	/** One-shot timer; returns its cancel function. */
	after: (ms: number, run: () => void) => () => void;
	reconnectMinMs?: number;
	reconnectMaxMs?: number;
	/** Leave a dropped stream to the browser's own retry, reopening only one the browser closed (the console). */
	browserRetries?: boolean;
}

export class EventStream<T extends StreamTarget> {
	#options: EventStreamOptions<T>;
	#stream: { source: StreamSource; target: T } | null = null;
	#retry: { cancel: () => void; key: string } | null = null;
	#failures = 0;
	#reopened = false;

	constructor(options: EventStreamOptions<T>) {
		this.#options = options;
	}

	/** Consecutive drops since the last 'ready'. */
	get failures(): number {
		return this.#failures;
	}

	/** A 'ready' or a drop was seen before: a 'ready' now means a stream that may have missed changes. */
	get reopened(): boolean {
		return this.#reopened;
	}

	/** Opens the target's stream unless it is open or waiting out its backoff; null closes. */
	want(target: T | null): void {
		if (!target) {
			this.close();
			return;
		}
		if (this.#stream?.target.key === target.key) return;
		if (this.#retry?.key === target.key) return;
		this.#failures = 0;
		this.#open(target);
	}

	/** Closes the stream and forgets a pending reopen. */
	close(): void {
		this.#retry?.cancel();
		this.#retry = null;
		this.#failures = 0;
		this.#closeSource();
		this.#options.onStatus?.('off');
	}

	#closeSource(): void {
		const stream = this.#stream;
		this.#stream = null;
		stream?.source.close();
	}

	#open(target: T): void {
		this.#retry?.cancel();
		this.#retry = null;
		this.#closeSource(); // never two streams
		const source = this.#options.open(target.url);
		const stream = { source, target };
		this.#stream = stream;
		this.#options.onStatus?.('connecting');
		const current = () => this.#stream === stream;
		for (const type of new Set(['ready', ...this.#options.events])) {
			source.addEventListener(type, (event) => {
				if (!current()) return;
				if (type === 'ready') {
					this.#failures = 0;
					this.#options.onStatus?.('live');
				}
				this.#options.onEvent(type, event.data, target);
				if (type === 'ready') this.#reopened = true;
			});
		}
		source.addEventListener('error', () => {
			if (!current()) return;
			this.#reopened = true;
			this.#options.onStatus?.('retrying');
			if (this.#options.browserRetries && source.readyState !== STREAM_CLOSED) return;
			// EventSource retries at its own pace, and never after an HTTP error: we reopen with backoff
			this.#closeSource();
			this.#failures += 1;
			const delay = backoffDelay(this.#failures, {
				minMs: this.#options.reconnectMinMs ?? RECONNECT_MIN_MS,
				maxMs: this.#options.reconnectMaxMs ?? RECONNECT_MAX_MS
			});
			const cancel = this.#options.after(delay, () => {
				if (this.#retry?.cancel !== cancel) return;
				this.#retry = null;
				this.#reconnect(target);
			});
			this.#retry = { cancel, key: target.key };
		});
	}

	#reconnect(previous: T): void {
		const next = this.#options.retarget();
		if (!next) {
			this.close();
			return;
		}
		if (next.key !== previous.key) this.#failures = 0;
		this.#open(next);
	}
}
