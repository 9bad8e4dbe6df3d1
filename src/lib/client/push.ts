// The sync cycle (docs/sync-protocol.md, "What the tablet does"): one tab at a time, upload the photos pending
// commands name, push pending commands in seq order, then pull with our deviceId so applied commands whose
// effect the pulled jobs now carry are dropped. Pure logic over LocalStore and an injected fetch.
//
// Push results: applied → kept 'applied' until a pull reports lastSeq ≥ seq; rejected → kept with code and
// Vietnamese reason until the crew redoes or dismisses it; retry / 5xx / no network → stays pending, attempts+1,
// lastError, exponential backoff 5 s … 5 min; out_of_order → resend from the server's lastSeq + 1.
import { backoffDelay } from '$lib/backoff';
import { blobsOf, pushResponse, type CommandEnvelope, type CommandResult } from '$lib/domain/commands';
import { uploadPhotos } from './blob-upload';
import { defaultDeviceId } from './ids';
import { DEFAULT_JOURNAL_POLICY, journalDecided, noteServerLastSeq, pruneJournal, settleReplay, type JournalPolicy } from './journal';
import { refreshMaterials } from './materials-cache';
import { pullOnce, serverMessageOf, type PullOutcome, type SyncError } from './sync';
import type { JournalReplay, LocalStore, OutboxCommand } from './store';
import { photosNamedBy } from './photos-named';

export const PUSH_BATCH_SIZE = 100;
export const BACKOFF_MIN_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
export const DEFAULT_PUSH_TIMEOUT_MS = 60_000;

/** Delay before the next push after `failures` consecutive failed ones. */
export function backoffDelayMs(failures: number): number {
	return backoffDelay(failures, { minMs: BACKOFF_MIN_MS, maxMs: BACKOFF_MAX_MS });
}

export const PUSH_MESSAGES = {
	offline: 'Chưa gửi được: không có kết nối mạng, sẽ tự thử lại.',
	timeout: 'Máy chủ không trả lời kịp, sẽ tự thử lại.',
	server: 'Máy chủ đang gặp sự cố, sẽ tự thử lại.',
	invalid: 'Máy chủ trả lời không hợp lệ, sẽ tự thử lại.',
	blobMissing: 'Máy chủ chưa có đủ ảnh của thao tác này, sẽ tải ảnh lên và gửi lại.',
	retry: 'Máy chủ tạm thời chưa xử lý được thao tác này, sẽ tự thử lại.',
	photoBlocked: 'Có ảnh chưa tải lên được; thao tác sẽ được gửi khi ảnh đã lên máy chủ.',
	gap: (from: number) => `Máy chủ thiếu các thao tác từ số ${from} của máy này; hãy báo quản trị hệ thống.`,
	rejectedFallback: { vi: 'Máy chủ từ chối thao tác này.', en: 'The server refused this action.' }
} as const;

/** Creates this installation's device id on first need (docs: 8–64 of [A-Za-z0-9_-]). */
export async function ensureDeviceId(store: LocalStore, newDeviceId: () => string): Promise<string> {
	return store.transaction(async () => {
		const existing = await store.getMeta('deviceId');
		if (existing) return existing;
		const id = newDeviceId();
		await store.setMeta('deviceId', id);
		return id;
	});
}

export interface PushOptions {
	fetch: typeof globalThis.fetch;
	store: LocalStore;
	token: string;
	ownerId?: string;
	/** Device clock, epoch ms. */
	now: () => number;
	newDeviceId?: () => string;
	baseUrl?: string;
	timeoutMs?: number;
	/** Ignore the backoff (the crew pressed "Đồng bộ", the network came back, a new command was queued). */
	force?: boolean;
	onPhotoProgress?: (sha256: string, fraction: number) => void;
	/** null clears the photo's error. */
	onPhotoError?: (sha256: string, message: string | null) => void;
	onPushProgress?: (progress: { done: number; total: number } | null) => void;
}

interface PushRun extends PushOptions {
	/** The journal was already put back once in this push: do not loop. */
	resentOnce?: boolean;
}

export interface PushOutcome {
	/** Nothing pending, or waiting out the backoff. */
	skipped?: 'nothing' | 'backoff';
	applied: number;
	rejected: number;
	/** Commands still pending after this push. */
	pendingLeft: number;
	error?: SyncError;
	/** The push answer showed the server had lost commands: the journal was put back to be sent again. */
	replay?: JournalReplay;
}

function envelopeOf(c: OutboxCommand): CommandEnvelope {
	return {
		commandId: c.commandId,
		seq: c.seq,
		name: c.name,
		requestId: c.requestId,
		jobId: c.jobId,
		baseVersion: c.baseVersion,
		deviceTime: c.deviceTime,
		location: c.location,
		payload: c.payload
	};
}

