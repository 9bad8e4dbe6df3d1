// Pull: fetch the crew's job changes after our cursor, page by page through the typed API client, and store each page
// in its own short transaction (docs/sync-protocol.md, "Pull"). Pure logic over LocalStore and an injected fetch, so it
// runs in unit tests without a browser.
import { apiClient } from '$lib/api/client';
import { apiError, pullResponse, type PullResponse } from '$lib/domain/api';
import { defaultDeviceId } from './ids';
import { journalDecided, noteServerLastSeq } from './journal';
import { fieldCommand } from '$lib/domain/field-commands';
import type { JobView } from '$lib/domain/api';
import type { DraftKind, JournalReplay, LocalStore } from './store';
import { refusalWords } from '$lib/refusal-words';

export type SyncErrorKind =
	/** The request never reached the server (no network, DNS, connection refused). */
	| 'offline'
	/** The server did not answer in time. */
	| 'timeout'
	/** 401: the token is missing or expired; local data stays, the user must log in again. */
	| 'auth'
	/** Any other non-2xx answer. */
	| 'server'
	/** A 2xx answer that does not match PullResponse; nothing is applied. */
	| 'invalid_response'
	/** The local database refused the write (quota, blocked, closed). */
	| 'storage';

export interface SyncError {
	kind: SyncErrorKind;
	status?: number;
	/** The server's own (Vietnamese) message, when it sent one. */
	serverMessage?: string;
	/** Technical detail for the console, never shown as the main message. */
	detail?: string;
}

export type PullOutcome =
	| {
			ok: true;
			/** True when this was a full pull (no cursor): the local job list was replaced. */
			full: boolean;
			upserted: number;
			removed: number;
			/** Jobs deleted because they closed before the retention window (the server's drop list). */
			dropped: number;
			/** Jobs the server dropped that stay because they hold the crew's work (a command or a draft). */
			keptForWork: number;
			/** Pages fetched and stored. */
			pages: number;
			cursor: string;
			serverTime: string;
			/** The last seq the server decided for our device (0 without deviceId). */
			lastSeq: number;
			/** Applied commands moved to the journal because the pulled jobs now carry their effect. */
			droppedApplied: number;
			/** The server reported less than it had decided for us: the lost commands were put back to be sent again. */
			replay?: JournalReplay;
	  }
	/** The store moved on while we were fetching (another user logged in, or a newer pull landed): nothing more applied. */
	| { ok: false; superseded: true }
	| { ok: false; superseded?: false; error: SyncError };

export interface PullOptions {
	fetch: typeof globalThis.fetch;
	store: LocalStore;
	token: string;
	/** The user the token belongs to; the response is dropped if the store now holds another user's data. */
	ownerId?: string;
	/** Abort each page's request after this long; a tablet on a dying network must not block the next pull forever. */
	timeoutMs?: number;
	/** Prefix for the API path, '' for same-origin. */
	baseUrl?: string;
	/** This tablet's device id: the answer then says which of our commands the pulled jobs include. */
	deviceId?: string;
	/** Device clock (journal times). */
	now?: () => Date;
	/** A fresh device id, for a server that lost more than the journal still holds. */
	newDeviceId?: () => string;
	/** Jobs asked per page (the server allows 1–1000). */
	pageSize?: number;
	/** Hands the main thread back between pages (tests may pass a no-op). */
	yieldToMain?: () => Promise<void>;
}

export const DEFAULT_PULL_TIMEOUT_MS = 30_000;
/** Small enough that parsing and storing one page stays far below 100 ms on a tablet, large enough to keep round trips few. */
export const DEFAULT_PULL_PAGE_SIZE = 200;
/** Removals and drops are deleted this many per transaction. */
const DELETE_CHUNK = 500;

class Superseded extends Error {}

/** Lets the browser paint and handle input before the next page: scheduler.yield where it exists, else a macrotask. */
export function yieldToMain(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
	if (typeof scheduler?.yield === 'function') return scheduler.yield();
	return new Promise((resolve) => setTimeout(resolve, 0));
}

