// The crew's live poke (issue 5): while a crew member is signed in (session not expired), the tablet is online
// and the app has not been hidden for long, one server-sent event stream (GET /api/events?access_token=…) tells
// the tablet when the crew's jobs change on the server (a supervisor assigns, reassigns or removes work). Each
// 'changed' event runs a sync (pokes within POKE_DEBOUNCE_MS make one), so new work shows up without pressing
// "Đồng bộ" or waiting for the minute timer. The stream is closed offline, signed out, after a 401 or when the
// app has been hidden for HIDDEN_CLOSE_MS, and reopened with backoff (1 s doubling to 30 s) when it drops.
// A reopened stream's 'ready' marker is compared with the last one seen, so a change made while it was closed
// still gets its sync. At most one stream per LivePoke, and the app has one LivePoke per tab (app.ts).
//
// The stream itself (one at a time, backoff, reopening) is client/event-stream.ts; this adds the session, the
// network, the page's visibility, the change markers and the debounced sync. Pure scheduling over an injected
// EventSource factory, timers and browser signals (tests/unit/client-live-poke.test.ts).

import { backoffDelay } from '$lib/backoff';
import { EventStream, RECONNECT_MAX_MS, RECONNECT_MIN_MS, type StreamSource, type StreamStatus } from './event-stream';

export { RECONNECT_MAX_MS, RECONNECT_MIN_MS };
export const POKE_DEBOUNCE_MS = 1_000;
/** A tablet whose app has been in the background this long lets its stream go (the server keeps a poll per stream). */
export const HIDDEN_CLOSE_MS = 2 * 60_000;

/** Delay before reconnecting after `failures` consecutive drops (1 s, 2 s, 4 s … 30 s). */
export function reconnectDelayMs(failures: number, minMs = RECONNECT_MIN_MS, maxMs = RECONNECT_MAX_MS): number {
	return backoffDelay(failures, { minMs, maxMs });
}

/** The part of EventSource the poke uses; a fake in unit tests. */
export interface PokeStream extends StreamSource {
	addEventListener(type: 'ready' | 'changed' | 'ping' | 'error', listener: (event: { data?: unknown }) => void): void;
	close(): void;
}

/** off: not wanted (signed out, offline, hidden for long, stopped); connecting; live: 'ready' received; retrying: waiting out the backoff. */
export type LivePokeState = StreamStatus;

export interface LivePokeDeps {
	/** The crew member's token; null when signed out, expired, or not a crew member. */
	token: () => string | null;
	isOnline: () => boolean;
	isVisible: () => boolean;
	/** Opens the stream: `new EventSource(url)` in the browser. */
	open: (url: string) => PokeStream;
	/** Runs a sync cycle (SyncState.syncNow); its promise, if any, is awaited before the next poke's sync. */
	sync: () => Promise<unknown> | void;
	/** One-shot timer; returns its cancel function. */
	after: (ms: number, run: () => void) => () => void;
	onOnlineChange?: (listener: (online: boolean) => void) => () => void;
	onVisibilityChange?: (listener: (visible: boolean) => void) => () => void;
	onState?: (state: LivePokeState) => void;
	baseUrl?: string;
	debounceMs?: number;
	reconnectMinMs?: number;
	reconnectMaxMs?: number;
	hiddenCloseMs?: number;
}

function markerOf(data: unknown): string | null {
	if (typeof data !== 'string') return null;
	try {
		const parsed: unknown = JSON.parse(data);
		const marker = (parsed as { marker?: unknown } | null)?.marker;
		return typeof marker === 'string' ? marker : null;
	} catch {
		return null;
	}
}

export class LivePoke {
	#deps: LivePokeDeps;
	#running = false;
	#stops: Array<() => void> = [];
	#stream: EventStream<{ url: string; key: string }>;
	#hiddenTimer: (() => void) | null = null;
	#hiddenLong = false;
	#debounce: (() => void) | null = null;
	#syncing = false;
	#again = false;
	/** The last change marker the server sent for this token (null before the first 'ready'). */
	#marker: { token: string; value: string | null } | null = null;
	#state: LivePokeState = 'off';

