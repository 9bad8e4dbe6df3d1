import { describe, expect, it } from 'vitest';
import { EventStream, STREAM_CLOSED, type StreamSource, type StreamStatus } from '../../src/lib/client/event-stream';

class FakeSource implements StreamSource {
	closed = false;
	readyState = 0;
	readonly listeners = new Map<string, Array<(event: { data?: unknown }) => void>>();
	constructor(readonly url: string) {}
	addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
	}
	close(): void {
		this.closed = true;
		this.readyState = STREAM_CLOSED;
	}
	fire(type: string, data?: unknown): void {
		for (const listener of this.listeners.get(type) ?? []) listener({ data });
	}
}

function harness(options: { browserRetries?: boolean } = {}) {
	let nowMs = 0;
	const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
	const sources: FakeSource[] = [];
	const events: Array<[string, unknown, string]> = [];
	const statuses: StreamStatus[] = [];
	let target: { url: string; key: string } | null = { url: '/api/events?access_token=a', key: 'a' };
	const stream = new EventStream({
		open: (url) => {
			const source = new FakeSource(url);
			sources.push(source);
			return source;
		},
		events: ['changed'],
		onEvent: (type, data, t) => events.push([type, data, t.key]),
		onStatus: (status) => statuses.push(status),
		retarget: () => target,
		after: (ms, run) => {
			const timer = { at: nowMs + ms, run, cancelled: false };
			timers.push(timer);
			return () => (timer.cancelled = true);
		},
		browserRetries: options.browserRetries
	});
	const advance = (ms: number) => {
		const until = nowMs + ms;
		for (;;) {
			const next = timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
			if (!next) break;
			next.cancelled = true;
			nowMs = next.at;
			next.run();
		}
		nowMs = until;
	};
	return { stream, sources, events, statuses, advance, setTarget: (t: typeof target) => (target = t) };
}

describe('EventStream', () => {
	it('opens one stream per key and hands over its events with the target', () => {
		const h = harness();
		h.stream.want({ url: '/api/events?access_token=a', key: 'a' });
		h.stream.want({ url: '/api/events?access_token=a', key: 'a' });
		expect(h.sources).toHaveLength(1);
		h.sources[0]!.fire('ready', '{"marker":"1"}');
		h.sources[0]!.fire('changed', '{"marker":"2"}');
		expect(h.events).toEqual([
			['ready', '{"marker":"1"}', 'a'],
			['changed', '{"marker":"2"}', 'a']
		]);
		expect(h.statuses).toEqual(['connecting', 'live']);
		h.stream.want({ url: '/api/events?access_token=b', key: 'b' });
		expect(h.sources[0]!.closed).toBe(true);
		h.sources[0]!.fire('changed'); // a stream let go says nothing any more
		expect(h.events).toHaveLength(2);
	});

	it('reopens a dropped stream with backoff (1 s, 2 s …), asking what to reopen, and resets after ready', () => {
		const h = harness();
		h.stream.want({ url: 'u-a', key: 'a' });
		h.sources[0]!.fire('error');
		expect(h.sources[0]!.closed).toBe(true);
		expect(h.stream.failures).toBe(1);
		h.advance(999);
		expect(h.sources).toHaveLength(1);
		h.advance(1);
		expect(h.sources).toHaveLength(2);
		expect(h.sources[1]!.url).toBe('/api/events?access_token=a');
		h.sources[1]!.fire('error');
		h.advance(1_999);
		expect(h.sources).toHaveLength(2);
		h.advance(1);
		expect(h.sources).toHaveLength(3);
		expect(h.stream.reopened).toBe(true);
		h.sources[2]!.fire('ready');
		expect(h.stream.failures).toBe(0);
		h.setTarget(null);
		h.sources[2]!.fire('error');
		h.advance(1_000);
		expect(h.sources).toHaveLength(3); // nothing to reopen: closed
		expect(h.statuses.at(-1)).toBe('off');
	});

	it('leaves a stream the browser is retrying alone when told, and reopens one it closed', () => {
		const h = harness({ browserRetries: true });
		h.stream.want({ url: 'u-a', key: 'a' });
		h.sources[0]!.fire('error');
		expect(h.sources[0]!.closed).toBe(false);
		expect(h.statuses.at(-1)).toBe('retrying');
		h.sources[0]!.readyState = STREAM_CLOSED;
		h.sources[0]!.fire('error');
		h.advance(1_000);
		expect(h.sources).toHaveLength(2);
	});

	it('close forgets a pending reopen', () => {
		const h = harness();
		h.stream.want({ url: 'u-a', key: 'a' });
		h.sources[0]!.fire('error');
		h.stream.close();
		h.advance(60_000);
		expect(h.sources).toHaveLength(1);
		expect(h.statuses.at(-1)).toBe('off');
	});
});
