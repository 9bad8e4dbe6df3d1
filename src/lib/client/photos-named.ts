// The photos the crew's commands and drafts name: kept on the tablet while one of them still needs it.
import { blobsOf } from '$lib/domain/commands';
import type { Draft, OutboxCommand } from './store';

/** The photos commands and drafts name (drafts are free-form, so any SHA-256 string in them counts). */
export function photosNamedBy(commands: readonly Pick<OutboxCommand, 'name' | 'payload'>[], drafts: readonly Draft[]): Set<string> {
	const named = new Set<string>();
	for (const c of commands) for (const sha of blobsOf(c.name, c.payload)) named.add(sha);
	for (const d of drafts) for (const sha of JSON.stringify(d.data ?? null).match(/\b[0-9a-f]{64}\b/g) ?? []) named.add(sha);
	return named;
}