export async function pushPending(options: PushRun): Promise<PushOutcome> {
	const { store, fetch, token, now, baseUrl = '', timeoutMs = DEFAULT_PUSH_TIMEOUT_MS } = options;
	const outcome: PushOutcome = { applied: 0, rejected: 0, pendingLeft: 0 };
	const pending = await store.listCommands({ status: 'pending' });
	outcome.pendingLeft = pending.length;
	if (pending.length === 0) return { ...outcome, skipped: 'nothing' };
	const backoff = await store.getMeta('pushBackoff');
	if (!options.force && backoff && now() < backoff.nextAttemptAtMs) return { ...outcome, skipped: 'backoff' };

	const deviceId = await ensureDeviceId(store, options.newDeviceId ?? defaultDeviceId);

	// 1. Photos. Only the commands before the first one still missing a photo can be pushed: the server stops there.
	const photos = await uploadPhotos(
		{ fetch, store, token, baseUrl, onProgress: options.onPhotoProgress },
		pending.flatMap((c) => blobsOf(c.name, c.payload))
	);
	for (const [sha, message] of Object.entries({ ...photos.transient, ...photos.permanent })) options.onPhotoError?.(sha, message);
	for (const sha of photos.onServer) options.onPhotoError?.(sha, null);
	if (photos.error?.kind === 'auth') return { ...outcome, error: photos.error };
	const readyCount = pending.findIndex((c) => !blobsOf(c.name, c.payload).every((sha) => photos.onServer.has(sha)));
	let toSend = readyCount === -1 ? pending : pending.slice(0, readyCount);
	const blocked = readyCount === -1 ? undefined : pending[readyCount];
	if (blocked) {
		// The crew sees why that command waits: its photo's own problem when we know it.
		const problems: Record<string, string> = { ...photos.transient, ...photos.permanent };
		const known = blobsOf(blocked.name, blocked.payload).map((sha) => problems[sha]).find((m) => m !== undefined);
		await markAttempt(store, [blocked], known ?? PUSH_MESSAGES.photoBlocked);
		// Back off, so a photo the server refuses is not sent again every minute.
		await recordFailure(store, now, known ?? PUSH_MESSAGES.photoBlocked);
	}
	if (toSend.length === 0) return { ...outcome, error: photos.error ?? { kind: 'server', detail: 'photo upload blocked' } };

	// 2. Commands, in seq order, in batches.
	const total = toSend.length;
	let done = 0;
	/** The server lastSeq of the last out_of_order answer: the same one twice means our resend cannot fill the gap. */
	let gapAt: number | undefined;
	options.onPushProgress?.({ done, total });
	try {
		for (let round = 0; toSend.length > 0 && round < 50; round++) {
			const batch = toSend.slice(0, PUSH_BATCH_SIZE);
			let response: Response;
			let body: unknown;
			try {
				response = await fetch(`${baseUrl}/api/sync/push`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
					body: JSON.stringify({ deviceId, commands: batch.map(envelopeOf) }),
					signal: AbortSignal.timeout(timeoutMs)
				});
				body = await response.json().catch(() => undefined);
			} catch (error) {
				const timeout = error instanceof Error && error.name === 'TimeoutError';
				const message = timeout ? PUSH_MESSAGES.timeout : PUSH_MESSAGES.offline;
				await markAttempt(store, batch, message);
				await recordFailure(store, now, message);
				return finish({ kind: timeout ? 'timeout' : 'offline', detail: String(error) });
			}
			if (response.status === 401) return finish({ kind: 'auth', status: 401, serverMessage: serverMessageOf(body) });
			const parsed = response.ok ? pushResponse.safeParse(body) : undefined;
			if (!parsed?.success) {
				const message = serverMessageOf(body) ?? (response.ok ? PUSH_MESSAGES.invalid : PUSH_MESSAGES.server);
				await markAttempt(store, batch, message);
				await recordFailure(store, now, message);
				return finish({ kind: response.ok ? 'invalid_response' : 'server', status: response.status, serverMessage: serverMessageOf(body) });
			}

			const { lastSeq, results } = parsed.data;
			const decided = await applyResults(store, options.ownerId, results, lastSeq, new Date(now()).toISOString(), options.newDeviceId ?? defaultDeviceId);
			// Another user logged in meanwhile and the outbox was wiped: nothing of ours is left to record.
			if (decided.superseded) return outcome;
			if (decided.replay && !options.resentOnce) {
				// The server lost commands it had decided: they are pending again, photos to upload first.
				options.onPushProgress?.(null);
				const again = await pushPending({ ...options, force: true, resentOnce: true });
				return { ...again, applied: again.applied + outcome.applied, rejected: again.rejected + outcome.rejected, replay: decided.replay };
			}
			outcome.applied += decided.applied;
			outcome.rejected += decided.rejected;
			done = Math.min(total, done + decided.applied + decided.rejected);
			options.onPushProgress?.({ done, total });
			if (decided.retry) {
				await recordFailure(store, now, decided.retry);
				return finish({ kind: 'server', status: 200, serverMessage: decided.retry });
			}
			if (decided.outOfOrder) {
				// Resend from the server's lastSeq + 1, including commands we thought decided if the server lost them,
				// as one unbroken run of seqs (a command still waiting for a photo ends it).
				const ready = new Set(toSend.map((c) => c.commandId));
				const resend: OutboxCommand[] = [];
				for (const c of await store.listCommands()) {
					if (c.seq <= lastSeq) continue;
					if (c.seq !== lastSeq + 1 + resend.length || (c.status === 'pending' && !ready.has(c.commandId))) break;
					resend.push(c);
				}
				if (resend.length === 0 || lastSeq === gapAt) {
					await markAttempt(store, pending.filter((c) => c.seq > lastSeq).slice(0, 1), PUSH_MESSAGES.gap(lastSeq + 1));
					await recordFailure(store, now, PUSH_MESSAGES.gap(lastSeq + 1));
					return finish({ kind: 'server', status: 200, serverMessage: PUSH_MESSAGES.gap(lastSeq + 1) });
				}
				gapAt = lastSeq;
				toSend = resend;
				continue;
			}
			const answered = new Set(results.map((r) => r.commandId));
			toSend = toSend.filter((c) => !answered.has(c.commandId) && c.seq > lastSeq);
		}
		if (!blocked) await store.deleteMeta('pushBackoff');
		return finish(undefined);
	} finally {
		options.onPushProgress?.(null);
	}

	async function finish(error: SyncError | undefined): Promise<PushOutcome> {
		outcome.pendingLeft = (await store.countUnsynced()).pendingCommands;
		return error ? { ...outcome, error } : outcome;
	}
}

