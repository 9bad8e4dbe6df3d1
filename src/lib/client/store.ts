// The tablet's local data behind one small interface, so sync and session logic run against Dexie in the app
// and against memory in unit tests.
import type { JobView, SessionUser } from '$lib/domain/api';
import type { CommandName, GpsFix } from '$lib/domain/commands';
import type { Material, PriceListEntry } from '$lib/domain/materials';
import type { VatRate } from '$lib/domain/estimate';

/** What a successful login leaves on the tablet: enough to work offline and to survive reloads. */
export interface StoredSession {
	token: string;
	expiresAt: string;
	user: SessionUser;
}

/** The form a draft belongs to; also the last segment of the form's route (/jobs/[id]/<kind>). */
export type DraftKind = 'survey' | 'estimate' | 'install' | 'sign' | 'check' | 'fix';

export type OutboxStatus = 'pending' | 'applied' | 'rejected';

/** A field command recorded on the tablet (docs/sync-protocol.md), with what the server decided about it. */
export interface OutboxCommand {
	commandId: string;
	seq: number;
	name: CommandName;
	jobId: string;
	requestId: string;
	baseVersion: number;
	deviceTime: string;
	location: GpsFix | null;
	payload: unknown;
	status: OutboxStatus;
	createdAt: string;
	attempts: number;
	/** Last transport problem while pending (Vietnamese). */
	lastError?: string;
	code?: string;
	reason?: { vi: string; en: string };
	fields?: Record<string, string>;
	decidedAt?: string;
	/**
	 * Set while the command is being sent again because the server lost it (restored from a backup): what the
	 * tablet knew of it before. `dismissed`: it had been rejected and the crew already redid or dismissed it.
	 */
	resend?: 'applied' | 'rejected' | 'dismissed';
	/** The request's code and customer, kept when its job left the tablet (moved to another crew or cancelled). */
	jobLabel?: { code: string; customer: string };
}

/** A command the server decided and the tablet kept after the decision (the device journal, journal.ts). */
export interface JournalEntry extends Omit<OutboxCommand, 'status' | 'resend'> {
	status: 'applied' | 'rejected';
	/** Device clock, ISO: when the command left the outbox for the journal; the retention window counts from it. */
	journaledAt: string;
}

export interface StoredPhoto {
	sha256: string;
	blob: Blob;
	mime: 'image/jpeg' | 'image/webp';
	size: number;
	width: number;
	height: number;
	jobId: string;
	capturedAt: string;
	uploaded: boolean;
}

export interface Draft {
	jobId: string;
	kind: DraftKind;
	data: unknown;
	updatedAt: string;
}

/** When the next push may be tried after failures (exponential backoff). */
export interface PushBackoff {
	failures: number;
	/** Device clock, epoch ms. */
	nextAttemptAtMs: number;
	/** Device clock, epoch ms: the first failure of this run of failures. */
	failingSinceMs?: number;
	/** What went wrong the last time, in words for the crew (Vietnamese). */
	lastError?: string;
}

/** A re-send of the journal after the server was found to have lost commands it had decided (journal.ts). */
export interface JournalReplay {
	/** Device clock, ISO. */
	startedAt: string;
	/** The server's lastSeq when the loss was noticed, and the highest seq it had decided before. */
	serverLastSeq: number;
	highestAcknowledgedSeq: number;
	/** Commands put back to be sent again (from the journal and the outbox). */
	count: number;
	/** Seqs the server lost that the journal no longer held (pruned): gone for good, the crew is told. */
	lost?: { fromSeq: number; toSeq: number; count: number };
	/** Device clock, ISO: every re-sent command was decided again. */
	finishedAt?: string;
}

