// The supervisor operations' date and time inputs: a visit's time in Hà Nội for a datetime-local input, and back.
// The operations themselves (reschedule, cancel, handovers) are the console's typed client's (ConsoleApi).
import { VN_OFFSET_MS } from '$lib/domain/sla';

/** "2026-12-05T08:30" in Hà Nội, for a datetime-local input, and back to an instant with its offset. */
export function localInputOf(iso: string): string {
	return new Date(new Date(iso).getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
}
export function instantOfLocalInput(value: string): string {
	return `${value}:00+07:00`;
}
