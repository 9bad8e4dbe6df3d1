import { describe, expect, it } from 'vitest';
import {
	HIDDEN_CLOSE_MS,
	LivePoke,
	POKE_DEBOUNCE_MS,
	RECONNECT_MAX_MS,
	reconnectDelayMs,
	type LivePokeDeps,
	type LivePokeState,
	type PokeStream
} from '$lib/client/live-poke';

/** A fake EventSource: the test fires the server's events; it records whether it was closed. */
class FakeStream implements PokeStream {
	closed = false;
	readonly listeners = new Map<string, Array<(event: { data?: unknown }) => void>>();
	constructor(readonly url: string) {}
	addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
	}
	close(): void {
		this.closed = true;
	}
	fire(type: 'ready' | 'changed' | 'ping' | 'error', data?: unknown): void {
		for (const listener of this.listeners.get(type) ?? []) listener({ data });
	}
	ready(marker: string) {
		this.fire('ready', JSON.stringify({ marker }));
	}
	changed(marker: string) {
		this.fire('changed', JSON.stringify({ marker }));
	}
}

/** A fake tablet: clock and timers, network, visibility, session, and a sync that resolves when told to. */
function harness(overrides: Partial<LivePokeDeps> = {}) {
	let nowMs = 0;
	let online = true;
	let visible = true;
	let token: string | null = 'crew-token';
	const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
	const streams: FakeStream[] = [];
	const onlineListeners: Array<(online: boolean) => void> = [];
	const visibilityListeners: Array<(visible: boolean) => void> = [];
	const states: LivePokeState[] = [];
	let syncs = 0;
	let finishSync: (() => void) | null = null;
	let holdSync = false;
	let maxOpen = 0;

	const deps: LivePokeDeps = {
		token: () => token,
		isOnline: () => online,
		isVisible: () => visible,
		open: (url) => {
			const stream = new FakeStream(url);
			streams.push(stream);
			maxOpen = Math.max(maxOpen, streams.filter((s) => !s.closed).length);
			return stream;
		},
		sync: () => {
			syncs++;
			if (!holdSync) return Promise.resolve(null);
			return new Promise<void>((resolve) => (finishSync = resolve));
		},
		after: (ms, run) => {
			const timer = { at: nowMs + ms, run, cancelled: false };
			timers.push(timer);
			return () => (timer.cancelled = true);
		},
		onOnlineChange: (listener) => {
			onlineListeners.push(listener);
			return () => onlineListeners.splice(onlineListeners.indexOf(listener), 1);
		},
		onVisibilityChange: (listener) => {
			visibilityListeners.push(listener);
			return () => visibilityListeners.splice(visibilityListeners.indexOf(listener), 1);
		},
		onState: (state) => states.push(state),
		...overrides
	};
	const poke = new LivePoke(deps);

	/** Moves the clock, running every timer that falls due in order (and any they schedule), then lets promises settle. */
	async function advance(ms: number) {
		const end = nowMs + ms;
		for (;;) {
			const due = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			nowMs = due.at;
			due.cancelled = true;
			due.run();
			await flush();
		}
		nowMs = end;
		await flush();
	}
	const flush = async () => {
		for (let i = 0; i < 5; i++) await Promise.resolve();
	};
	return {
		poke,
		streams,
		states,
		get syncs() {
			return syncs;
		},
		get maxOpen() {
			return maxOpen;
		},
		open: () => streams.filter((s) => !s.closed),
		last: () => streams.at(-1)!,
		advance,
		flush,
		setOnline(value: boolean) {
			online = value;
			onlineListeners.forEach((l) => l(value));
		},
		setVisible(value: boolean) {
			visible = value;
			visibilityListeners.forEach((l) => l(value));
		},
		setToken(value: string | null) {
			token = value;
			poke.update();
		},
		holdSyncs() {
			holdSync = true;
		},
		finishSync() {
			const done = finishSync;
			finishSync = null;
			done?.();
		},
		pendingTimers: () => timers.filter((t) => !t.cancelled).length
	};
}

describe('reconnect backoff', () => {
	it('doubles from 1 s up to 30 s', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => reconnectDelayMs(n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
		expect(RECONNECT_MAX_MS).toBe(30_000);
	});
});

