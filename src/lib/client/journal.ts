// The device journal (docs/sync-protocol.md, "Device journal"): commands the server decided are kept on the
// tablet, with the photos they name, for a retention window instead of being forgotten. If the server later
// reports a lastSeq below what it had already decided for this device (restored from a backup, or PGlite lost
// its last seconds), the tablet puts those commands back in the outbox and sends them again, in seq order and
// photos first, so the server's loss is healed by the devices instead of being a silent hole.
// Every function here runs inside the caller's store transaction unless it says otherwise.
import { blobsOf } from '$lib/domain/commands';
import type { JournalEntry, JournalReplay, LocalStore, OutboxCommand } from './store';
import { photosNamedBy } from './photos-named';

import { JOURNAL_RETENTION_DAYS } from './journal-policy';
export { JOURNAL_RETENTION_DAYS };
/** The journal's share of the tablet's storage (its own bytes and the photos only it still needs). */
export const JOURNAL_BUDGET_BYTES = 300 * 1024 * 1024;

export interface JournalPolicy {
	retentionMs: number;
	budgetBytes: number;
}

export const DEFAULT_JOURNAL_POLICY: JournalPolicy = {
	retentionMs: JOURNAL_RETENTION_DAYS * 24 * 3_600_000,
	budgetBytes: JOURNAL_BUDGET_BYTES
};

function toEntry(command: OutboxCommand, journaledAt: string): JournalEntry {
	const { resend: _resend, lastError: _lastError, status, ...rest } = command;
	if (status === 'pending') throw new Error(`Thao tác số ${command.seq} chưa được máy chủ quyết định, không thể ghi vào nhật ký`);
	return { ...rest, status, journaledAt };
}

/** Decided commands leave the outbox (and the crew's view) for the journal. */
export async function journalDecided(store: LocalStore, commands: readonly OutboxCommand[], at: string): Promise<void> {
	if (commands.length === 0) return;
	await store.putJournal(commands.map((c) => toEntry(c, at)));
	await store.deleteCommands(commands.map((c) => c.commandId));
}

/** The highest seq the server ever said it decided for this device (older tablets only kept serverLastSeq). */
export async function acknowledgedSeqOf(store: LocalStore): Promise<number> {
	return (await store.getMeta('acknowledgedSeq')) ?? (await store.getMeta('serverLastSeq')) ?? 0;
}

export interface ServerLastSeqOptions {
	/** Device clock, ISO. */
	at: string;
	/** A new device id, for when the journal cannot reach back to what the server lost. */
	newDeviceId: () => string;
}

/**
 * Records the lastSeq the server just reported (pull or push answer). Below what it had already decided, the
 * lost commands are put back to be sent again and the re-send is returned; otherwise undefined.
 */
export async function noteServerLastSeq(store: LocalStore, lastSeq: number, options: ServerLastSeqOptions): Promise<JournalReplay | undefined> {
	const acknowledged = await acknowledgedSeqOf(store);
	await store.setMeta('serverLastSeq', lastSeq);
	if (lastSeq >= acknowledged) {
		await store.setMeta('acknowledgedSeq', lastSeq);
		return undefined;
	}
	return resendLost(store, lastSeq, acknowledged, options);
}

