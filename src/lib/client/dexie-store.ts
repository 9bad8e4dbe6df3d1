// The LocalStore on IndexedDB through Dexie: the tablet's durable copy of the crew's jobs, its outbox of field
// commands, photos and drafts, and sync state.
import Dexie, { type EntityTable, type Table } from 'dexie';
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

export const DB_NAME = 'hien-truong';

interface MetaRow {
	key: MetaKey;
	value: unknown;
}

/** IndexedDB cannot index booleans, so the upload flag is mirrored as 0/1 for the index. */
type PhotoRow = StoredPhoto & { uploadState: 0 | 1 };

export class HienTruongDb extends Dexie {
	jobs!: EntityTable<JobView, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;
	outbox!: EntityTable<OutboxCommand, 'commandId'>;
	journal!: EntityTable<JournalEntry, 'commandId'>;
	photos!: EntityTable<PhotoRow, 'sha256'>;
	drafts!: Table<Draft, [string, DraftKind]>;

	constructor(name = DB_NAME) {
		// No liveQuery result cache: it deep-clones every result it hands out (≈ 140 ms for 2,000 jobs on a tablet,
		// on each re-read of the job list); a liveQuery still re-reads when a write it read from commits.
		super(name, { cache: 'disabled' });
		// Never edit a released version: add a new version with the changed tables instead.
		this.version(1).stores({
			jobs: 'id, scheduledAt, request.code',
			meta: 'key'
		});
		// Issue 3: field commands, photos and form drafts; jobs and meta are carried over untouched.
		this.version(2).stores({
			outbox: 'commandId, &seq, jobId, status',
			photos: 'sha256, jobId, uploadState',
			drafts: '[jobId+kind]'
		});
		// Issue 9: the device journal, decided commands kept for a while so a server that lost them can be healed.
		this.version(3).stores({
			journal: 'commandId, &seq, journaledAt'
		});
	}
}

export class DexieStore implements LocalStore {
	constructor(readonly db: HienTruongDb) {}

	async getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
		const row = await this.db.meta.get(key);
		return row?.value as MetaValues[K] | undefined;
	}

	async setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
		await this.db.meta.put({ key, value });
	}

	async deleteMeta(key: MetaKey): Promise<void> {
		await this.db.meta.delete(key);
	}

	async upsertJobs(jobs: readonly JobView[]): Promise<void> {
		if (jobs.length > 0) await this.db.jobs.bulkPut([...jobs]);
	}

	async removeJobs(ids: readonly string[]): Promise<void> {
		if (ids.length > 0) await this.db.jobs.bulkDelete([...ids]);
	}

	async clearJobs(): Promise<void> {
		await this.db.jobs.clear();
	}

	async listJobs(): Promise<JobView[]> {
		// Read by primary key and sorted here, in the scheduledAt index's order (then by id): inside a liveQuery, a read
		// through another index makes Dexie note every primary key it returned (≈ 130 ms for 2,000 jobs), a read of the
		// whole table only its range.
		const jobs = await this.db.jobs.toArray();
		return jobs.sort((a, b) => compare(a.scheduledAt, b.scheduledAt) || compare(a.id, b.id));
	}

	async listFirstJobs(limit: number): Promise<JobView[]> {
		// the scheduledAt index holds its entries in listJobs' order (by time, then by id)
		return this.db.jobs.orderBy('scheduledAt').limit(limit).toArray();
	}

	async getJob(id: string): Promise<JobView | undefined> {
		return this.db.jobs.get(id);
	}

	async putCommand(command: OutboxCommand): Promise<void> {
		await this.db.outbox.put(command);
	}

	async getCommand(commandId: string): Promise<OutboxCommand | undefined> {
		return this.db.outbox.get(commandId);
	}

	async deleteCommands(commandIds: readonly string[]): Promise<void> {
		if (commandIds.length > 0) await this.db.outbox.bulkDelete([...commandIds]);
	}

	async listCommands(filter: { jobId?: string; status?: OutboxStatus } = {}): Promise<OutboxCommand[]> {
		const { jobId, status } = filter;
		if (jobId !== undefined) {
			const rows = await this.db.outbox.where('jobId').equals(jobId).sortBy('seq');
			return status === undefined ? rows : rows.filter((c) => c.status === status);
		}
		if (status !== undefined) return this.db.outbox.where('status').equals(status).sortBy('seq');
		return this.db.outbox.orderBy('seq').toArray();
	}

	async putJournal(entries: readonly JournalEntry[]): Promise<void> {
		if (entries.length > 0) await this.db.journal.bulkPut([...entries]);
	}

	async listJournal(): Promise<JournalEntry[]> {
		return this.db.journal.orderBy('seq').toArray();
	}

	async countJournal(): Promise<number> {
		return this.db.journal.count();
	}

	async deleteJournal(commandIds: readonly string[]): Promise<void> {
		if (commandIds.length > 0) await this.db.journal.bulkDelete([...commandIds]);
	}

	async putPhoto(photo: StoredPhoto): Promise<void> {
		await this.db.photos.put({ ...photo, uploadState: photo.uploaded ? 1 : 0 });
	}

	async getPhoto(sha256: string): Promise<StoredPhoto | undefined> {
		const row = await this.db.photos.get(sha256);
		return row ? toPhoto(row) : undefined;
	}

	async listPhotos(filter: { pendingOnly?: boolean } = {}): Promise<StoredPhoto[]> {
		const rows = filter.pendingOnly ? await this.db.photos.where('uploadState').equals(0).toArray() : await this.db.photos.toArray();
		return rows.map(toPhoto).sort((a, b) => compare(a.capturedAt, b.capturedAt) || compare(a.sha256, b.sha256));
	}

	async deletePhotos(sha256s: readonly string[]): Promise<void> {
		if (sha256s.length > 0) await this.db.photos.bulkDelete([...sha256s]);
	}

	async getDraft(jobId: string, kind: DraftKind): Promise<Draft | undefined> {
		return this.db.drafts.get([jobId, kind]);
	}

	async putDraft(draft: Draft): Promise<void> {
		await this.db.drafts.put(draft);
	}

	async deleteDraft(jobId: string, kind: DraftKind): Promise<void> {
		await this.db.drafts.delete([jobId, kind]);
	}

	async listDrafts(): Promise<Draft[]> {
		return this.db.drafts.toArray();
	}

	async countUnsynced(): Promise<UnsyncedWork> {
		return unsyncedWorkOf(await this.listCommands({ status: 'pending' }), await this.listDrafts(), await this.listPhotos({ pendingOnly: true }));
	}

	async transaction<T>(work: () => Promise<T>): Promise<T> {
		return this.db.transaction('rw', this.#tables(), work);
	}

	async clear(): Promise<void> {
		await this.db.transaction('rw', this.#tables(), async () => {
			for (const table of this.#tables()) await table.clear();
		});
	}

	#tables(): Table[] {
		return [this.db.jobs, this.db.meta, this.db.outbox, this.db.journal, this.db.photos, this.db.drafts] as Table[];
	}
}

function toPhoto(row: PhotoRow): StoredPhoto {
	const { uploadState: _uploadState, ...photo } = row;
	return photo;
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
