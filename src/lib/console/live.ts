// Live updates from GET /api/events (server-sent events): a 'changed' event re-reads, debounced; the stream
// reconnects with backoff when it closes (server restart, expired token), and a reconnect re-reads too,
// since changes may have happened while it was down. The stream itself is client/event-stream.ts.
// A re-read never runs while the page navigates: SvelteKit lets an invalidation win over a navigation in flight, so
// a 'changed' arriving just after the supervisor pressed a filter, a page or a link would swallow that press. It
// waits for the navigation to end (whose own load reads afresh), then runs once (catching a change made meanwhile).
import { EventStream, RECONNECT_MAX_MS, RECONNECT_MIN_MS, type StreamSource } from '$lib/client/event-stream';

export type LiveStatus = 'connecting' | 'live' | 'retrying';

export interface EventSourceLike {
	readonly readyState: number;
	addEventListener(type: string, listener: (event: Event) => void): void;
	close(): void;
	onerror: ((event: Event) => void) | null;
}

/** Whether the page is navigating, and a way to hear that it has stopped (SvelteKit's, in ./navigation.svelte.ts). */
export interface NavigationGate {
	busy(): boolean;
	/** Calls `settled` once, when no navigation runs any more; returns the function that cancels. */
	whenSettled(settled: () => void): () => void;
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
	/** Holds re-reads while a navigation runs (none: re-read at once). */
	navigation?: NavigationGate;
	timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
}

/** An EventSource as the shared stream's source (its error comes through onerror). */
function asSource(es: EventSourceLike): StreamSource {
	return {
		get readyState() {
			return es.readyState;
		},
		addEventListener(type, listener) {
			if (type === 'error') es.onerror = () => listener({});
			else es.addEventListener(type, (event) => listener({ data: (event as MessageEvent).data }));
		},
		close: () => es.close()
	};
}

/** Starts listening; returns the function that stops. */
export function listenForChanges(options: LiveOptions): () => void {
	const debounceMs = options.debounceMs ?? 400;
	const create = options.createEventSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
	const timers = options.timers ?? { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) };
	const after = (ms: number, run: () => void) => {
		const handle = timers.set(run, ms);
		return () => timers.clear(handle);
	};

	let debounce: (() => void) | null = null;
	/** Set while a re-read waits for a navigation to end: cancels that wait. */
	let held: (() => void) | null = null;
	let stopped = false;

	const reread = () => {
		if (stopped || held) return; // a held re-read already covers this change
		const navigation = options.navigation;
		if (navigation?.busy()) {
			held = navigation.whenSettled(() => {
				held = null;
				if (!stopped) options.onChange();
			});
			return;
		}
		options.onChange();
	};

	const changed = () => {
		debounce?.();
		debounce = after(debounceMs, () => {
			debounce = null;
			reread();
		});
	};

	const target = () => {
		const url = stopped ? null : options.url();
		return url ? { url, key: url } : null;
	};
	const stream: EventStream<{ url: string; key: string }> = new EventStream({
		open: (url) => asSource(create(url)),
		events: ['changed'],
		onEvent: (type) => {
			if (type === 'changed' || stream.reopened) changed();
		},
		onStatus: (status) => {
			if (status === 'off' || stopped) return;
			options.onStatus?.(status === 'connecting' && stream.reopened ? 'retrying' : status);
		},
		retarget: target,
		after,
		reconnectMinMs: options.retryMs ?? RECONNECT_MIN_MS,
		reconnectMaxMs: options.maxRetryMs ?? RECONNECT_MAX_MS,
		browserRetries: true
	});

	const first = target();
	if (first) stream.want(first);
	return () => {
		stopped = true;
		debounce?.();
		debounce = null;
		held?.();
		held = null;
		stream.close();
	};
}