async function resendLost(store: LocalStore, serverLastSeq: number, acknowledged: number, options: ServerLastSeqOptions): Promise<JournalReplay> {
	const journaled = (await store.listJournal()).filter((e) => e.seq > serverLastSeq);
	const inOutbox = (await store.listCommands()).filter((c) => c.seq > serverLastSeq);
	const held = new Set([...journaled, ...inOutbox].map((c) => c.seq));
	const missing: number[] = [];
	for (let seq = serverLastSeq + 1; seq <= acknowledged; seq++) if (!held.has(seq)) missing.push(seq);

	// Back to the outbox as pending: they are replayed on the crew's view again and pushed by the ordinary push.
	const again: OutboxCommand[] = [
		...journaled.map(({ journaledAt: _at, ...entry }): OutboxCommand => ({
			...undecided(entry),
			status: 'pending',
			resend: entry.status === 'applied' ? 'applied' : 'dismissed'
		})),
		...inOutbox.map((c): OutboxCommand => (c.status === 'pending' ? c : { ...undecided(c), status: 'pending', resend: c.status }))
	].sort((a, b) => a.seq - b.seq);
	const count = again.filter((c) => c.resend !== undefined).length;

	await store.deleteJournal(journaled.map((e) => e.commandId));
	await store.deleteCommands(inOutbox.map((c) => c.commandId));
	let renumbered = again;
	if (missing.length > 0) {
		// The journal no longer reaches back to lastSeq + 1, so these seqs can never be filled: the server would
		// answer seq_gap forever. What is left goes under a new device id, renumbered from 1 (command ids are
		// unique forever, so nothing the server still has can apply twice).
		// The old device's seqs below lastSeq must not clash with the new ones: the server has those commands, so an
		// applied one is done, a rejected one still shown to the crew moves below every seq in use, and one whose
		// answer never arrived is sent again (a duplicate commandId is refused by the server, never applied twice).
		const leftovers = (await store.listCommands()).filter((c) => c.seq <= serverLastSeq);
		const lowest = Math.min(0, ...leftovers.map((c) => c.seq));
		await store.deleteCommands(leftovers.map((c) => c.commandId));
		for (const c of leftovers) if (c.status === 'rejected') await store.putCommand({ ...c, seq: c.seq - serverLastSeq - 1 + lowest });
		again.unshift(...leftovers.filter((c) => c.status === 'pending'));
		renumbered = again.map((c, i) => ({ ...c, seq: i + 1 }));
		// The rest of the journal speaks of the old device's seqs: no use (and a clash) under the new one.
		await store.deleteJournal((await store.listJournal()).map((e) => e.commandId));
		await store.setMeta('deviceId', options.newDeviceId());
		await store.setMeta('seqCounter', renumbered.length);
		await store.setMeta('serverLastSeq', 0);
	}
	for (const command of renumbered) await store.putCommand(command);
	await store.setMeta('acknowledgedSeq', missing.length > 0 ? 0 : serverLastSeq);

	// The server may have lost the photos too: upload them again (PUT is idempotent by SHA-256).
	for (const sha of new Set(renumbered.filter((c) => c.resend !== undefined).flatMap((c) => blobsOf(c.name, c.payload)))) {
		const photo = await store.getPhoto(sha);
		if (photo?.uploaded) await store.putPhoto({ ...photo, uploaded: false });
	}

	const replay: JournalReplay = {
		startedAt: options.at,
		serverLastSeq,
		highestAcknowledgedSeq: acknowledged,
		count,
		...(missing.length > 0 ? { lost: { fromSeq: missing[0]!, toSeq: missing.at(-1)!, count: missing.length } } : {})
	};
	if (count === 0 && !replay.lost) replay.finishedAt = options.at;
	// Whoever looks at the tablet's log (a supervisor, the support desk) sees the server's loss, never hidden.
	console.warn(
		`[journal] the server reports lastSeq ${serverLastSeq} for this device but had decided up to ${acknowledged}: ${count} command(s) sent again` +
			(replay.lost ? `; seqs ${replay.lost.fromSeq}–${replay.lost.toSeq} were no longer in the journal and are lost (continuing as a new device)` : '')
	);
	await store.setMeta('journalReplay', replay);
	return replay;
}

function undecided<T extends Omit<OutboxCommand, 'status'>>(command: T): Omit<T, 'decidedAt' | 'code' | 'reason' | 'fields' | 'lastError'> & { attempts: number } {
	const { decidedAt: _d, code: _c, reason: _r, fields: _f, lastError: _l, ...rest } = command;
	return { ...rest, attempts: 0 };
}

/** Marks the re-send finished once no re-sent command waits for the server any more. */
export async function settleReplay(store: LocalStore, at: string): Promise<void> {
	const replay = await store.getMeta('journalReplay');
	if (!replay || replay.finishedAt) return;
	const waiting = (await store.listCommands({ status: 'pending' })).some((c) => c.resend !== undefined);
	if (!waiting) await store.setMeta('journalReplay', { ...replay, finishedAt: at });
}

export interface JournalPruning {
	/** Entries past the retention window. */
	expired: number;
	/** Entries dropped, oldest first, to fit the budget. */
	overBudget: number;
}

/**
 * Drops journal entries past the retention window, then the oldest ones until the journal (its entries and the
 * photos no outbox command, draft or kept entry still names) fits the budget. Runs its own transaction; the
 * photos themselves are freed by prunePhotos afterwards.
 */
export async function pruneJournal(store: LocalStore, nowMs: number, policy: JournalPolicy = DEFAULT_JOURNAL_POLICY): Promise<JournalPruning> {
	return store.transaction(async () => {
		const entries = await store.listJournal();
		const cutoff = nowMs - policy.retentionMs;
		const expired = entries.filter((e) => Date.parse(e.journaledAt) < cutoff);
		const kept = entries.filter((e) => !expired.includes(e));

		const neededElsewhere = photosNamedBy(await store.listCommands(), await store.listDrafts());
		const photoBytes = new Map((await store.listPhotos()).map((p) => [p.sha256, p.size]));
		const namers = new Map<string, number>();
		const ownPhotos = (e: JournalEntry) => [...new Set(blobsOf(e.name, e.payload))].filter((sha) => !neededElsewhere.has(sha));
		let bytes = 0;
		for (const entry of kept) {
			bytes += entryBytes(entry);
			for (const sha of ownPhotos(entry)) {
				const n = namers.get(sha) ?? 0;
				if (n === 0) bytes += photoBytes.get(sha) ?? 0;
				namers.set(sha, n + 1);
			}
		}
		let overBudget = 0;
		while (bytes > policy.budgetBytes && overBudget < kept.length) {
			const oldest = kept[overBudget++]!;
			bytes -= entryBytes(oldest);
			for (const sha of ownPhotos(oldest)) {
				const n = namers.get(sha)! - 1;
				namers.set(sha, n);
				if (n === 0) bytes -= photoBytes.get(sha) ?? 0;
			}
		}
		await store.deleteJournal([...expired, ...kept.slice(0, overBudget)].map((e) => e.commandId));
		return { expired: expired.length, overBudget };
	});
}

/** Roughly what an entry takes in IndexedDB: its JSON, UTF-16 counted as 2 bytes per unit. */
function entryBytes(entry: JournalEntry): number {
	return JSON.stringify(entry).length * 2;
}