/** Typed key/value pairs of the `meta` table. */
export interface MetaValues {
	session: StoredSession;
	/** Opaque pull cursor from the last stored page (inside a pass: the next page resumes after it). */
	cursor: string;
	/** Jobs the server dropped (closed before the retention window) kept because they hold the crew's work; retried each pass. */
	heldDrops: string[];
	/** serverTime of the last applied pull (the server clock orders everything). */
	lastSyncAt: string;
	/** Id of the user whose jobs the store holds; another user logging in wipes them first. */
	dataOwnerId: string;
	/** This installation's device id for pushes; created on first need, gone with the rest on logout. */
	deviceId: string;
	/** The last seq handed to a command of this device (gap-free counter). */
	seqCounter: number;
	/** The last seq the server said it decided for this device. */
	serverLastSeq: number;
	/** The highest lastSeq the server ever reported for this device: a lower one later means the server lost commands. */
	acknowledgedSeq: number;
	/** The last (or current) re-send of the journal. */
	journalReplay: JournalReplay;
	pushBackoff: PushBackoff;
	/** The server's materials price list, as last fetched. */
	materials: { items: Material[]; fetchedAt: string; upcoming?: PriceListEntry[]; vat?: VatRate[] };
}

export type MetaKey = keyof MetaValues;

export interface UnsyncedWork {
	pendingCommands: number;
	/** Photos not on the server yet that a pending command or a draft names (a photo no form uses is no one's work). */
	unuploadedPhotos: number;
}

/**
 * What logout or another user's login would lose, from the rows both stores hold. The command registry (which photos
 * a command names) is loaded only when a photo waits for upload, so the job list's first load does without it.
 */
export async function unsyncedWorkOf(pending: readonly OutboxCommand[], drafts: readonly Draft[], unuploaded: readonly Pick<StoredPhoto, 'sha256'>[]): Promise<UnsyncedWork> {
	if (unuploaded.length === 0) return { pendingCommands: pending.length, unuploadedPhotos: 0 };
	const { photosNamedBy } = await import('./photos-named');
	const named = photosNamedBy(pending, drafts);
	return { pendingCommands: pending.length, unuploadedPhotos: unuploaded.filter((p) => named.has(p.sha256)).length };
}

export interface LocalStore {
	getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined>;
	setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void>;
	deleteMeta(key: MetaKey): Promise<void>;

	/** Inserts or replaces jobs by id. */
	upsertJobs(jobs: readonly JobView[]): Promise<void>;
	removeJobs(ids: readonly string[]): Promise<void>;
	clearJobs(): Promise<void>;
	/** All jobs, ordered by scheduledAt ascending. */
	listJobs(): Promise<JobView[]>;
	/** The first `limit` jobs of listJobs' order (a screenful, read before all of them). */
	listFirstJobs(limit: number): Promise<JobView[]>;
	getJob(id: string): Promise<JobView | undefined>;

	/** Inserts or replaces a command by commandId. */
	putCommand(command: OutboxCommand): Promise<void>;
	getCommand(commandId: string): Promise<OutboxCommand | undefined>;
	deleteCommands(commandIds: readonly string[]): Promise<void>;
	/** Commands in seq order, optionally of one job and/or one status. */
	listCommands(filter?: { jobId?: string; status?: OutboxStatus }): Promise<OutboxCommand[]>;

	/** Inserts or replaces journal entries by commandId. */
	putJournal(entries: readonly JournalEntry[]): Promise<void>;
	/** Journal entries in seq order. */
	listJournal(): Promise<JournalEntry[]>;
	countJournal(): Promise<number>;
	deleteJournal(commandIds: readonly string[]): Promise<void>;

	/** Inserts or replaces a photo by sha256. */
	putPhoto(photo: StoredPhoto): Promise<void>;
	getPhoto(sha256: string): Promise<StoredPhoto | undefined>;
	/** Photos by capture time; pendingOnly: those not yet uploaded. */
	listPhotos(filter?: { pendingOnly?: boolean }): Promise<StoredPhoto[]>;
	deletePhotos(sha256s: readonly string[]): Promise<void>;

	getDraft(jobId: string, kind: DraftKind): Promise<Draft | undefined>;
	putDraft(draft: Draft): Promise<void>;
	deleteDraft(jobId: string, kind: DraftKind): Promise<void>;
	listDrafts(): Promise<Draft[]>;

	/** What logout or another user's login would lose. */
	countUnsynced(): Promise<UnsyncedWork>;

	/**
	 * Runs `work` atomically: every store call made inside lands, or none does if it throws.
	 * Inside `work`, await only calls on this store (Dexie commits a transaction on any foreign await).
	 */
	transaction<T>(work: () => Promise<T>): Promise<T>;

	/** Forgets everything: jobs, commands, journal, photos, drafts and all meta, session included. */
	clear(): Promise<void>;
}
