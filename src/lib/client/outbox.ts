// Field work on the tablet: drafts, photos, and queueing field commands into the outbox with a gap-free seq,
// plus the optimistic job views derived from them. Built over an injected store, clock and ids so unit tests
// are deterministic; field-work.ts binds it to the app's singletons.
import type { z } from 'zod';
import { blobsOf, type GpsFix } from '$lib/domain/commands';
import { fieldCommand, type CommandName } from '$lib/domain/field-commands';
import { issuesToFieldErrors } from '$lib/zod-issues';
import type { Material } from '$lib/domain/materials';
import { materialLookup, readMaterials, readVatPercent } from './materials-cache';
import { journalDecided } from './journal';
export { randomUuid } from './ids';
import { checkCommand, draftKindOf, effectiveJob, type EffectiveJob } from './optimistic';
import type { Draft, DraftKind, LocalStore, OutboxCommand, StoredPhoto } from './store';

export interface FieldWorkDeps {
	store: LocalStore;
	/** Device clock. */
	now: () => Date;
	/** Minutes east of UTC for deviceTime; defaults to the device's zone. */
	utcOffsetMinutes?: (at: Date) => number;
	/** A new UUID for commandId. */
	newId: () => string;
	/** A command was queued: start a sync (not awaited). */
	onEnqueued?: () => void;
	/** The outbox changed (counts on the header). */
	onChanged?: () => void;
	/** A local write failed (quota, closed database): shown as a storage problem. */
	onStorageError?: (error: unknown) => void;
}

export type SubmitInput = { name: CommandName; jobId: string; payload: unknown; location: GpsFix | null };
export type SubmitOutcome = { ok: true; command: OutboxCommand } | { ok: false; fields: Record<string, string> };

