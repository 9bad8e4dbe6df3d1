// Pull: fetch the crew's job changes after our cursor and apply them to the local store in one transaction.
// Pure logic over LocalStore and an injected fetch, so it runs in unit tests without a browser.
import { apiError, pullResponse, type PullResponse } from '$lib/domain/api';
import { defaultDeviceId } from './ids';
import { journalDecided, noteServerLastSeq } from './journal';
import { fieldCommand } from '$lib/domain/field-commands';
import type { JobView } from '$lib/domain/api';
import type { DraftKind, JournalReplay, LocalStore } from './store';

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
			cursor: string;
			serverTime: string;
			/** The last seq the server decided for our device (0 without deviceId). */
			lastSeq: number;
			/** Applied commands moved to the journal because the pulled jobs now carry their effect. */
			droppedApplied: number;
			/** The server reported less than it had decided for us: the lost commands were put back to be sent again. */
			replay?: JournalReplay;
	  }
	/** The store moved on while we were fetching (another user logged in, or a newer pull landed): nothing applied. */
	| { ok: false; superseded: true }
	| { ok: false; superseded?: false; error: SyncError };

export interface PullOptions {
	fetch: typeof globalThis.fetch;
	store: LocalStore;
	token: string;
	/** The user the token belongs to; the response is dropped if the store now holds another user's data. */
	ownerId?: string;
	/** Abort the request after this long; a tablet on a dying network must not block the next pull forever. */
	timeoutMs?: number;
	/** Prefix for the API path, '' for same-origin. */
	baseUrl?: string;
	/** This tablet's device id: the answer then says which of our commands the pulled jobs include. */
	deviceId?: string;
	/** Device clock (journal times). */
	now?: () => Date;
	/** A fresh device id, for a server that lost more than the journal still holds. */
	newDeviceId?: () => string;
}

export const DEFAULT_PULL_TIMEOUT_MS = 30_000;

class Superseded extends Error {}

export async function pullOnce(options: PullOptions): Promise<PullOutcome> {
	const { store, token, ownerId, baseUrl = '', timeoutMs = DEFAULT_PULL_TIMEOUT_MS } = options;

	let sentCursor: string | undefined;
	try {
		sentCursor = await store.getMeta('cursor');
	} catch (error) {
		return fail({ kind: 'storage', detail: describe(error) });
	}

	const params = new URLSearchParams();
	if (sentCursor !== undefined) params.set('cursor', sentCursor);
	if (options.deviceId !== undefined) params.set('deviceId', options.deviceId);
	const query = params.toString();
	const url = `${baseUrl}/api/sync/pull${query === '' ? '' : `?${query}`}`;
	let response: Response;
	let body: unknown;
	try {
		response = await options.fetch(url, {
			method: 'GET',
			headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
			cache: 'no-store',
			signal: AbortSignal.timeout(timeoutMs)
		});
		body = await readJson(response);
	} catch (error) {
		const kind = isTimeout(error) ? 'timeout' : 'offline';
		return fail({ kind, detail: describe(error) });
	}

	if (response.status === 401) return fail({ kind: 'auth', status: 401, serverMessage: serverMessageOf(body) });
	if (!response.ok) return fail({ kind: 'server', status: response.status, serverMessage: serverMessageOf(body) });

	const parsed = pullResponse.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return fail({
			kind: 'invalid_response',
			status: response.status,
			detail: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid body'
		});
	}

	const pulled: PullResponse = parsed.data;
	const full = sentCursor === undefined;
	let droppedApplied = 0;
	let replay: JournalReplay | undefined;
	const now = options.now ?? (() => new Date());
	try {
		await store.transaction(async () => {
			if (ownerId !== undefined && (await store.getMeta('dataOwnerId')) !== ownerId) throw new Superseded();
			// Another pull (another tab) applied a newer cursor meanwhile: ours is older, applying it would go back.
			if ((await store.getMeta('cursor')) !== sentCursor) throw new Superseded();
			// A full pull is the whole truth: drop anything left over locally.
			if (full) await store.clearJobs();
			// Removals first: if an id were in both lists, the job the server sends now is the one to keep.
			await labelCommandsOfRemovedJobs(store, pulled.removedJobIds);
			await store.removeJobs(pulled.removedJobIds);
			await store.upsertJobs(pulled.jobs);
			await draftHandedOverWork(store, pulled.jobs, now().toISOString());
			await store.setMeta('cursor', pulled.cursor);
			await store.setMeta('lastSyncAt', pulled.serverTime);
			if (options.deviceId !== undefined && options.deviceId === (await store.getMeta('deviceId'))) {
				// Below what the server had already decided for us: it lost commands, which go back to be sent again.
				replay = await noteServerLastSeq(store, pulled.lastSeq, { at: now().toISOString(), newDeviceId: options.newDeviceId ?? defaultDeviceId });
				// The pulled jobs now contain the effect of every applied command up to lastSeq: stop replaying them
				// and keep them in the journal.
				const done = (await store.listCommands({ status: 'applied' })).filter((c) => c.seq <= pulled.lastSeq);
				await journalDecided(store, done, now().toISOString());
				droppedApplied = done.length;
			}
		});
	} catch (error) {
		if (error instanceof Superseded) return { ok: false, superseded: true };
		return fail({ kind: 'storage', detail: describe(error) });
	}

	return {
		ok: true,
		full,
		upserted: pulled.jobs.length,
		removed: pulled.removedJobIds.length,
		cursor: pulled.cursor,
		serverTime: pulled.serverTime,
		lastSeq: pulled.lastSeq,
		droppedApplied,
		...(replay ? { replay } : {})
	};
}

function fail(error: SyncError): PullOutcome {
	return { ok: false, error };
}

/** The body as JSON, or undefined when it is empty or not JSON (an HTML error page from a proxy). */
async function readJson(response: Response): Promise<unknown> {
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
	return parsed.success ? parsed.data.error.message : undefined;
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
	for (const jobId of removedJobIds) {
		const job = await store.getJob(jobId);
		if (!job) continue;
		for (const command of await store.listCommands({ jobId })) {
			if (!command.jobLabel) await store.putCommand({ ...command, jobLabel: { code: job.request.code, customer: job.request.customer.name } });
		}
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
