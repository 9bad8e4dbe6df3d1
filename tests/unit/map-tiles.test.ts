import { describe, expect, it } from 'vitest';
import { DEFAULT_TILE_URL, isTileRequest, isTileTemplate, loadTileUrl, TILE_URL_STORAGE_KEY } from '../../src/lib/map/tiles';

function memoryStorage(initial: Record<string, string> = {}) {
	const data = new Map(Object.entries(initial));
	return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const SERVER_URL = 'https://tiles.evn.example/base/{z}/{x}/{y}.webp';

describe('the tile URL at run time', () => {
	it("uses the server's /api/config and remembers it", async () => {
		const storage = memoryStorage();
		const asked: string[] = [];
		const fetch = (async (url: RequestInfo | URL) => {
			asked.push(String(url));
			return new Response(JSON.stringify({ tileUrl: SERVER_URL }), { status: 200 });
		}) as typeof globalThis.fetch;
		expect(await loadTileUrl({ fetch, storage })).toBe(SERVER_URL);
		expect(asked).toEqual(['/api/config']);
		expect(storage.data.get(TILE_URL_STORAGE_KEY)).toBe(SERVER_URL);
	});

	it('offline: the remembered URL, else the build default', async () => {
		const down = (async () => {
			throw new TypeError('Failed to fetch');
		}) as unknown as typeof globalThis.fetch;
		expect(await loadTileUrl({ fetch: down, storage: memoryStorage({ [TILE_URL_STORAGE_KEY]: SERVER_URL }) })).toBe(SERVER_URL);
		expect(await loadTileUrl({ fetch: down, storage: memoryStorage() })).toBe(DEFAULT_TILE_URL);
		expect(await loadTileUrl({ fetch: down, storage: null, fallback: 'https://x.example/{z}/{x}/{y}.png' })).toBe('https://x.example/{z}/{x}/{y}.png');
	});

	it('ignores an answer that is not a tile template', async () => {
		const odd = (async () => new Response(JSON.stringify({ tileUrl: 'javascript:alert(1)' }), { status: 200 })) as unknown as typeof globalThis.fetch;
		const storage = memoryStorage();
		expect(await loadTileUrl({ fetch: odd, storage })).toBe(DEFAULT_TILE_URL);
		expect(storage.data.size).toBe(0);
		const old = (async () => new Response('{"error":{}}', { status: 404 })) as unknown as typeof globalThis.fetch;
		expect(await loadTileUrl({ fetch: old, storage })).toBe(DEFAULT_TILE_URL);
	});

	it('gives up on a server that does not answer in time', async () => {
		const hanging = ((_url: RequestInfo | URL, init?: RequestInit) =>
			new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof globalThis.fetch;
		expect(await loadTileUrl({ fetch: hanging, storage: null, timeoutMs: 20 })).toBe(DEFAULT_TILE_URL);
	});

	it('knows a tile template', () => {
		expect(isTileTemplate(DEFAULT_TILE_URL)).toBe(true);
		expect(isTileTemplate('https://{s}.tile.example/{z}/{x}/{-y}.png')).toBe(true);
		expect(isTileTemplate('https://tile.example/{z}/{x}.png')).toBe(false);
		expect(isTileTemplate(42)).toBe(false);
	});
});

describe('which requests the service worker caches as tiles', () => {
	const self = 'https://hientruong.evn.vn';
	const tile = (href: string) => isTileRequest(new URL(href), self);

	it('any other host serving …/{z}/{x}/{y}.png|jpg|webp', () => {
		expect(tile('https://tile.openstreetmap.org/15/26013/14420.png')).toBe(true);
		expect(tile('https://a.tiles.evn.example/base/12/3251/1802@2x.jpg?key=abc')).toBe(true);
		expect(tile('https://tiles.evn.example/base/12/3251/1802.webp')).toBe(true);
		expect(tile('https://tiles.evn.example/base/12/3251/1802.jpeg')).toBe(true);
	});

	it('not the app itself, not other shapes, not writes', () => {
		expect(tile(`${self}/15/26013/14420.png`)).toBe(false);
		expect(tile('https://cdn.example/img/logo.png')).toBe(false);
		expect(tile('https://tile.openstreetmap.org/15/26013/14420.pbf')).toBe(false);
		expect(tile('https://tile.openstreetmap.org/15/x/14420.png')).toBe(false);
		expect(isTileRequest(new URL('https://tile.openstreetmap.org/15/1/2.png'), self, 'POST')).toBe(false);
	});
});
