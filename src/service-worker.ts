/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The offline app shell: every built file is precached at install, and every navigation (except /api) is
// answered with the precached index.html, so a reload or a deep link works with no network after one visit.
// API responses are never cached here: the data lives in IndexedDB.
import { build, files, version } from '$service-worker';
import { cacheNames, clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { isTileRequest, MAX_CACHED_TILES, TILE_CACHE_NAME } from '$lib/map/tiles';

declare const self: ServiceWorkerGlobalScope;

const APP_SHELL = '/index.html';

/** Vite's hashed output never changes under a URL, so Workbox needs no revision for it. */
function isHashed(url: string): boolean {
	return url.includes('/_app/immutable/');
}

const precacheManifest: PrecacheEntry[] = [
	...build
		// version.json is SvelteKit's "is there a new deploy" probe: it must come from the network, never a cache.
		.filter((url) => !url.endsWith('/_app/version.json'))
		.map((url) => ({ url, revision: isHashed(url) ? null : version })),
	...files.map((url) => ({ url, revision: version })),
	{ url: APP_SHELL, revision: version }
];

// The app's hashed files (its ~50 scripts at a cold start), straight from the precache: a hit needs none of Workbox's
// routing and plugin steps, which on a busy tablet made the scripts queue behind one another. Registered before
// Workbox's own listener, which then never sees these requests. A miss (an old page asking for a file of an earlier
// build) goes to the network, as Workbox does.
let precache: Promise<Cache> | null = null;
self.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET' || !isHashed(request.url) || new URL(request.url).origin !== self.location.origin) return;
	event.stopImmediatePropagation();
	event.respondWith(
		(precache ??= caches.open(cacheNames.precache))
			.then((cache) => cache.match(request))
			.then((hit) => hit ?? fetch(request))
	);
});

/** The Service Worker Static Routing API (Chromium 123+; not in TypeScript's webworker lib yet). */
interface RoutingInstallEvent extends ExtendableEvent {
	addRoutes?(rules: Array<{ condition: { urlPattern: string; requestMethod?: string }; source: { cacheName: string } }>): Promise<void>;
}

// Where the browser knows the static routes, it answers the hashed files from the precache itself, without starting
// or waking this worker: a cold start's ~50 scripts then cost no trip through the worker's thread each (the fetch
// handler above stays for the browsers without it). A file missing from the cache goes to the network.
self.addEventListener('install', (event: RoutingInstallEvent) => {
	if (!event.addRoutes) return;
	event.waitUntil(
		event
			.addRoutes([{ condition: { urlPattern: '/_app/immutable/*', requestMethod: 'GET' }, source: { cacheName: cacheNames.precache } }])
			.catch((error: unknown) => console.warn('static routes not added', error))
	);
});

// Install waits for the whole precache; only then does the worker activate (Workbox's default).
precacheAndRoute(precacheManifest);
cleanupOutdatedCaches();

registerRoute(
	new NavigationRoute(createHandlerBoundToURL(APP_SHELL), {
		denylist: [/^\/api(\/|$)/]
	})
);

// Map tiles the crew has looked at stay for offline use (CacheFirst), at most MAX_CACHED_TILES of them: the oldest
// cached are dropped first. Only successful CORS answers are kept (Leaflet asks with crossorigin), never opaque ones.
// Tiles are known by the shape of their URL (another origin, …/{z}/{x}/{y}.png|jpg|webp), not by one host: the
// server names the tile URL at run time (GET /api/config) and may change it without a new build.
let trimming: Promise<void> | null = null;

async function trimTileCache(): Promise<void> {
	const cache = await caches.open(TILE_CACHE_NAME);
	const keys = await cache.keys();
	const excess = keys.length - MAX_CACHED_TILES;
	// keys() lists entries in insertion order: the first ones are the oldest
	for (let i = 0; i < excess; i++) await cache.delete(keys[i]!);
}

registerRoute(
	({ url, request }) => isTileRequest(url, self.location.origin, request.method),
	new CacheFirst({
		cacheName: TILE_CACHE_NAME,
		plugins: [
			{
				cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null),
				cacheDidUpdate: async () => {
					trimming ??= trimTileCache().finally(() => (trimming = null));
					await trimming;
				}
			}
		]
	})
);

// A first install takes control of the open page right away, so it works offline without a reload.
clientsClaim();

// An update waits until the user presses "Cập nhật" (workbox-window's messageSkipWaiting()).
self.addEventListener('message', (event) => {
	if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** The Background Sync event (not in TypeScript's webworker lib yet). */
interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

// Background Sync: the browser wakes us when the network is back; the open tabs hold the outbox and do the sync.
self.addEventListener('sync', ((event: SyncEvent) => {
	if (event.tag !== 'ht-sync') return;
	event.waitUntil(
		self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
			for (const client of clients) client.postMessage({ type: 'ht-sync' });
		})
	);
}) as EventListener);