class Superseded extends Error {}

/** Records the server's decisions in one transaction; returns the first retry's message, if any. */
async function applyResults(
	store: LocalStore,
	ownerId: string | undefined,
	results: readonly CommandResult[],
	lastSeq: number,
	decidedAt: string,
	newDeviceId: () => string
): Promise<{ applied: number; rejected: number; retry?: string; outOfOrder: boolean; superseded?: boolean; replay?: JournalReplay }> {
	const tally = { applied: 0, rejected: 0, retry: undefined as string | undefined, outOfOrder: false, replay: undefined as JournalReplay | undefined };
	try {
		await store.transaction(async () => {
			// Another user logged in meanwhile: these results belong to a wiped outbox.
			if (ownerId !== undefined && (await store.getMeta('dataOwnerId')) !== ownerId) throw new Superseded();
			for (const result of results) {
				const command = await store.getCommand(result.commandId);
				if (!command || command.seq !== result.seq) continue;
				if (result.status === 'applied') {
					await store.putCommand(decide(command, 'applied', decidedAt));
					tally.applied++;
				} else if (result.status === 'rejected') {
					const rejected: OutboxCommand = {
						...decide(command, 'rejected', decidedAt),
						code: result.code ?? 'rejected',
						reason: result.reason ?? PUSH_MESSAGES.rejectedFallback,
						...(result.fields ? { fields: result.fields } : {})
					};
					// Sent again after the server's loss, refused again as before, and the crew already dealt with it.
					if (command.resend === 'dismissed') await journalDecided(store, [rejected], decidedAt);
					else await store.putCommand(rejected);
					tally.rejected++;
				} else if (result.status === 'retry') {
					const message = result.code === 'blob_missing' ? PUSH_MESSAGES.blobMissing : (result.reason?.vi ?? PUSH_MESSAGES.retry);
					if (result.code === 'blob_missing') {
						// The server lacks these photos although we thought them uploaded: upload them again next time.
						for (const sha of blobsOf(command.name, command.payload)) {
							const photo = await store.getPhoto(sha);
							if (photo?.uploaded) await store.putPhoto({ ...photo, uploaded: false });
						}
					}
					await store.putCommand({ ...command, attempts: command.attempts + 1, lastError: message });
					tally.retry ??= message;
				} else {
					tally.outOfOrder = true;
				}
			}
			tally.replay = await noteServerLastSeq(store, lastSeq, { at: decidedAt, newDeviceId });
			await settleReplay(store, decidedAt);
		});
	} catch (error) {
		if (error instanceof Superseded) return { applied: 0, rejected: 0, outOfOrder: false, superseded: true };
		throw error;
	}
	return tally;
}

