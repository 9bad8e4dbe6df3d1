// Reactive sync status for the header and the sync page, and the triggers that start a sync cycle (push then
// pull, see push.ts): app start, `online`, a timer while the page is visible, the "Đồng bộ" button, a queued
// command, and Background Sync messages from the service worker. One cycle at a time per tab, and one across
// tabs through the 'ht-sync' Web Lock.
// The sync cycle (push, pull, photos, their schemas) loads with the first cycle, after the job list has shown.
import type { SyncCycleOutcome } from './push';
import type { SyncError } from './sync';
import type { JournalReplay, LocalStore } from './store';

export interface SyncCredentials {
	token: string;
	/** User id the token belongs to; a pull that lands after another user logged in is dropped. */
	ownerId: string;
}

export interface StorageInfo {
	/** Whether the browser promised not to evict our data; null when unknown. */
	persisted: boolean | null;
	usage: number | null;
	quota: number | null;
}

/** The browser facilities SyncState listens to, injectable so it runs in unit tests. */
export interface SyncEnvironment {
	isOnline(): boolean;
	isVisible(): boolean;
	onOnlineChange(listener: (online: boolean) => void): () => void;
	onBecameVisible(listener: () => void): () => void;
	every(ms: number, tick: () => void): () => void;
	/** One-shot timer (backoff wake-up); absent: the periodic timer catches up. */
	after?(ms: number, run: () => void): () => void;
	/** Device clock, epoch ms. */
	now?(): number;
	/** The 'ht-sync' lock; absent: an in-tab mutex. */
	withLock?<T>(work: () => Promise<T>): Promise<T>;
	/** Messages from the service worker's Background Sync. */
	onBackgroundSync?(listener: () => void): () => void;
	/** Asks the browser to wake us when the network is back (Background Sync tag 'ht-sync'). */
	registerBackgroundSync?(): Promise<void>;
	storage?: {
		persist(): Promise<boolean>;
		persisted(): Promise<boolean>;
		estimate(): Promise<{ usage?: number; quota?: number }>;
	};
}

export function browserSyncEnvironment(): SyncEnvironment {
	return {
		isOnline: () => navigator.onLine,
		isVisible: () => document.visibilityState === 'visible',
		onOnlineChange(listener) {
			const online = () => listener(true);
			const offline = () => listener(false);
			window.addEventListener('online', online);
			window.addEventListener('offline', offline);
			return () => {
				window.removeEventListener('online', online);
				window.removeEventListener('offline', offline);
			};
		},
		onBecameVisible(listener) {
			const changed = () => {
				if (document.visibilityState === 'visible') listener();
			};
			document.addEventListener('visibilitychange', changed);
			return () => document.removeEventListener('visibilitychange', changed);
		},
		every(ms, tick) {
			const id = setInterval(tick, ms);
			return () => clearInterval(id);
		},
		after(ms, run) {
			const id = setTimeout(run, ms);
			return () => clearTimeout(id);
		},
		now: () => Date.now(),
		withLock: (work) => withSyncLockLoaded(work),
		onBackgroundSync(listener) {
			const container = navigator.serviceWorker;
			if (!container) return () => {};
			const message = (event: MessageEvent) => {
				if (event.data?.type === 'ht-sync') listener();
			};
			container.addEventListener('message', message);
			return () => container.removeEventListener('message', message);
		},
		async registerBackgroundSync() {
			const registration = await navigator.serviceWorker?.ready;
			const manager = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
			await manager?.register('ht-sync');
		},
		storage: navigator.storage?.persist
			? {
					persist: () => navigator.storage.persist(),
					persisted: () => navigator.storage.persisted(),
					estimate: () => navigator.storage.estimate()
				}
			: undefined
	};
}

export interface SyncStateOptions {
	store: LocalStore;
	fetch: typeof globalThis.fetch;
	/** Who may sync right now; null when logged out, the session expired, or the user is not a crew member. */
	credentials: () => SyncCredentials | null;
	/** Called on a 401: local data stays, the UI asks to log in again. */
	onAuthExpired: () => void;
	env: SyncEnvironment;
	intervalMs?: number;
	/** Refresh the materials price list during sync (off in unit tests that count requests). */
	refreshMaterials?: boolean;
	newDeviceId?: () => string;
}