type PageResult = { ok: true; page: PullResponse } | { ok: false; error: SyncError };

/** One page through the typed client; every failure is a SyncError, never a throw. */
async function fetchPage(options: PullOptions, cursor: string | undefined): Promise<PageResult> {
	const { baseUrl = '', timeoutMs = DEFAULT_PULL_TIMEOUT_MS, token } = options;
	const send = options.fetch;
	const api = apiClient({
		fetch: baseUrl === '' ? send : (input, init) => send(`${baseUrl}${String(input)}`, init),
		headers: () => ({ Authorization: `Bearer ${token}`, Accept: 'application/json' })
	});
	let response: Awaited<ReturnType<typeof api.api.sync.pull.$get>>;
	let body: unknown;
	try {
		response = await api.api.sync.pull.$get(
			{ query: { cursor, limit: String(options.pageSize ?? DEFAULT_PULL_PAGE_SIZE), deviceId: options.deviceId } },
			{ init: { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) } }
		);
		body = await readJson(response);
	} catch (error) {
		const kind = isTimeout(error) ? 'timeout' : 'offline';
		return { ok: false, error: { kind, detail: describe(error) } };
	}
	if (response.status === 401) return { ok: false, error: { kind: 'auth', status: 401, serverMessage: serverMessageOf(body) } };
	if (!response.ok) return { ok: false, error: { kind: 'server', status: response.status, serverMessage: serverMessageOf(body) } };
	const parsed = pullResponse.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return { ok: false, error: { kind: 'invalid_response', status: response.status, detail: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid body' } };
	}
	return { ok: true, page: parsed.data };
}

/**
 * Pulls one whole pass (docs/sync-protocol.md, "Pull"): page after page, each stored in its own short transaction with
 * its cursor, the main thread handed back between pages. A failure keeps the pages already stored: the next pull
 * resumes after them. The last page's removals and drops are deleted in chunks, then the pass is finished.
 */
export async function pullOnce(options: PullOptions): Promise<PullOutcome> {
	const { store, ownerId } = options;
	const pause = options.yieldToMain ?? yieldToMain;
	const now = options.now ?? (() => new Date());

	let sentCursor: string | undefined;
	try {
		sentCursor = await store.getMeta('cursor');
	} catch (error) {
		return fail({ kind: 'storage', detail: describe(error) });
	}
	const full = sentCursor === undefined;
	// Only a pass begun by this call knows the lastSeq its first page read (consistent with every job it delivers).
	const passBegunHere = sentCursor === undefined || !sentCursor.startsWith('p.');
	let passLastSeq: number | undefined;
	let upserted = 0;
	let pages = 0;
	let cursor = sentCursor;

	/** Checks, inside the transaction, that the store still expects this pass (same owner, cursor unchanged). */
	const stillOurs = async (expected: string | undefined) => {
		if (ownerId !== undefined && (await store.getMeta('dataOwnerId')) !== ownerId) throw new Superseded();
		// Another pull (another tab) applied a newer cursor meanwhile: ours is older, applying it would go back.
		if ((await store.getMeta('cursor')) !== expected) throw new Superseded();
	};

	try {
		let next = fetchPage(options, cursor);
		for (;;) {
			const result = await next;
			if (!result.ok) return fail(result.error);
			const page = result.page;
			// the next page travels while this one is stored (its answer is dropped if storing this one fails)
			if (page.more) next = fetchPage(options, page.cursor);
			passLastSeq ??= page.lastSeq;
			const first = pages === 0;
			// parsing is done; let the page paint before storing
			await pause();
			if (page.more) {
				await store.transaction(async () => {
					await stillOurs(cursor);
					if (first && full) await store.clearJobs();
					await storeJobs(store, page.jobs, now().toISOString());
					await store.setMeta('cursor', page.cursor);
				});
				upserted += page.jobs.length;
				pages++;
				cursor = page.cursor;
				await pause();
				continue;
			}
			// The last page: its jobs first, then the removals and drops in short chunks, then the pass ends.
			pages++;
			upserted += page.jobs.length;
			let droppedApplied = 0;
			let replay: JournalReplay | undefined;
			const finished = await finishPass(options, page, { first: first && full, expected: cursor, stillOurs, pause, now }, async () => {
				await store.setMeta('cursor', page.cursor);
				await store.setMeta('lastSyncAt', page.serverTime);
				if (passBegunHere && options.deviceId !== undefined && options.deviceId === (await store.getMeta('deviceId'))) {
					const lastSeq = passLastSeq ?? page.lastSeq;
					// Below what the server had already decided for us: it lost commands, which go back to be sent again.
					replay = await noteServerLastSeq(store, lastSeq, { at: now().toISOString(), newDeviceId: options.newDeviceId ?? defaultDeviceId });
					// The pulled jobs now contain the effect of every applied command up to lastSeq: stop replaying them
					// and keep them in the journal.
					const done = (await store.listCommands({ status: 'applied' })).filter((c) => c.seq <= lastSeq);
					await journalDecided(store, done, now().toISOString());
					droppedApplied = done.length;
				}
			});
			return {
				ok: true,
				full,
				upserted,
				removed: page.removedJobIds.length,
				dropped: finished.dropped,
				keptForWork: finished.kept,
				pages,
				cursor: page.cursor,
				serverTime: page.serverTime,
				lastSeq: passLastSeq ?? page.lastSeq,
				droppedApplied,
				...(replay ? { replay } : {})
			};
		}
	} catch (error) {
		if (error instanceof Superseded) return { ok: false, superseded: true };
		return fail({ kind: 'storage', detail: describe(error) });
	}
}

