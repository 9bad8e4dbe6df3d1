// The console's live helper holds a re-read while the page navigates (SvelteKit lets an invalidation win over a
// navigation in flight, which would swallow the supervisor's press), then re-reads once when it ends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listenForChanges, type EventSourceLike, type NavigationGate } from '../../src/lib/console/live';

class FakeEventSource implements EventSourceLike {
	readyState = 0;
	onerror: ((event: Event) => void) | null = null;
	#listeners = new Map<string, Array<(event: Event) => void>>();
	addEventListener(type: string, listener: (event: Event) => void): void {
		this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
	}
	emit(type: string): void {
		if (type === 'ready') this.readyState = 1;
		for (const l of this.#listeners.get(type) ?? []) l(new Event(type));
	}
	close(): void {
		this.readyState = 2;
	}
}

/** A navigation the test starts and ends, as SvelteKit's `navigating` would. */
class FakeNavigation implements NavigationGate {
	navigating = false;
	waiting: Array<() => void> = [];
	busy(): boolean {
		return this.navigating;
	}
	whenSettled(settled: () => void): () => void {
		this.waiting.push(settled);
		return () => (this.waiting = this.waiting.filter((w) => w !== settled));
	}
	start(): void {
		this.navigating = true;
	}
	end(): void {
		this.navigating = false;
		const waiting = this.waiting;
		this.waiting = [];
		for (const settled of waiting) settled();
	}
}

describe('live changes during a navigation', () => {
	let source: FakeEventSource;
	let navigation: FakeNavigation;
	let onChange: ReturnType<typeof vi.fn<() => void>>;
	let stop: () => void;

	beforeEach(() => {
		vi.useFakeTimers();
		navigation = new FakeNavigation();
		onChange = vi.fn<() => void>();
		stop = listenForChanges({
			url: () => '/api/events?access_token=t',
			onChange,
			debounceMs: 300,
			navigation,
			createEventSource: () => (source = new FakeEventSource())
		});
		source.emit('ready');
	});
	afterEach(() => {
		stop();
		vi.useRealTimers();
	});

	it('re-reads at once when no navigation runs', () => {
		source.emit('changed');
		vi.advanceTimersByTime(300);
		expect(onChange).toHaveBeenCalledOnce();
		expect(navigation.waiting).toHaveLength(0);
	});

	it('holds the re-read until the navigation ends, then re-reads once for every change made meanwhile', () => {
		navigation.start(); // the supervisor pressed a filter
		source.emit('changed');
		vi.advanceTimersByTime(300);
		source.emit('changed');
		vi.advanceTimersByTime(300);
		expect(onChange).not.toHaveBeenCalled();
		expect(navigation.waiting).toHaveLength(1);
		navigation.end();
		expect(onChange).toHaveBeenCalledOnce();
		// the next change, with no navigation, is read at once again
		source.emit('changed');
		vi.advanceTimersByTime(300);
		expect(onChange).toHaveBeenCalledTimes(2);
	});

	it('a change that comes while the navigation starts inside the debounce waits too', () => {
		source.emit('changed');
		vi.advanceTimersByTime(200);
		navigation.start();
		vi.advanceTimersByTime(100);
		expect(onChange).not.toHaveBeenCalled();
		navigation.end();
		expect(onChange).toHaveBeenCalledOnce();
	});

	it('stopping (the page left) drops a held re-read', () => {
		navigation.start();
		source.emit('changed');
		vi.advanceTimersByTime(300);
		stop();
		expect(navigation.waiting).toHaveLength(0);
		navigation.end();
		expect(onChange).not.toHaveBeenCalled();
	});
});
