// One exponential backoff for every retry in the app and the server: the crew's push (5 s doubling to 5 min),
// the live streams' reconnects (1 s doubling to 30 s) and the notification dispatcher (30 s doubling to 1 h).
// Pure, no timers: callers count their failures and ask how long to wait.

export interface BackoffBounds {
	/** The wait after the first failure. */
	minMs: number;
	/** The wait never grows past this. */
	maxMs: number;
}

/** The wait after `failures` consecutive failures: minMs, 2·minMs, 4·minMs … capped at maxMs (0 or 1 failure: minMs). */
export function backoffDelay(failures: number, bounds: BackoffBounds): number {
	const steps = Number.isFinite(failures) ? Math.max(0, Math.floor(failures) - 1) : 0;
	return Math.min(bounds.minMs * 2 ** steps, bounds.maxMs);
}