function decide(command: OutboxCommand, status: 'applied' | 'rejected', decidedAt: string): OutboxCommand {
	const { lastError: _lastError, code: _code, reason: _reason, fields: _fields, ...rest } = command;
	return { ...rest, status, decidedAt };
}

async function markAttempt(store: LocalStore, commands: readonly OutboxCommand[], message: string): Promise<void> {
	await store.transaction(async () => {
		for (const c of commands) {
			const current = await store.getCommand(c.commandId);
			if (current?.status === 'pending') await store.putCommand({ ...current, attempts: current.attempts + 1, lastError: message });
		}
	});
}

/** One more failed push: the backoff grows, and the crew can read since when and why (sync page). */
async function recordFailure(store: LocalStore, now: () => number, lastError: string): Promise<void> {
	const previous = await store.getMeta('pushBackoff');
	const failures = (previous?.failures ?? 0) + 1;
	await store.setMeta('pushBackoff', {
		failures,
		nextAttemptAtMs: now() + backoffDelayMs(failures),
		failingSinceMs: previous?.failingSinceMs ?? now(),
		lastError
	});
}

/** Uploaded photos no command, journal entry or draft names and whose job left the tablet: free the space. */
export async function prunePhotos(store: LocalStore): Promise<number> {
	return store.transaction(async () => {
		const referenced = photosNamedBy([...(await store.listCommands()), ...(await store.listJournal())], await store.listDrafts());
		const jobs = new Set((await store.listJobs()).map((j) => j.id));
		const drop = (await store.listPhotos()).filter((p) => p.uploaded && !referenced.has(p.sha256) && !jobs.has(p.jobId));
		await store.deletePhotos(drop.map((p) => p.sha256));
		return drop.length;
	});
}

export interface SyncCycleOptions extends PushOptions {
	/** Refresh the cached materials price list when older than this (ms); 0 disables. */
	materialsMaxAgeMs?: number;
	/** How long and how much the device journal keeps (journal.ts). */
	journal?: JournalPolicy;
}

export interface SyncCycleOutcome {
	push: PushOutcome;
	/** Absent when the push found the token expired (no point pulling). */
	pull?: PullOutcome;
}

/** Push, then pull with our deviceId, then housekeeping. Call it under the sync lock. */
export async function runSyncCycle(options: SyncCycleOptions): Promise<SyncCycleOutcome> {
	let push = await pushPending(options);
	if (push.error?.kind === 'auth') return { push };
	let pull = await pullFor(options);
	if (pull.ok && pull.replay && (pull.replay.count > 0 || pull.replay.lost)) {
		// The pull showed the server lost commands it had decided: send them again now, then pull what they did.
		push = await pushPending({ ...options, force: true });
		if (push.error?.kind === 'auth') return { push, pull };
		const again = await pullFor(options);
		pull = again.ok ? { ...again, replay: pull.replay } : again;
	}
	if (pull.ok) {
		await pruneJournal(options.store, options.now(), options.journal ?? DEFAULT_JOURNAL_POLICY).catch(() => undefined);
		await prunePhotos(options.store).catch(() => 0);
		const maxAge = options.materialsMaxAgeMs ?? 6 * 3_600_000;
		if (maxAge > 0) await refreshMaterials({ ...options, maxAgeMs: maxAge }).catch(() => false);
	}
	return { push, pull };
}

async function pullFor(options: SyncCycleOptions): Promise<PullOutcome> {
	const deviceId = await options.store.getMeta('deviceId');
	return pullOnce({
		fetch: options.fetch,
		store: options.store,
		token: options.token,
		ownerId: options.ownerId,
		baseUrl: options.baseUrl,
		now: () => new Date(options.now()),
		newDeviceId: options.newDeviceId ?? defaultDeviceId,
		...(deviceId ? { deviceId } : {})
	});
}

let tabMutex: Promise<unknown> = Promise.resolve();

/** One sync at a time across tabs (Web Locks) or, where those are missing, within this tab. */
export function withSyncLock<T>(work: () => Promise<T>, locks: Pick<LockManager, 'request'> | undefined = globalThis.navigator?.locks): Promise<T> {
	if (locks) return locks.request('ht-sync', work) as Promise<T>;
	const run = tabMutex.then(work, work);
	tabMutex = run.catch(() => undefined);
	return run;
}
