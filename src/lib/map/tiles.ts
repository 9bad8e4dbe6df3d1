// The map background: the tile URL template the server names at run time (GET /api/config), else the last one it
// named on this device, else the build's environment (OSM by default); and which requests are tiles (the service
// worker caches those, by the shape of their URL whatever the host).

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export const TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

/** The tile URL template the app uses: VITE_TILE_URL when set at build time, else OpenStreetMap. */
export function tileUrlTemplate(): string {
	const configured = (import.meta.env?.VITE_TILE_URL as string | undefined)?.trim();
	return configured ? configured : DEFAULT_TILE_URL;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
}

/**
 * A RegExp matching the URLs Leaflet builds from `template` ({s} subdomains, {z}/{x}/{y}, {r} retina, and any
 * other {placeholder}), so the service worker recognises tile requests whatever the configured host is.
 */
export function tileUrlPattern(template: string): RegExp {
	let pattern = '';
	for (const part of template.split(/(\{[^}]+\})/)) {
		if (part === '') continue;
		if (part === '{z}' || part === '{x}' || part === '{y}' || part === '{-y}') pattern += '-?\\d+';
		else if (part === '{s}') pattern += '[a-z0-9-]+';
		else if (part === '{r}') pattern += '(?:@2x)?';
		else if (/^\{[^}]+\}$/.test(part)) pattern += '[^/?#]*';
		else pattern += escapeRegExp(part).replace(/\//g, '\\/');
	}
	return new RegExp(`^${pattern}(?:[?#].*)?$`);
}

/** At most this many tiles stay in the service worker's tile cache (≈ 2000 × 15–30 KB). */
export const MAX_CACHED_TILES = 2000;

export const TILE_CACHE_NAME = 'ht-map-tiles';

/** Where the last tile URL the server named is kept, so an offline start asks for the tiles it cached. */
export const TILE_URL_STORAGE_KEY = 'ht-tile-url';

/** A usable Leaflet URL template: http(s), with {z}, {x} and {y} (or {-y}). */
export function isTileTemplate(value: unknown): value is string {
	return typeof value === 'string' && /^https?:\/\//i.test(value) && value.includes('{z}') && value.includes('{x}') && (value.includes('{y}') || value.includes('{-y}'));
}

interface KeyValue {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

function browserStorage(): KeyValue | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/**
 * The tile URL template to use now: the server's (GET /api/config, remembered on the device), or when the server
 * cannot be asked (offline, slow, older server) the remembered one, else the build-time default.
 */
export async function loadTileUrl(
	options: { fetch?: typeof globalThis.fetch; storage?: KeyValue | null; timeoutMs?: number; fallback?: string } = {}
): Promise<string> {
	const fetchFn = options.fetch ?? globalThis.fetch;
	const storage = options.storage === undefined ? browserStorage() : options.storage;
	const fallback = options.fallback ?? tileUrlTemplate();
	const remembered = (() => {
		try {
			const value = storage?.getItem(TILE_URL_STORAGE_KEY);
			return isTileTemplate(value) ? value : null;
		} catch {
			return null;
		}
	})();
	const controller = typeof AbortController === 'undefined' ? null : new AbortController();
	const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs ?? 4000) : null;
	try {
		const response = await fetchFn('/api/config', { headers: { accept: 'application/json' }, signal: controller?.signal });
		if (!response.ok) return remembered ?? fallback;
		const tileUrl = ((await response.json()) as { tileUrl?: unknown } | null)?.tileUrl;
		if (!isTileTemplate(tileUrl)) return remembered ?? fallback;
		try {
			storage?.setItem(TILE_URL_STORAGE_KEY, tileUrl);
		} catch {
			// storage full or denied: the URL still works for this visit
		}
		return tileUrl;
	} catch {
		return remembered ?? fallback;
	} finally {
		if (timer) clearTimeout(timer);
	}
}

/** The path of a map tile: …/{z}/{x}/{y}.png|jpg|jpeg|webp, optionally @2x (retina). */
const TILE_PATH = /\/\d{1,2}\/\d+\/\d+(?:@2x)?\.(?:png|jpe?g|webp)$/i;

/**
 * Whether a request is a map tile the service worker may cache: a GET of another origin whose path has the shape of
 * a tile. Matching the shape rather than one host keeps the cache working when the server's TILE_URL changes.
 */
export function isTileRequest(url: URL, selfOrigin: string, method = 'GET'): boolean {
	return method === 'GET' && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== selfOrigin && TILE_PATH.test(url.pathname);
}