export const SYNC_INTERVAL_MS = 60_000;

/** Pushes that keep failing: shown on the sync page in words (since when, how many tries, what went wrong). */
export interface PushTrouble {
	/** Device clock, epoch ms. */
	sinceMs: number;
	tries: number;
	/** Vietnamese, for the crew. */
	lastError: string;
	/** Device clock, epoch ms: the next automatic try. */
	nextAttemptAtMs: number;
}

export class SyncState {
	online = $state(true);
	/** A cycle (push and/or pull) is running. */
	syncing = $state(false);
	/** serverTime of the last applied pull, ISO; null before the first. */
	lastSyncAt = $state<string | null>(null);
	/** Commands waiting to be pushed. */
	pendingCount = $state(0);
	/** Commands the server refused, waiting for the crew to redo or dismiss them. */
	rejectedCount = $state(0);
	/** Commands are being sent right now. */
	pushing = $state(false);
	pushProgress = $state<{ done: number; total: number } | null>(null);
	/** Upload progress per photo (0..1) during this cycle. */
	photoProgress = $state<Record<string, number>>({});
	/** Photos the server refused or could not take yet, with a Vietnamese reason. */
	photoErrors = $state<Record<string, string>>({});
	storage = $state<StorageInfo>({ persisted: null, usage: null, quota: null });
	/** The last local write failure (e.g. the tablet is full), Vietnamese; null when fine. */
	storageError = $state<string | null>(null);
	/** The last cycle's failure (push or pull); cleared by the next success. */
	lastError = $state<SyncError | null>(null);
	/** Pushes failing one after another (server errors, no network, photos refused); null once one goes through. */
	pushTrouble = $state<PushTrouble | null>(null);
	/** The last re-send of the device journal to a server that lost commands; null when there never was one. */
	replay = $state<JournalReplay | null>(null);
	/** Re-sent commands the server has not decided again yet. */
	resendLeft = $state(0);
	/** Decided commands kept in the device journal. */
	journalCount = $state(0);

	#options: SyncStateOptions;
	#inFlight: Promise<SyncCycleOutcome | null> | null = null;
	/** A command was queued while a cycle ran: run another one right after. */
	#again = false;
	#inFlightForced = false;
	#cancelWake: (() => void) | null = null;
	/** Device time of the last applied pull; compared with the device clock only, never with serverTime. */
	#lastPulledAtMs: number | null = null;

	constructor(options: SyncStateOptions) {
		this.#options = options;
		this.online = options.env.isOnline();
	}

	get intervalMs(): number {
		return this.#options.intervalMs ?? SYNC_INTERVAL_MS;
	}