/** ISO 8601 with the device's offset, e.g. 2026-11-23T09:15:00.000+07:00 (what the crew's clock said). */
export function isoWithOffset(at: Date, offsetMinutes = -at.getTimezoneOffset()): string {
	const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
	const abs = Math.abs(offsetMinutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** zod issues as path → first message; a form-level problem has the key ''. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	return issuesToFieldErrors(error.issues, { formKey: '' });
}

export class UnknownCommandError extends Error {
	constructor(commandId: string) {
		super(`Không tìm thấy thao tác bị từ chối ${commandId} trên máy`);
		this.name = 'UnknownCommandError';
	}
}

export function createFieldWork(deps: FieldWorkDeps) {
	const { store } = deps;
	const changed = () => deps.onChanged?.();

	/** Reports a failed local write and passes the error on: a draft that was not saved must not look saved. */
	async function writing<T>(work: () => Promise<T>): Promise<T> {
		try {
			return await work();
		} catch (error) {
			deps.onStorageError?.(error);
			throw error;
		}
	}

	async function submitFieldCommand(input: SubmitInput): Promise<SubmitOutcome> {
		const def = fieldCommand(input.name);
		if (!def) return { ok: false, fields: { '': `Không có thao tác "${input.name}"` } };
		const parsed = def.payload.safeParse(input.payload);
		if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
		const lookup = await materialLookup(store);
		// what the server refuses beyond the schema (a stale price list): caught here while the crew still has the form
		const payloadRefused = def.checkPayload?.(parsed.data, lookup);
		if (payloadRefused) return { ok: false, fields: { [payloadRefused.field]: payloadRefused.reason.vi } };
		const at = deps.now();
		const deviceTime = isoWithOffset(at, deps.utcOffsetMinutes?.(at));
		const outcome = await writing(() =>
			store.transaction(async (): Promise<SubmitOutcome> => {
				const job = await store.getJob(input.jobId);
				if (!job) return { ok: false, fields: { '': 'Không tìm thấy công việc này trên máy' } };
				const view = effectiveJob(job, await store.listCommands({ jobId: input.jobId }), lookup);
				const check = checkCommand(view, input.name, view.request.version);
				if (!check.ok) return { ok: false, fields: { '': check.reason.vi } };
				const refused = def.checkOnTablet?.(parsed.data, view);
				if (refused) return { ok: false, fields: { [refused.field]: refused.reason.vi } };
				// Gap-free: the counter and the command land together or not at all.
				const highest = (await store.listCommands()).at(-1)?.seq ?? 0;
				const seq = Math.max((await store.getMeta('seqCounter')) ?? 0, highest) + 1;
				await store.setMeta('seqCounter', seq);
				const command: OutboxCommand = {
					commandId: deps.newId(),
					seq,
					name: input.name,
					jobId: job.id,
					requestId: job.request.id,
					baseVersion: view.request.version,
					deviceTime,
					location: input.location,
					payload: parsed.data,
					status: 'pending',
					createdAt: at.toISOString(),
					attempts: 0
				};
				await store.putCommand(command);
				await store.deleteDraft(job.id, draftKindOf(input.name));
				return { ok: true, command };
			})
		);
		if (outcome.ok) {
			changed();
			deps.onEnqueued?.();
		}
		return outcome;
	}

	async function getEffectiveJob(jobId: string): Promise<EffectiveJob | undefined> {
		const job = await store.getJob(jobId);
		if (!job) return undefined;
		return effectiveJob(job, await store.listCommands({ jobId }), await materialLookup(store));
	}

	async function listEffectiveJobs(): Promise<EffectiveJob[]> {
		const [jobs, commands, lookup] = await Promise.all([store.listJobs(), store.listCommands(), materialLookup(store)]);
		return jobs.map((job) => effectiveJob(job, commands, lookup));
	}

	async function redoRejected(commandId: string): Promise<{ jobId: string; kind: DraftKind }> {
		const at = deps.now().toISOString();
		const result = await writing(() =>
			store.transaction(async () => {
				const command = await store.getCommand(commandId);
				if (!command || command.status !== 'rejected') throw new UnknownCommandError(commandId);
				const kind = draftKindOf(command.name);
				await store.putDraft({ jobId: command.jobId, kind, data: command.payload, updatedAt: at });
				// Decided by the server, so kept in the journal in case the server loses that decision.
				await journalDecided(store, [command], at);
				return { jobId: command.jobId, kind };
			})
		);
		changed();
		return result;
	}

	async function dismissRejected(commandId: string): Promise<void> {
		const at = deps.now().toISOString();
		await store.transaction(async () => {
			const command = await store.getCommand(commandId);
			if (!command || command.status !== 'rejected') throw new UnknownCommandError(commandId);
			await journalDecided(store, [command], at);
		});
		changed();
	}

	/**
	 * Swaps a photo the server refused for good (too large, wrong type, corrupt) for a retaken one, in a command
	 * still pending. Safe: the server checks photos before deciding, so a command naming a photo it never stored
	 * cannot have been decided; seq and commandId stay, and the commands queued after it are no longer blocked.
	 */
	async function replaceCommandPhoto(commandId: string, oldSha256: string, photo: Omit<StoredPhoto, 'uploaded'>): Promise<OutboxCommand> {
		const command = await writing(() =>
			store.transaction(async () => {
				const current = await store.getCommand(commandId);
				const payload = current?.payload;
				if (!current || current.status !== 'pending' || !blobsOf(current.name, payload).length) throw new UnknownCommandError(commandId);
				if ((await store.getPhoto(oldSha256))?.uploaded) throw new Error('Ảnh này đã lên máy chủ, không cần thay');
				let found = false;
				// a photo is named by its hash wherever it sits in the payload (lists, single fields, the replacement meter)
				const swap = (value: unknown): unknown => {
					if (value === oldSha256) return (found = true), photo.sha256;
					if (Array.isArray(value)) return value.map(swap);
					if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
					return value;
				};
				const swapped = swap(payload);
				const next: OutboxCommand = { ...current, payload: swapped, lastError: undefined };
				if (!found) throw new Error('Thao tác này không có ảnh cần thay');
				if (!(await store.getPhoto(photo.sha256))) await store.putPhoto({ ...photo, uploaded: false });
				await store.putCommand(next);
				return next;
			})
		);
		changed();
		deps.onEnqueued?.();
		return command;
	}

	return {
		replaceCommandPhoto,
		loadDraft: (jobId: string, kind: DraftKind): Promise<Draft | undefined> => store.getDraft(jobId, kind),
		saveDraft: (jobId: string, kind: DraftKind, data: unknown): Promise<void> =>
			writing(() => store.putDraft({ jobId, kind, data, updatedAt: deps.now().toISOString() })),
		discardDraft: (jobId: string, kind: DraftKind): Promise<void> => store.deleteDraft(jobId, kind),
		async savePhoto(photo: Omit<StoredPhoto, 'uploaded'>): Promise<void> {
			// Content-addressed: the same bytes again keep the stored row (and its upload flag).
			await writing(() =>
				store.transaction(async () => {
					if (!(await store.getPhoto(photo.sha256))) await store.putPhoto({ ...photo, uploaded: false });
				})
			);
		},
		getPhoto: (sha256: string): Promise<StoredPhoto | undefined> => store.getPhoto(sha256),
		listPhotos: (filter?: { pendingOnly?: boolean }): Promise<StoredPhoto[]> => store.listPhotos(filter),
		submitFieldCommand,
		listCommands: (jobId?: string): Promise<OutboxCommand[]> => store.listCommands(jobId === undefined ? {} : { jobId }),
		getEffectiveJob,
		listEffectiveJobs,
		redoRejected,
		dismissRejected,
		listMaterials: (): Promise<Material[]> => readMaterials(store),
		/** The VAT rate in force today as last pulled; undefined before any pull with rates. */
		vatPercentToday: (): Promise<number | undefined> => readVatPercent(store)
	};
}

export type FieldWork = ReturnType<typeof createFieldWork>;
