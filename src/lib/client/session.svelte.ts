// The signed-in user on this tablet: restored from the local store at start (works offline), replaced on login,
// flagged expired on a 401 (local data stays visible), and wiped with all local data on logout.
// Unsynced work (pending commands, photos not uploaded) is never wiped silently: logout refuses unless forced,
// and another user's login is refused until the previous user has synced (see adoptSession).
import { adoptSession, hasUnsyncedWork, isCrewUser, requestLogin, unsyncedWorkText, UnsyncedWorkError, type LoginOutcome } from './auth';
import type { LocalStore, StoredSession, UnsyncedWork } from './store';

/** logout() refused: this work would be lost. Call logout({ force: true }) after the crew confirmed. */
export class LogoutRefusedError extends Error {
	constructor(readonly work: UnsyncedWork) {
		super(`Còn ${unsyncedWorkText(work)}. Hãy đồng bộ trước khi đăng xuất; đăng xuất bây giờ sẽ làm mất công việc này.`);
		this.name = 'LogoutRefusedError';
	}
}

export interface SessionHooks {
	/** A login succeeded (e.g. ask the browser to persist storage). */
	onSignedIn?: () => void;
}

export class SessionState {
	current = $state<StoredSession | null>(null);
	/** The server refused the token; the user must log in again to sync, but keeps seeing local data. */
	expired = $state(false);
	/** The local database could not be opened; the app cannot keep anything offline. */
	storageError = $state<string | null>(null);

	readonly isCrew = $derived(isCrewUser(this.current));
	readonly user = $derived(this.current?.user ?? null);

	#store: LocalStore;
	#restored: Promise<StoredSession | null> | null = null;

	#hooks: SessionHooks;

	constructor(store: LocalStore, hooks: SessionHooks = {}) {
		this.#store = store;
		this.#hooks = hooks;
	}

	/** Loads the stored session once per page life; later calls share the first result. */
	restore(): Promise<StoredSession | null> {
		this.#restored ??= this.#store.getMeta('session').then(
			(session) => {
				this.current = session ?? null;
				return this.current;
			},
			(error: unknown) => {
				this.storageError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
				return null;
			}
		);
		return this.#restored;
	}

	async login(username: string, password: string, fetch: typeof globalThis.fetch): Promise<LoginOutcome> {
		const outcome = await requestLogin({ fetch, username, password });
		if (!outcome.ok) return outcome;
		try {
			await adoptSession(this.#store, outcome.session);
		} catch (error) {
			if (error instanceof UnsyncedWorkError) return { ok: false, kind: 'validation', code: 'unsynced_work', status: 409, serverMessage: error.message, fields: {} };
			throw error;
		}
		this.current = outcome.session;
		this.expired = false;
		this.#restored = Promise.resolve(outcome.session);
		this.#hooks.onSignedIn?.();
		return outcome;
	}

	/** What a logout would lose right now. */
	unsyncedWork(): Promise<UnsyncedWork> {
		return this.#store.countUnsynced();
	}

	markExpired(): void {
		if (this.current) this.expired = true;
	}

	/**
	 * Deletes the session and every job on this tablet. Throws LogoutRefusedError while commands are pending or
	 * photos are not uploaded, unless `force` (the crew explicitly accepted losing them).
	 */
	async logout(options: { force?: boolean } = {}): Promise<void> {
		await this.#store.transaction(async () => {
			const work = await this.#store.countUnsynced();
			if (!options.force && hasUnsyncedWork(work)) throw new LogoutRefusedError(work);
			await this.#store.clear();
		});
		this.current = null;
		this.expired = false;
		this.#restored = Promise.resolve(null);
	}
}