describe('the crew’s live poke', () => {
	it('opens one stream with the crew’s token and syncs once on a change, debounced', async () => {
		const h = harness();
		h.poke.start();
		expect(h.streams).toHaveLength(1);
		expect(h.last().url).toBe('/api/events?access_token=crew-token');
		expect(h.poke.state).toBe('connecting');

		h.last().ready('5:0');
		expect(h.poke.state).toBe('live');
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(1); // the first stream of a session catches what happened before it opened

		h.last().fire('ping', '');
		await h.advance(10_000);
		expect(h.syncs).toBe(1); // keep-alives do nothing

		// a burst of changes within the debounce makes one sync, a second after the first
		h.last().changed('6:0');
		await h.advance(300);
		h.last().changed('7:0');
		await h.advance(POKE_DEBOUNCE_MS - 301);
		expect(h.syncs).toBe(1);
		await h.advance(1);
		expect(h.syncs).toBe(2);
		await h.advance(5_000);
		expect(h.syncs).toBe(2);
		expect(h.maxOpen).toBe(1);
		expect(h.streams).toHaveLength(1);
	});

	it('does not open a stream without a crew session, offline, or before start', async () => {
		const h = harness();
		h.setToken(null);
		expect(h.streams).toHaveLength(0); // not started yet
		h.poke.start();
		expect(h.streams).toHaveLength(0);
		expect(h.poke.state).toBe('off');
		h.setOnline(false);
		h.setToken('crew-token');
		expect(h.streams).toHaveLength(0);
		h.setOnline(true);
		expect(h.open()).toHaveLength(1);
	});

	it('closes on logout or an expired session and reopens on the next login', async () => {
		const h = harness();
		h.poke.start();
		const first = h.last();
		first.ready('1:0');
		first.changed('2:0');
		h.setToken(null); // logout (or a 401) before the debounce ends
		expect(first.closed).toBe(true);
		expect(h.poke.state).toBe('off');
		await h.advance(POKE_DEBOUNCE_MS * 2);
		expect(h.syncs).toBe(0); // the previous session's poke is dropped

		h.setToken('other-crew-token');
		expect(h.open()).toHaveLength(1);
		expect(h.last().url).toBe('/api/events?access_token=other-crew-token');
		// a new login is a new session: its first 'ready' syncs whatever the marker
		h.last().ready('2:0');
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(1);
		expect(h.maxOpen).toBe(1);
	});

	it('replaces the stream when the token changes, never keeping two', () => {
		const h = harness();
		h.poke.start();
		const first = h.last();
		h.setToken('new-token');
		expect(first.closed).toBe(true);
		expect(h.open()).toHaveLength(1);
		expect(h.last().url).toContain('new-token');
		h.poke.update();
		h.poke.update();
		expect(h.streams).toHaveLength(2);
		expect(h.maxOpen).toBe(1);
		// a late event from the closed stream is ignored
		first.fire('error');
		expect(h.poke.state).toBe('connecting');
		expect(h.open()).toHaveLength(1);
	});

	it('closes when the tablet goes offline and reopens at once when it is back', async () => {
		const h = harness();
		h.poke.start();
		const first = h.last();
		first.ready('1:0');
		h.setOnline(false);
		expect(first.closed).toBe(true);
		expect(h.poke.state).toBe('off');
		await h.advance(60_000);
		expect(h.streams).toHaveLength(1); // no reconnect attempts while offline
		h.setOnline(true);
		expect(h.open()).toHaveLength(1);
		expect(h.streams).toHaveLength(2);
	});

	it('reconnects with backoff 1 s → 30 s when the stream drops, and resets after a good connection', async () => {
		const h = harness();
		h.poke.start();
		const openedAt: number[] = [];
		let elapsed = 0;
		for (let attempt = 1; attempt <= 7; attempt++) {
			const stream = h.last();
			stream.fire('error');
			expect(stream.closed).toBe(true);
			expect(h.poke.state).toBe('retrying');
			expect(h.open()).toHaveLength(0);
			const delay = reconnectDelayMs(attempt);
			await h.advance(delay - 1);
			expect(h.streams).toHaveLength(attempt);
			await h.advance(1);
			elapsed += delay;
			openedAt.push(elapsed);
			expect(h.streams).toHaveLength(attempt + 1);
		}
		expect(openedAt).toEqual([1_000, 3_000, 7_000, 15_000, 31_000, 61_000, 91_000]);
		// connected again: the next drop waits 1 s again
		h.last().ready('3:0');
		expect(h.poke.failures).toBe(0);
		h.last().fire('error');
		await h.advance(1_000);
		expect(h.open()).toHaveLength(1);
		expect(h.maxOpen).toBe(1);
	});

	it('an update during the backoff does not open a second stream early', async () => {
		const h = harness();
		h.poke.start();
		h.last().fire('error');
		h.poke.update();
		h.poke.update();
		expect(h.streams).toHaveLength(1);
		await h.advance(1_000);
		expect(h.streams).toHaveLength(2);
		expect(h.maxOpen).toBe(1);
	});

	it('gives up retrying when the session ends during the backoff', async () => {
		const h = harness();
		h.poke.start();
		h.last().fire('error');
		h.setToken(null);
		await h.advance(60_000);
		expect(h.streams).toHaveLength(1);
		expect(h.poke.state).toBe('off');
		expect(h.pendingTimers()).toBe(0);
	});

	it('syncs after a reconnect only when the server’s change marker moved meanwhile', async () => {
		const h = harness();
		h.poke.start();
		h.last().ready('10:0');
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(1);

		h.last().fire('error');
		await h.advance(1_000);
		h.last().ready('10:0'); // nothing changed while it was down
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(1);

		h.last().fire('error');
		await h.advance(1_000);
		h.last().ready('11:0'); // a job was assigned while it was down
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(2);
	});

	it('closes after the app has been hidden for long, and reopens (and catches up) when it is seen again', async () => {
		const h = harness();
		h.poke.start();
		const first = h.last();
		first.ready('1:0');
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(1);

		// briefly hidden: the stream stays
		h.setVisible(false);
		await h.advance(HIDDEN_CLOSE_MS - 1);
		h.setVisible(true);
		await h.advance(HIDDEN_CLOSE_MS * 2);
		expect(first.closed).toBe(false);

		// hidden for long: closed, and not reopened while hidden
		h.setVisible(false);
		await h.advance(HIDDEN_CLOSE_MS);
		expect(first.closed).toBe(true);
		expect(h.poke.state).toBe('off');
		h.setOnline(false);
		h.setOnline(true);
		expect(h.open()).toHaveLength(0);

		h.setVisible(true);
		expect(h.open()).toHaveLength(1);
		h.last().ready('2:0');
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(2);
		expect(h.maxOpen).toBe(1);
	});

	it('starting while hidden still opens, and closes if it stays hidden', async () => {
		const h = harness({ isVisible: () => false });
		h.poke.start();
		expect(h.open()).toHaveLength(1);
		await h.advance(HIDDEN_CLOSE_MS);
		expect(h.open()).toHaveLength(0);
	});

	it('a change during a running sync gets one more sync after it', async () => {
		const h = harness();
		h.holdSyncs();
		h.poke.start();
		h.last().ready('1:0');
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(1);
		h.last().changed('2:0');
		await h.advance(POKE_DEBOUNCE_MS);
		h.last().changed('3:0');
		await h.advance(POKE_DEBOUNCE_MS);
		expect(h.syncs).toBe(1); // still running
		h.finishSync();
		await h.flush();
		expect(h.syncs).toBe(2); // one more, not one per poke
		h.finishSync();
		await h.flush();
		expect(h.syncs).toBe(2);
	});

	it('stop closes everything and ignores later events', async () => {
		const h = harness();
		const stop = h.poke.start();
		const stream = h.last();
		stream.ready('1:0');
		stop();
		expect(stream.closed).toBe(true);
		expect(h.poke.state).toBe('off');
		stream.changed('2:0');
		h.setOnline(true);
		h.poke.update();
		await h.advance(60_000);
		expect(h.syncs).toBe(0);
		expect(h.streams).toHaveLength(1);
		expect(h.states).toEqual(['connecting', 'live', 'off']);
	});
});
