// The app's single instances, wired together: local store, session, sync status, clock, SW update prompt.
// Routes and components import these; unit tests build their own from the classes instead.
import { browser } from '$app/environment';
import { AppUpdate } from './app-update.svelte';
import { Clock } from './clock.svelte';
import { currentPosition } from './geo';
import { LivePoke } from './live-poke';
import { LocationPing } from './location-ping';
import { DexieStore, HienTruongDb } from './dexie-store';
import { MemoryStore } from './memory-store';
import { SessionState } from './session.svelte';
import type { LocalStore } from './store';
import { SyncState, browserSyncEnvironment, type SyncEnvironment } from './sync-state.svelte';

/** window.fetch bound to window: called as a property of an options object it would throw "Illegal invocation". */
export const apiFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

// SvelteKit imports route modules in Node at build time to read their options; nothing there may touch IndexedDB.
export const localStore: LocalStore = browser ? new DexieStore(new HienTruongDb()) : new MemoryStore();

// After a login, ask the browser to keep our data: the outbox may be the only copy of a day's work.
export const session = new SessionState(localStore, { onSignedIn: () => void sync.refreshStorage(true) });

const inertEnvironment: SyncEnvironment = {
	isOnline: () => false,
	isVisible: () => false,
	onOnlineChange: () => () => {},
	onBecameVisible: () => () => {},
	every: () => () => {}
};

export const sync = new SyncState({
	store: localStore,
	fetch: apiFetch,
	credentials: () =>
		session.current && session.isCrew && !session.expired
			? { token: session.current.token, ownerId: session.current.user.id }
			: null,
	onAuthExpired: () => session.markExpired(),
	env: browser ? browserSyncEnvironment() : inertEnvironment,
	refreshMaterials: true
});

export const clock = new Clock();

export const appUpdate = new AppUpdate();

// The crew's location ping for the supervisors' map (online, crew session, working hours; see location-ping.ts).
export const locationPing = new LocationPing({
	now: () => new Date(),
	isOnline: () => browser && navigator.onLine,
	token: () => (session.current && session.isCrew && !session.expired ? session.current.token : null),
	locate: () => currentPosition(),
	fetch: apiFetch,
	every: (ms, tick) => {
		const id = setInterval(tick, ms);
		return () => clearInterval(id);
	},
	onOnlineChange: browser ? (listener) => browserSyncEnvironment().onOnlineChange(listener) : undefined,
	onAuthExpired: () => session.markExpired()
});

// The crew's live poke: one server-sent event stream per tab while signed in and online; a supervisor's change
// to the crew's jobs runs a sync at once (see live-poke.ts). Its state is on <html data-live-poke> for e2e tests.
export const livePoke = new LivePoke({
	token: () => (session.current && session.isCrew && !session.expired ? session.current.token : null),
	isOnline: () => browser && navigator.onLine,
	isVisible: () => browser && document.visibilityState === 'visible',
	open: (url) => new EventSource(url),
	sync: () => sync.syncNow(),
	after: (ms, run) => {
		const id = setTimeout(run, ms);
		return () => clearTimeout(id);
	},
	onOnlineChange: browser ? (listener) => browserSyncEnvironment().onOnlineChange(listener) : undefined,
	onVisibilityChange: browser
		? (listener) => {
				const changed = () => listener(document.visibilityState === 'visible');
				document.addEventListener('visibilitychange', changed);
				return () => document.removeEventListener('visibilitychange', changed);
			}
		: undefined,
	onState: (state) => {
		if (browser) document.documentElement.dataset.livePoke = state;
	}
});
