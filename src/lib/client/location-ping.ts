// The tablet's light location ping: while online, signed in as a crew member, during working hours (07:00–18:00
// Asia/Ho_Chi_Minh, Monday to Saturday), every PING_INTERVAL_MS the current GPS fix is sent to
// POST /api/crews/me/position so supervisors see where the crew is. Never offline, never outside working hours.
// The scheduling is pure over injected clock, timer, geolocation and fetch (tests/unit/map-ping.test.ts).
import { writable, type Readable } from 'svelte/store';
import { VN_OFFSET_MS } from '$lib/domain/sla';
import type { GeoFailure, GeoOutcome } from './geo';

/** How often a position is sent while sharing. */
export const PING_INTERVAL_MS = 5 * 60_000;
/** How often the conditions are re-checked (so sharing starts within a minute of 07:00 or of the network). */
export const PING_CHECK_MS = 60_000;
export const WORK_START_HOUR = 7;
export const WORK_END_HOUR = 18;

/** 07:00 ≤ VN time < 18:00, Monday to Saturday. */
export function isWorkingHours(now: Date): boolean {
	const vn = new Date(now.getTime() + VN_OFFSET_MS);
	const day = vn.getUTCDay();
	if (day === 0) return false;
	const minutes = vn.getUTCHours() * 60 + vn.getUTCMinutes();
	return minutes >= WORK_START_HOUR * 60 && minutes < WORK_END_HOUR * 60;
}

export interface PingStatus {
	/** Online, a crew session, working hours: the position is being shared. */
	sharing: boolean;
	/** Last position the server accepted, ISO. */
	lastPingAt: string | null;
	/** Why the last attempt failed, if it did. */
	lastError: GeoFailure | 'network' | 'server' | null;
}

export type PingOutcome =
	| { sent: true; at: string }
	| { sent: false; reason: 'offline' | 'signed_out' | 'outside_hours' | 'not_due' | 'busy' | 'no_fix' | 'failed' };

export interface LocationPingDeps {
	now: () => Date;
	isOnline: () => boolean;
	/** The crew member's token; null when signed out, expired, or not a crew member. */
	token: () => string | null;
	locate: () => Promise<GeoOutcome>;
	fetch: typeof globalThis.fetch;
	every: (ms: number, tick: () => void) => () => void;
	onOnlineChange?: (listener: (online: boolean) => void) => () => void;
	onAuthExpired?: () => void;
	intervalMs?: number;
	checkMs?: number;
}

export class LocationPing {
	readonly #status = writable<PingStatus>({ sharing: false, lastPingAt: null, lastError: null });
	readonly status: Readable<PingStatus> = { subscribe: this.#status.subscribe };
	#deps: LocationPingDeps;
	#lastAttemptMs: number | null = null;
	#busy = false;
	#current: PingStatus = { sharing: false, lastPingAt: null, lastError: null };

	constructor(deps: LocationPingDeps) {
		this.#deps = deps;
	}

	get intervalMs(): number {
		return this.#deps.intervalMs ?? PING_INTERVAL_MS;
	}

	get current(): PingStatus {
		return this.#current;
	}

	#set(patch: Partial<PingStatus>): void {
		this.#current = { ...this.#current, ...patch };
		this.#status.set(this.#current);
	}

	/** Why no position may be sent right now, or null when sharing. */
	blocker(): 'offline' | 'signed_out' | 'outside_hours' | null {
		if (!this.#deps.isOnline()) return 'offline';
		if (!this.#deps.token()) return 'signed_out';
		if (!isWorkingHours(this.#deps.now())) return 'outside_hours';
		return null;
	}

	/** Checks the conditions and sends a position when one is due (at most one per interval). */
	async tick(): Promise<PingOutcome> {
		const blocked = this.blocker();
		this.#set({ sharing: blocked === null });
		if (blocked) return { sent: false, reason: blocked };
		const nowMs = this.#deps.now().getTime();
		if (this.#lastAttemptMs !== null && nowMs - this.#lastAttemptMs < this.intervalMs) return { sent: false, reason: 'not_due' };
		if (this.#busy) return { sent: false, reason: 'busy' };
		this.#busy = true;
		this.#lastAttemptMs = nowMs;
		try {
			const fix = await this.#deps.locate();
			if (!fix.ok) {
				this.#set({ lastError: fix.error });
				return { sent: false, reason: 'no_fix' };
			}
			// the fix may take a while: the network or the session may be gone by now
			const token = this.#deps.token();
			if (!this.#deps.isOnline() || !token) {
				this.#set({ sharing: false });
				return { sent: false, reason: !token ? 'signed_out' : 'offline' };
			}
			const at = this.#deps.now().toISOString();
			let response: Response;
			try {
				response = await this.#deps.fetch('/api/crews/me/position', {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
					body: JSON.stringify({ ...fix.fix, at })
				});
			} catch {
				this.#set({ lastError: 'network' });
				return { sent: false, reason: 'failed' };
			}
			if (response.status === 401) this.#deps.onAuthExpired?.();
			if (!response.ok) {
				this.#set({ lastError: 'server' });
				return { sent: false, reason: 'failed' };
			}
			this.#set({ lastPingAt: at, lastError: null });
			return { sent: true, at };
		} finally {
			this.#busy = false;
		}
	}

	/** Starts checking every PING_CHECK_MS (and when the network comes back); returns the stop function. */
	start(): () => void {
		const stops = [
			this.#deps.every(this.#deps.checkMs ?? PING_CHECK_MS, () => void this.tick()),
			this.#deps.onOnlineChange?.(() => void this.tick()) ?? (() => {})
		];
		void this.tick();
		return () => {
			stops.forEach((stop) => stop());
			this.#set({ sharing: false });
		};
	}

	/** Forgets the last ping (logout). */
	reset(): void {
		this.#lastAttemptMs = null;
		this.#set({ sharing: false, lastPingAt: null, lastError: null });
	}
}