	#now(): number {
		return this.#options.env.now?.() ?? Date.now();
	}

	/** Reads what the store already knows (last sync time and outbox counts survive reloads). */
	async load(): Promise<void> {
		this.lastSyncAt = (await this.#options.store.getMeta('lastSyncAt')) ?? null;
		await this.refreshCounts();
	}

	async refreshCounts(): Promise<void> {
		const { store } = this.#options;
		this.pendingCount = (await store.countUnsynced()).pendingCommands;
		this.rejectedCount = (await store.listCommands({ status: 'rejected' })).length;
		this.resendLeft = (await store.listCommands({ status: 'pending' })).filter((c) => c.resend !== undefined).length;
		this.replay = (await store.getMeta('journalReplay')) ?? null;
		this.journalCount = await store.countJournal();
		const backoff = await store.getMeta('pushBackoff');
		this.pushTrouble =
			backoff && this.pendingCount > 0
				? {
						sinceMs: backoff.failingSinceMs ?? backoff.nextAttemptAtMs,
						tries: backoff.failures,
						lastError: backoff.lastError ?? '',
						nextAttemptAtMs: backoff.nextAttemptAtMs
					}
				: null;
		await this.#forgetSettledPhotoErrors();
	}

	/**
	 * Starts the triggers and runs the first sync; returns the function that stops them.
	 * Call it once a crew session exists.
	 */
	start(): () => void {
		const { env } = this.#options;
		this.online = env.isOnline();
		const stops = [
			env.onOnlineChange((online) => {
				this.online = online;
				if (online) void this.syncNow();
			}),
			env.every(this.intervalMs, () => {
				if (env.isVisible()) void this.#run(false);
			}),
			// A tablet that slept through timer ticks catches up as soon as it is looked at again.
			env.onBecameVisible(() => {
				if (this.#isStale()) void this.#run(false);
			}),
			env.onBackgroundSync?.(() => void this.syncNow()) ?? (() => {})
		];
		void this.load().then(() => this.syncNow());
		void this.refreshStorage(false);
		return () => {
			stops.forEach((stop) => stop());
			this.#cancelWake?.();
		};
	}

	/**
	 * Syncs now (push ignoring the backoff, then pull), unless offline or nobody may sync (resolves null).
	 * While a cycle runs, callers share its promise instead of starting another.
	 */
	syncNow(): Promise<SyncCycleOutcome | null> {
		return this.#run(true);
	}

	/** A command was queued: push it as soon as possible, and ask for Background Sync in case the tab closes. */
	requestSync(): void {
		void this.#options.env.registerBackgroundSync?.().catch(() => undefined);
		if (this.#inFlight) this.#again = true;
		else void this.#run(true);
	}

	/** Asks the browser to keep our data (after login) and reads how much space is used. */
	async refreshStorage(askPersist = true): Promise<void> {
		const storage = this.#options.env.storage;
		if (!storage) return;
		try {
			const persisted = askPersist ? await storage.persist() : await storage.persisted();
			const estimate = await storage.estimate();
			this.storage = { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
		} catch (error) {
			console.warn('[sync] storage estimate failed', error);
		}
	}

	/** A local write failed; the UI shows it until the next successful sync. */
	reportStorageError(error: unknown): void {
		this.storageError = storageMessage(error);
		void this.refreshStorage(false);
	}

	/** Forgets the shown status (logout). */
	reset(): void {
		this.lastSyncAt = null;
		this.lastError = null;
		this.pendingCount = 0;
		this.rejectedCount = 0;
		this.pushProgress = null;
		this.photoProgress = {};
		this.photoErrors = {};
		this.storageError = null;
		this.pushTrouble = null;
		this.replay = null;
		this.resendLeft = 0;
		this.journalCount = 0;
		this.#lastPulledAtMs = null;
	}

	#run(force: boolean): Promise<SyncCycleOutcome | null> {
		if (this.#inFlight) {
			// A timer cycle may be waiting out the backoff: a press of "Đồng bộ" then still gets its push.
			if (force && !this.#inFlightForced) this.#again = true;
			return this.#inFlight;
		}
		if (!this.online) return Promise.resolve(null);
		const credentials = this.#options.credentials();
		if (!credentials) return Promise.resolve(null);

		this.syncing = true;
		this.#inFlightForced = force;
		const lock = this.#options.env.withLock ?? withSyncLockLoaded;
		this.#inFlight = lock(() => this.#cycle(credentials, force)).finally(() => {
			this.syncing = false;
			this.pushing = false;
			this.#inFlight = null;
			if (this.#again) {
				this.#again = false;
				void this.#run(true);
			}
		});
		return this.#inFlight;
	}

	async #cycle(credentials: SyncCredentials, force: boolean): Promise<SyncCycleOutcome> {
		const { store, fetch, onAuthExpired } = this.#options;
		this.photoProgress = {};
		let outcome: SyncCycleOutcome;
		try {
			const { runSyncCycle } = await import('./push');
			outcome = await runSyncCycle({
				fetch,
				store,
				token: credentials.token,
				ownerId: credentials.ownerId,
				now: () => this.#now(),
				force,
				newDeviceId: this.#options.newDeviceId,
				materialsMaxAgeMs: this.#options.refreshMaterials ? undefined : 0,
				onPhotoProgress: (sha, fraction) => (this.photoProgress = { ...this.photoProgress, [sha]: fraction }),
				onPhotoError: (sha, message) => {
					const { [sha]: _old, ...rest } = this.photoErrors;
					this.photoErrors = message === null ? rest : { ...rest, [sha]: message };
				},
				onPushProgress: (progress) => {
					this.pushing = progress !== null;
					this.pushProgress = progress;
				}
			});
		} catch (error) {
			// A local write failed mid-cycle (quota, closed database): nothing is lost, the next cycle retries.
			this.reportStorageError(error);
			const failure: SyncError = { kind: 'storage', detail: error instanceof Error ? error.message : String(error) };
			this.lastError = failure;
			return { push: { applied: 0, rejected: 0, pendingLeft: this.pendingCount, error: failure } };
		}
		const { push, pull } = outcome;
		if (push.error?.kind === 'auth' || (pull && !pull.ok && !pull.superseded && pull.error.kind === 'auth')) {
			this.lastError = push.error?.kind === 'auth' ? push.error : pull && !pull.ok && !pull.superseded ? pull.error : null;
			onAuthExpired();
		} else if (pull?.ok) {
			this.lastSyncAt = pull.serverTime;
			this.lastError = push.error ?? null;
			this.storageError = null;
			this.#lastPulledAtMs = this.#now();
		} else if (pull && pull.superseded) {
			await this.load();
		} else if (pull) {
			this.lastError = pull.error;
			console.warn('[sync] pull failed', pull.error);
		}
		if (push.error && push.error.kind !== 'auth') console.warn('[sync] push failed', push.error);
		await this.refreshCounts().catch(() => undefined);
		await this.#scheduleWake();
		return outcome;
	}

	/** A photo error stays only while a pending command still needs that photo (redo/dismiss end it). */
	async #forgetSettledPhotoErrors(): Promise<void> {
		if (Object.keys(this.photoErrors).length === 0) return;
		const { blobsOf } = await import('$lib/domain/commands');
		const needed = new Set((await this.#options.store.listCommands({ status: 'pending' })).flatMap((c) => blobsOf(c.name, c.payload)));
		const kept = Object.entries(this.photoErrors).filter(([sha]) => needed.has(sha));
		if (kept.length !== Object.keys(this.photoErrors).length) this.photoErrors = Object.fromEntries(kept);
	}

	/** After a failed push, wake up when the backoff ends rather than at the next timer tick. */
	async #scheduleWake(): Promise<void> {
		this.#cancelWake?.();
		this.#cancelWake = null;
		const { env, store } = this.#options;
		if (!env.after || this.pendingCount === 0) return;
		const backoff = await store.getMeta('pushBackoff');
		if (!backoff) return;
		this.#cancelWake = env.after(Math.max(0, backoff.nextAttemptAtMs - this.#now()), () => void this.#run(false));
	}

	#isStale(): boolean {
		return this.#lastPulledAtMs === null || this.#now() - this.#lastPulledAtMs >= this.intervalMs;
	}
}

/** The 'ht-sync' Web Lock (push.ts), loaded with the sync cycle. */
async function withSyncLockLoaded<T>(work: () => Promise<T>): Promise<T> {
	const { withSyncLock } = await import('./push');
	return withSyncLock(work);
}

/** Vietnamese text for a failed local write; a full tablet is the case the crew can act on. */
export function storageMessage(error: unknown): string {
	const name = error instanceof Error ? error.name : '';
	if (name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message))) {
		return 'Bộ nhớ máy tính bảng đã đầy: không lưu được dữ liệu. Hãy đồng bộ để giải phóng ảnh đã gửi, hoặc xóa bớt ứng dụng/tệp khác.';
	}
	return `Không ghi được dữ liệu vào bộ nhớ máy (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}).`;
}
