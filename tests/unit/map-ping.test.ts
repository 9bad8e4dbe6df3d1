import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { isWorkingHours, LocationPing, PING_CHECK_MS, PING_INTERVAL_MS, type LocationPingDeps } from '$lib/client/location-ping';
import type { GeoOutcome } from '$lib/client/geo';

/** VN wall-clock time → instant (UTC+7). 2026-11-23 is a Monday. */
const vn = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

describe('working hours in Asia/Ho_Chi_Minh', () => {
	it('is 07:00 to 18:00, Monday to Saturday', () => {
		expect(isWorkingHours(vn('2026-11-23', '06:59'))).toBe(false);
		expect(isWorkingHours(vn('2026-11-23', '07:00'))).toBe(true);
		expect(isWorkingHours(vn('2026-11-23', '17:59'))).toBe(true);
		expect(isWorkingHours(vn('2026-11-23', '18:00'))).toBe(false);
		expect(isWorkingHours(vn('2026-11-28', '10:00'))).toBe(true); // Saturday
		expect(isWorkingHours(vn('2026-11-29', '10:00'))).toBe(false); // Sunday
		// 01:30 UTC Monday is 08:30 in Hà Nội, whatever the tablet's own time zone
		expect(isWorkingHours(new Date('2026-11-23T01:30:00Z'))).toBe(true);
		// 23:30 UTC Saturday is already Sunday 06:30 in Hà Nội
		expect(isWorkingHours(new Date('2026-11-28T23:30:00Z'))).toBe(false);
	});
});