interface FinishContext {
	/** The last page is also the first of a full pull: the store's jobs are replaced. */
	first: boolean;
	expected: string | undefined;
	stillOurs: (expected: string | undefined) => Promise<void>;
	pause: () => Promise<void>;
	now: () => Date;
}

/**
 * The last page of a pass: its jobs, then the jobs taken away (their commands keep their words) and the jobs closed
 * before the window, a chunk per transaction. A dropped job still holding the crew's work (an outbox command or a
 * draft) stays, remembered in `heldDrops`, and goes at a later pass once that work is gone.
 */
async function finishPass(options: PullOptions, page: PullResponse, ctx: FinishContext, finalize: () => Promise<void>): Promise<{ dropped: number; kept: number }> {
	const { store } = options;
	// a job this page delivers is back in the window: no longer one to drop
	const delivered = new Set(page.jobs.map((j) => j.id));
	const candidates = [...new Set([...((await store.getMeta('heldDrops')) ?? []), ...page.droppedJobIds])].filter((id) => !delivered.has(id));
	// The usual pass ends in one transaction: its last jobs, removals, drops and cursor land together or not at all.
	const small = page.removedJobIds.length + candidates.length <= DELETE_CHUNK;
	const storePage = async () => {
		if (ctx.first) await store.clearJobs();
		await storeJobs(store, page.jobs, ctx.now().toISOString());
	};
	const remove = async (ids: readonly string[]) => {
		await labelCommandsOfRemovedJobs(store, ids);
		await store.removeJobs(ids);
	};
	if (!small) {
		await store.transaction(async () => {
			await ctx.stillOurs(ctx.expected);
			await storePage();
		});
		await ctx.pause();
		for (let i = 0; i < page.removedJobIds.length; i += DELETE_CHUNK) {
			await store.transaction(async () => {
				await ctx.stillOurs(ctx.expected);
				await remove(page.removedJobIds.slice(i, i + DELETE_CHUNK));
			});
			await ctx.pause();
		}
	}
	let dropped = 0;
	let kept: string[] = [];
	for (let i = 0; i === 0 || i < candidates.length; i += DELETE_CHUNK) {
		const chunk = candidates.slice(i, i + DELETE_CHUNK);
		const last = i + DELETE_CHUNK >= candidates.length;
		await store.transaction(async () => {
			await ctx.stillOurs(ctx.expected);
			if (small) {
				await storePage();
				await remove(page.removedJobIds);
			}
			const withWork = await jobsWithWork(store);
			const drop = chunk.filter((id) => !withWork.has(id));
			await store.removeJobs(drop);
			dropped += drop.length;
			kept = [...kept, ...chunk.filter((id) => withWork.has(id))];
			if (last) {
				if (kept.length > 0) await store.setMeta('heldDrops', kept);
				else await store.deleteMeta('heldDrops');
				await finalize();
			}
		});
		if (!last) await ctx.pause();
	}
	return { dropped, kept: kept.length };
}