	constructor(deps: LivePokeDeps) {
		this.#deps = deps;
		this.#stream = new EventStream({
			open: (url) => deps.open(url),
			events: ['changed'],
			onEvent: (type, data, target) => this.#event(type, data, target.key),
			onStatus: (state) => this.#setState(state),
			retarget: () => this.#target(),
			after: deps.after,
			reconnectMinMs: deps.reconnectMinMs,
			reconnectMaxMs: deps.reconnectMaxMs
		});
	}

	get state(): LivePokeState {
		return this.#state;
	}

	/** Consecutive drops since the last 'ready'. */
	get failures(): number {
		return this.#stream.failures;
	}

	#setState(state: LivePokeState): void {
		if (state === this.#state) return;
		this.#state = state;
		this.#deps.onState?.(state);
	}

	/** Listens to the network and the page's visibility and opens the stream if wanted; returns the stop function. */
	start(): () => void {
		if (this.#running) return () => this.stop();
		this.#running = true;
		this.#stops = [
			this.#deps.onOnlineChange?.(() => this.update()) ?? (() => {}),
			this.#deps.onVisibilityChange?.((visible) => this.#visibilityChanged(visible)) ?? (() => {})
		];
		if (!this.#deps.isVisible()) this.#visibilityChanged(false);
		this.update();
		return () => this.stop();
	}

	stop(): void {
		if (!this.#running) return;
		this.#running = false;
		this.#stops.forEach((stop) => stop());
		this.#stops = [];
		this.#hiddenTimer?.();
		this.#hiddenTimer = null;
		this.#hiddenLong = false;
		this.#debounce?.();
		this.#debounce = null;
		this.#closeAll();
	}

	/** Re-reads the session and the network: opens, keeps, replaces or closes the stream. Call on login/logout/401. */
	update(): void {
		if (!this.#running) return;
		const token = this.#deps.token();
		if (!token) {
			// signed out or expired: a poke queued for the previous session has nothing to sync
			this.#debounce?.();
			this.#debounce = null;
			this.#marker = null;
		}
		this.#stream.want(this.#target());
	}

	/** The stream wanted now: this session's, unless offline or hidden for long. */
	#target(): { url: string; key: string } | null {
		const token = this.#deps.token();
		if (!this.#running || !token || !this.#deps.isOnline() || this.#hiddenLong) return null;
		if (this.#marker?.token !== token) this.#marker = { token, value: null };
		return { url: `${this.#deps.baseUrl ?? ''}/api/events?access_token=${encodeURIComponent(token)}`, key: token };
	}

	#visibilityChanged(visible: boolean): void {
		if (visible) {
			this.#hiddenTimer?.();
			this.#hiddenTimer = null;
			const wasClosed = this.#hiddenLong;
			this.#hiddenLong = false;
			if (wasClosed) this.update();
			return;
		}
		if (this.#hiddenTimer || this.#hiddenLong) return;
		this.#hiddenTimer = this.#deps.after(this.#deps.hiddenCloseMs ?? HIDDEN_CLOSE_MS, () => {
			this.#hiddenTimer = null;
			this.#hiddenLong = true;
			this.update();
		});
	}

	#closeAll(): void {
		this.#stream.close();
	}

	#event(type: string, data: unknown, token: string): void {
		const marker = markerOf(data);
		if (type === 'ready') {
			// the first stream of a session, or a reopened one that missed a change: sync once
			const known = this.#marker?.token === token ? this.#marker.value : null;
			this.#marker = { token, value: marker };
			if (known === null || marker === null || marker !== known) this.#poke();
			return;
		}
		if (marker !== null) this.#marker = { token, value: marker };
		this.#poke();
	}

	/** A change on the server: sync once after the debounce, whatever the number of pokes in between. */
	#poke(): void {
		if (this.#debounce) return;
		this.#debounce = this.#deps.after(this.#deps.debounceMs ?? POKE_DEBOUNCE_MS, () => {
			this.#debounce = null;
			this.#runSync();
		});
	}

	#runSync(): void {
		if (this.#syncing) {
			// the running sync may have pulled before this change: run another one after it
			this.#again = true;
			return;
		}
		let result: Promise<unknown> | void;
		try {
			result = this.#deps.sync();
		} catch (error) {
			console.warn('[live] sync failed', error);
			return;
		}
		if (!result) return;
		this.#syncing = true;
		void result
			.catch((error: unknown) => console.warn('[live] sync failed', error))
			.finally(() => {
				this.#syncing = false;
				if (this.#again) {
					this.#again = false;
					if (this.#running) this.#runSync();
				}
			});
	}
}