/** A fake tablet: clock, timer, network, session, GPS and server under the test's control. */
function harness(start: Date, overrides: Partial<LocationPingDeps> = {}) {
	let nowMs = start.getTime();
	let online = true;
	let token: string | null = 'crew-token';
	let fix: GeoOutcome = { ok: true, fix: { lat: 21.03, lng: 105.85, accuracyM: 8 } };
	let status = 200;
	const posts: Array<{ url: string; headers: Record<string, string>; body: Record<string, unknown> }> = [];
	const timers: Array<{ ms: number; tick: () => void; next: number }> = [];
	const onlineListeners: Array<(online: boolean) => void> = [];
	let expired = 0;
	const deps: LocationPingDeps = {
		now: () => new Date(nowMs),
		isOnline: () => online,
		token: () => token,
		locate: async () => fix,
		fetch: (async (url: string, init: RequestInit) => {
			posts.push({ url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
			return new Response(JSON.stringify({ ok: status === 200 }), { status });
		}) as typeof fetch,
		every: (ms, tick) => {
			const timer = { ms, tick, next: nowMs + ms };
			timers.push(timer);
			return () => timers.splice(timers.indexOf(timer), 1);
		},
		onOnlineChange: (listener) => {
			onlineListeners.push(listener);
			return () => onlineListeners.splice(onlineListeners.indexOf(listener), 1);
		},
		onAuthExpired: () => expired++,
		...overrides
	};
	const ping = new LocationPing(deps);
	const settle = () => new Promise((r) => setTimeout(r, 0));
	return {
		ping,
		posts,
		timers,
		get expired() {
			return expired;
		},
		setOnline(value: boolean) {
			online = value;
			onlineListeners.forEach((l) => l(value));
		},
		setToken(value: string | null) {
			token = value;
		},
		setFix(value: GeoOutcome) {
			fix = value;
		},
		setStatus(value: number) {
			status = value;
		},
		/** Moves the clock forward, firing due timers in order, and lets the pings settle. */
		async advance(ms: number) {
			const end = nowMs + ms;
			for (;;) {
				const due = timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
				if (!due) break;
				nowMs = due.next;
				due.next += due.ms;
				due.tick();
				await settle();
			}
			nowMs = end;
			await settle();
		},
		settle
	};
}

describe('location ping scheduling', () => {
	it('sends the GPS fix at start, then once every interval while the conditions hold', async () => {
		const h = harness(vn('2026-11-23', '09:00'));
		const stop = h.ping.start();
		await h.settle();
		expect(h.posts).toHaveLength(1);
		expect(h.posts[0]!.url).toBe('/api/crews/me/position');
		expect(h.posts[0]!.headers.authorization).toBe('Bearer crew-token');
		expect(h.posts[0]!.body).toEqual({ lat: 21.03, lng: 105.85, accuracyM: 8, at: vn('2026-11-23', '09:00').toISOString() });
		expect(get(h.ping.status)).toEqual({ sharing: true, lastPingAt: vn('2026-11-23', '09:00').toISOString(), lastError: null });

		await h.advance(PING_INTERVAL_MS - PING_CHECK_MS);
		expect(h.posts).toHaveLength(1);
		await h.advance(PING_CHECK_MS);
		expect(h.posts).toHaveLength(2);
		await h.advance(30 * 60_000);
		expect(h.posts).toHaveLength(8);
		stop();
		expect(h.timers).toHaveLength(0);
		expect(get(h.ping.status).sharing).toBe(false);
	});

	it('the interval is configurable', async () => {
		const h = harness(vn('2026-11-23', '09:00'), { intervalMs: 10 * 60_000 });
		h.ping.start();
		await h.advance(60 * 60_000);
		expect(h.posts).toHaveLength(7);
	});

	it('never sends while offline, and sends as soon as the network is back', async () => {
		const h = harness(vn('2026-11-23', '09:00'));
		h.setOnline(false);
		h.ping.start();
		await h.advance(30 * 60_000);
		expect(h.posts).toHaveLength(0);
		expect(get(h.ping.status).sharing).toBe(false);
		h.setOnline(true);
		await h.settle();
		expect(h.posts).toHaveLength(1);
		expect(get(h.ping.status).sharing).toBe(true);
	});

	it('does not send a fix that arrived after the network went away', async () => {
		let release: (outcome: GeoOutcome) => void = () => {};
		const h = harness(vn('2026-11-23', '09:00'), { locate: () => new Promise((r) => (release = r)) });
		const sending = h.ping.tick();
		h.setOnline(false);
		release({ ok: true, fix: { lat: 1, lng: 1, accuracyM: 1 } });
		expect(await sending).toEqual({ sent: false, reason: 'offline' });
		expect(h.posts).toHaveLength(0);
	});

	it('never sends outside working hours or on Sunday, and starts within a minute of 07:00', async () => {
		const h = harness(vn('2026-11-23', '06:30'));
		h.ping.start();
		await h.advance(29 * 60_000);
		expect(h.posts).toHaveLength(0);
		expect(await h.ping.tick()).toEqual({ sent: false, reason: 'outside_hours' });
		await h.advance(60_000); // 07:00
		expect(h.posts).toHaveLength(1);
		await h.advance(11 * 3_600_000); // 18:00
		const sentByEvening = h.posts.length;
		expect(new Date(String(h.posts.at(-1)!.body.at)).getTime()).toBeLessThan(vn('2026-11-23', '18:00').getTime());
		await h.advance(12 * 3_600_000); // through the night to 06:00
		expect(h.posts).toHaveLength(sentByEvening);

		const sunday = harness(vn('2026-11-29', '10:00'));
		sunday.ping.start();
		await sunday.advance(3 * 3_600_000);
		expect(sunday.posts).toHaveLength(0);
	});

	it('only for a signed-in crew member; a 401 flags the session expired', async () => {
		const h = harness(vn('2026-11-23', '09:00'));
		h.setToken(null);
		expect(await h.ping.tick()).toEqual({ sent: false, reason: 'signed_out' });
		expect(h.posts).toHaveLength(0);
		h.setToken('old-token');
		h.setStatus(401);
		expect(await h.ping.tick()).toEqual({ sent: false, reason: 'failed' });
		expect(h.expired).toBe(1);
		expect(get(h.ping.status).lastError).toBe('server');
	});

	it('a denied GPS is shown and retried at the next interval, not every minute', async () => {
		const h = harness(vn('2026-11-23', '09:00'));
		h.setFix({ ok: false, error: 'denied' });
		h.ping.start();
		await h.settle();
		expect(get(h.ping.status)).toMatchObject({ sharing: true, lastError: 'denied', lastPingAt: null });
		h.setFix({ ok: true, fix: { lat: 21, lng: 105, accuracyM: 5 } });
		await h.advance(4 * 60_000);
		expect(h.posts).toHaveLength(0);
		await h.advance(60_000);
		expect(h.posts).toHaveLength(1);
		expect(get(h.ping.status).lastError).toBeNull();
	});

	it('a network failure is reported and does not throw', async () => {
		const h = harness(vn('2026-11-23', '09:00'), {
			fetch: (async () => {
				throw new TypeError('Failed to fetch');
			}) as typeof fetch
		});
		expect(await h.ping.tick()).toEqual({ sent: false, reason: 'failed' });
		expect(get(h.ping.status).lastError).toBe('network');
	});
});
