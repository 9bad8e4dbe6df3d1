// An in-memory LocalStore for unit tests; transactions roll back by restoring a snapshot.
import type { JobView } from '$lib/domain/api';
import type {
	Draft,
	DraftKind,
	JournalEntry,
	LocalStore,
	MetaKey,
	MetaValues,
	OutboxCommand,
	OutboxStatus,
	StoredPhoto,
	UnsyncedWork
} from './store';
import { unsyncedWorkOf } from './store';

export class MemoryStore implements LocalStore {
	#jobs = new Map<string, JobView>();
	#meta = new Map<MetaKey, unknown>();
	#outbox = new Map<string, OutboxCommand>();
	#journal = new Map<string, JournalEntry>();
	#photos = new Map<string, StoredPhoto>();
	#drafts = new Map<string, Draft>();
	/** Test hook: makes the next writes fail like a full disk. */
	failWrites: Error | null = null;

	async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
		return structuredClone(this.#meta.get(key)) as MetaValues[K] | undefined;
	}

	async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
		this.#write();
		this.#meta.set(key, structuredClone(value));
	}

	async deleteMeta(key: MetaKey): Promise<void> {
		this.#meta.delete(key);
	}

	async upsertJobs(jobs: readonly JobView[]): Promise<void> {
		this.#write();
		for (const job of jobs) this.#jobs.set(job.id, structuredClone(job));
	}

	async removeJobs(ids: readonly string[]): Promise<void> {
		for (const id of ids) this.#jobs.delete(id);
	}

	async clearJobs(): Promise<void> {
		this.#jobs.clear();
	}

	async listFirstJobs(limit: number): Promise<JobView[]> {
		return (await this.listJobs()).slice(0, limit);
	}

	async listJobs(): Promise<JobView[]> {
		// Same order as the Dexie scheduledAt index: string order, ties by primary key.
		return [...this.#jobs.values()]
			.sort((a, b) => compare(a.scheduledAt, b.scheduledAt) || compare(a.id, b.id))
			.map((job) => structuredClone(job));
	}

	async getJob(id: string): Promise<JobView | undefined> {
		const job = this.#jobs.get(id);
		return job ? structuredClone(job) : undefined;
	}

	async putCommand(command: OutboxCommand): Promise<void> {
		this.#write();
		// Mirrors the unique seq index of the Dexie table.
		for (const other of this.#outbox.values()) {
			if (other.seq === command.seq && other.commandId !== command.commandId) throw new Error(`ConstraintError: seq ${command.seq}`);
		}
		this.#outbox.set(command.commandId, structuredClone(command));
	}

	async getCommand(commandId: string): Promise<OutboxCommand | undefined> {
		const command = this.#outbox.get(commandId);
		return command ? structuredClone(command) : undefined;
	}

	async deleteCommands(commandIds: readonly string[]): Promise<void> {
		for (const id of commandIds) this.#outbox.delete(id);
	}

	async listCommands(filter: { jobId?: string; status?: OutboxStatus } = {}): Promise<OutboxCommand[]> {
		return [...this.#outbox.values()]
			.filter((c) => (filter.jobId === undefined || c.jobId === filter.jobId) && (filter.status === undefined || c.status === filter.status))
			.sort((a, b) => a.seq - b.seq)
			.map((c) => structuredClone(c));
	}

	async putJournal(entries: readonly JournalEntry[]): Promise<void> {
		this.#write();
		for (const entry of entries) {
			// Mirrors the unique seq index of the Dexie table.
			for (const other of this.#journal.values()) {
				if (other.seq === entry.seq && other.commandId !== entry.commandId) throw new Error(`ConstraintError: journal seq ${entry.seq}`);
			}
			this.#journal.set(entry.commandId, structuredClone(entry));
		}
	}

	async listJournal(): Promise<JournalEntry[]> {
		return [...this.#journal.values()].sort((a, b) => a.seq - b.seq).map((e) => structuredClone(e));
	}

	async countJournal(): Promise<number> {
		return this.#journal.size;
	}

	async deleteJournal(commandIds: readonly string[]): Promise<void> {
		for (const id of commandIds) this.#journal.delete(id);
	}

	async putPhoto(photo: StoredPhoto): Promise<void> {
		this.#write();
		this.#photos.set(photo.sha256, { ...photo });
	}

	async getPhoto(sha256: string): Promise<StoredPhoto | undefined> {
		const photo = this.#photos.get(sha256);
		return photo ? { ...photo } : undefined;
	}

	async listPhotos(filter: { pendingOnly?: boolean } = {}): Promise<StoredPhoto[]> {
		return [...this.#photos.values()]
			.filter((p) => !filter.pendingOnly || !p.uploaded)
			.sort((a, b) => compare(a.capturedAt, b.capturedAt) || compare(a.sha256, b.sha256))
			.map((p) => ({ ...p }));
	}

	async deletePhotos(sha256s: readonly string[]): Promise<void> {
		for (const sha of sha256s) this.#photos.delete(sha);
	}

	async getDraft(jobId: string, kind: DraftKind): Promise<Draft | undefined> {
		const draft = this.#drafts.get(draftKey(jobId, kind));
		return draft ? structuredClone(draft) : undefined;
	}

	async putDraft(draft: Draft): Promise<void> {
		this.#write();
		this.#drafts.set(draftKey(draft.jobId, draft.kind), structuredClone(draft));
	}

	async deleteDraft(jobId: string, kind: DraftKind): Promise<void> {
		this.#drafts.delete(draftKey(jobId, kind));
	}

	async listDrafts(): Promise<Draft[]> {
		return [...this.#drafts.values()].map((d) => structuredClone(d));
	}

	async countUnsynced(): Promise<UnsyncedWork> {
		return unsyncedWorkOf(await this.listCommands({ status: 'pending' }), await this.listDrafts(), await this.listPhotos({ pendingOnly: true }));
	}

	async transaction<T>(work: () => Promise<T>): Promise<T> {
		const snapshot = [new Map(this.#jobs), new Map(this.#meta), new Map(this.#outbox), new Map(this.#journal), new Map(this.#photos), new Map(this.#drafts)] as const;
		try {
			return await work();
		} catch (error) {
			[this.#jobs, this.#meta, this.#outbox, this.#journal, this.#photos, this.#drafts] = snapshot;
			throw error;
		}
	}

	async clear(): Promise<void> {
		this.#jobs.clear();
		this.#meta.clear();
		this.#outbox.clear();
		this.#journal.clear();
		this.#photos.clear();
		this.#drafts.clear();
	}

	#write(): void {
		if (this.failWrites) throw this.failWrites;
	}
}

function draftKey(jobId: string, kind: DraftKind): string {
	return `${jobId}\u0000${kind}`;
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
