// The console's calls for the supervisor operations (reschedule, cancel, handovers), through its typed client: a
// refusal, no network or an unreadable answer comes back in words (ConsoleApiError), never a status or fetch's own text.
import { VN_OFFSET_MS } from '$lib/domain/sla';
import { consoleApi } from './client';

export const operationsApi = {
	reschedule: (jobId: string, scheduledAt: string) => consoleApi.reschedule(jobId, scheduledAt),
	cancel: (requestId: string, reason: string) => consoleApi.cancel(requestId, reason),
	handovers: (requestId: string) => consoleApi.handovers(requestId),
	accept: (id: string) => consoleApi.acceptHandover(id),
	pass: (id: string) => consoleApi.passHandover(id)
};

/** "2026-12-05T08:30" in Hà Nội, for a datetime-local input, and back to an instant with its offset. */
export function localInputOf(iso: string): string {
	return new Date(new Date(iso).getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
}
export function instantOfLocalInput(value: string): string {
	return `${value}:00+07:00`;
}
