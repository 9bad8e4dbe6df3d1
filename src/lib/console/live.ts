// Live updates from GET /api/events (server-sent events): a 'changed' event re-reads, debounced; the stream
// reconnects with backoff when it closes (server restart, expired token), and a reconnect re-reads too,
// since changes may have happened while it was down.

export type LiveStatus = 'connecting' | 'live' | 'retrying';

export interface EventSourceLike {
	readonly readyState: number;
	addEventListener(type: string, listener: (event: Event) => void): void;
	close(): void;
	onerror: ((event: Event) => void) | null;
}

export interface LiveOptions {
	url: () => string | null;
	onChange: () => void;
	onStatus?: (status: LiveStatus) => void;
	debounceMs?: number;
	/** Backoff of reconnects, doubled up to maxRetryMs. */
	retryMs?: number;
	maxRetryMs?: number;
	createEventSource?: (url: string) => EventSourceLike;
	timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

const CLOSED = 2;

/** Starts listening; returns the function that stops. */
export function listenForChanges(options: LiveOptions): () => void {
	const debounceMs = options.debounceMs ?? 400;
	const baseRetry = options.retryMs ?? 1_000;
	const maxRetry = options.maxRetryMs ?? 30_000;
	const create = options.createEventSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
	const timers = options.timers ?? { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };

	let source: EventSourceLike | null = null;
	let debounce: unknown = null;
	let retry: unknown = null;
	let retryDelay = baseRetry;
	let stopped = false;
	let connectedBefore = false;

	const changed = () => {
		if (debounce !== null) timers.clear(debounce);
		debounce = timers.set(() => {
			debounce = null;
			if (!stopped) options.onChange();
		}, debounceMs);
	};

	const connect = () => {
		retry = null;
		if (stopped) return;
		const url = options.url();
		if (!url) return;
		options.onStatus?.(connectedBefore ? 'retrying' : 'connecting');
		const es = create(url);
		source = es;
		es.addEventListener('ready', () => {
			retryDelay = baseRetry;
			options.onStatus?.('live');
			if (connectedBefore) changed();
			connectedBefore = true;
		});
		es.addEventListener('changed', changed);
		es.onerror = () => {
			if (stopped || source !== es) return;
			options.onStatus?.('retrying');
			connectedBefore = true;
			// the browser retries a dropped stream by itself; one it gave up on (HTTP error) we reopen ourselves
			if (es.readyState === CLOSED) {
				es.close();
				source = null;
				retry = timers.set(connect, retryDelay);
				retryDelay = Math.min(retryDelay * 2, maxRetry);
			}
		};
	};

	connect();
	return () => {
		stopped = true;
		if (debounce !== null) timers.clear(debounce);
		if (retry !== null) timers.clear(retry);
		source?.close();
		source = null;
	};
}