/** The jobs the crew still has work on: a command in the outbox (pending, applied or refused) or a draft. */
async function jobsWithWork(store: LocalStore): Promise<Set<string>> {
	const ids = new Set<string>();
	for (const command of await store.listCommands()) ids.add(command.jobId);
	for (const draft of await store.listDrafts()) ids.add(draft.jobId);
	return ids;
}

/** One page's jobs stored, their handed-over work made drafts; a job back in the window is no longer to drop. */
async function storeJobs(store: LocalStore, jobs: readonly JobView[], at: string): Promise<void> {
	await store.upsertJobs(jobs);
	await draftHandedOverWork(store, jobs, at);
	const held = await store.getMeta('heldDrops');
	if (held && jobs.length > 0) {
		const delivered = new Set(jobs.map((j) => j.id));
		const still = held.filter((id) => !delivered.has(id));
		if (still.length !== held.length) {
			if (still.length > 0) await store.setMeta('heldDrops', still);
			else await store.deleteMeta('heldDrops');
		}
	}
}

function fail(error: SyncError): PullOutcome {
	return { ok: false, error };
}

/** The body as JSON, or undefined when it is empty or not JSON (an HTML error page from a proxy). */
async function readJson(response: { text(): Promise<string> }): Promise<unknown> {
	const text = await response.text();
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The `error.message` of an ApiError body, if the body is one. */
export function serverMessageOf(body: unknown): string | undefined {
	const parsed = apiError.safeParse(body);
	return parsed.success ? refusalWords(parsed.data.error).message : undefined;
}

function isTimeout(error: unknown): boolean {
	return error instanceof Error && error.name === 'TimeoutError';
}

function describe(error: unknown): string {
	return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A job leaving the tablet (moved to another crew, cancelled) takes its request's words with it: the crew's commands
 * on it keep the request code and the customer's name, so their cards say which request they were, never an id.
 */
async function labelCommandsOfRemovedJobs(store: LocalStore, removedJobIds: readonly string[]): Promise<void> {
	const removed = new Set(removedJobIds);
	// the outbox is small; read it once rather than once per removed job
	const commands = (await store.listCommands()).filter((c) => removed.has(c.jobId) && !c.jobLabel);
	const jobs = new Map<string, JobView | undefined>();
	for (const command of commands) {
		if (!jobs.has(command.jobId)) jobs.set(command.jobId, await store.getJob(command.jobId));
		const job = jobs.get(command.jobId);
		if (job) await store.putCommand({ ...command, jobLabel: { code: job.request.code, customer: job.request.customer.name } });
	}
}

/** Work another crew did on a job, passed to this crew by the supervisor, becomes this crew's draft (never over its own). */
async function draftHandedOverWork(store: LocalStore, jobs: readonly JobView[], at: string): Promise<void> {
	for (const job of jobs) {
		const handover = job.handover;
		if (!handover) continue;
		const kind = fieldCommand(handover.name)?.draft as DraftKind | undefined;
		if (!kind || (await store.getDraft(job.id, kind))) continue;
		await store.putDraft({ jobId: job.id, kind, data: handover.payload, updatedAt: at });
	}
}
