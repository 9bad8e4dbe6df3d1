// Security headers on every answer: the app shell gets a Content-Security-Policy that fits the PWA (its own scripts,
// the inline bootstrap adapter-static writes into index.html by hash, photos as blob:/data: URLs, map tiles), the
// service worker one that lets it fetch tiles, the API one that lets nothing run. None may be framed; referrers leave
// the site as the bare origin only (link tokens are in paths); nothing is sniffed. Files are served as images or as
// downloads, never as something to render.
//
// Tiles: the server names the tile URL at run time (TILE_URL, GET /api/config) and may change it without a new build,
// but a tablet's shell comes from the service worker's precache, with the policy it had when that build was installed,
// and the worker keeps the policy of its own script until a new build replaces it. A policy naming only today's tile
// host would leave the map blank after a change, so images and the worker's fetches may come from any https host
// (and from the configured one, for a plain-http tile server on a private network). Scripts stay pinned.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context';

/** The origin a Leaflet tile template loads from, as a CSP source ({s} subdomains become a wildcard); null when unusable. */
export function tileSource(template: string | undefined): string | null {
	const match = /^(https?):\/\/([^/?#]+)/i.exec(template?.trim() ?? '');
	if (!match) return null;
	const host = match[2]!.replace(/\{s\}/g, '*');
	if (!/^[a-z0-9.*:[\]-]+$/i.test(host)) return null;
	return `${match[1]!.toLowerCase()}://${host.toLowerCase()}`;
}

/** The CSP hashes of the inline scripts of an HTML page (adapter-static's bootstrap), exactly as written. */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
		if (/\ssrc\s*=/i.test(match[1] ?? '')) continue;
		hashes.push(`'sha256-${createHash('sha256').update(match[2]!, 'utf8').digest('base64')}'`);
	}
	return hashes;
}

/** The shell's inline script hashes, read again only when index.html changes (a rebuild while the server runs). */
function shellHashes(staticDir: string | undefined): () => string[] {
	if (!staticDir) return () => [];
	const file = path.join(path.resolve(staticDir), 'index.html');
	let cached: { mtimeMs: number; hashes: string[] } | undefined;
	return () => {
		try {
			const { mtimeMs } = fs.statSync(file);
			if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, hashes: inlineScriptHashes(fs.readFileSync(file, 'utf8')) };
			return cached.hashes;
		} catch {
			return [];
		}
	};
}

/** Where adapter-static puts the service worker (SvelteKit's src/service-worker.ts). */
const SERVICE_WORKER = '/service-worker.js';

const COMMON = {
	xFrameOptions: 'DENY',
	referrerPolicy: 'strict-origin-when-cross-origin',
	xContentTypeOptions: true
} as const;

export function securityHeaders(opts: { tileUrl?: string; staticDir?: string }): MiddlewareHandler<AppEnv> {
	const tiles = tileSource(opts.tileUrl);
	const hashes = shellHashes(opts.staticDir);
	const app = secureHeaders({
		...COMMON,
		contentSecurityPolicy: {
			defaultSrc: ["'self'"],
			scriptSrc: ["'self'", () => hashes().join(' ')],
			// Svelte and Leaflet set style attributes; styles cannot run code
			styleSrc: ["'self'", "'unsafe-inline'"],
			// photos are shown from IndexedDB as blob: URLs, signatures as data: URLs; tiles: see the top of this file
			imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...(tiles ? [tiles] : [])],
			connectSrc: ["'self'"],
			fontSrc: ["'self'", 'data:'],
			workerSrc: ["'self'"],
			manifestSrc: ["'self'"],
			objectSrc: ["'none'"],
			baseUri: ["'self'"],
			formAction: ["'self'"],
			frameAncestors: ["'none'"]
		}
	});
	// the service worker fetches and caches the tiles itself
	const worker = secureHeaders({
		...COMMON,
		contentSecurityPolicy: { defaultSrc: ["'self'"], connectSrc: ["'self'", 'https:', ...(tiles ? [tiles] : [])], frameAncestors: ["'none'"] }
	});
	const api = secureHeaders({
		...COMMON,
		contentSecurityPolicy: { defaultSrc: ["'none'"], imgSrc: ["'self'"], frameAncestors: ["'none'"] }
	});
	return (c, next) => {
		if (c.req.path.startsWith('/api/') || c.req.path === '/api') return api(c, withFileDisposition(c, next));
		return c.req.path === SERVICE_WORKER ? worker(c, next) : app(c, next);
	};
}

/** A file from the API is shown inline only when it is an image; anything else (a PDF) is a download. */
function withFileDisposition(c: Context<AppEnv>, next: () => Promise<void>) {
	return async () => {
		await next();
		const type = c.res.headers.get('content-type') ?? '';
		if (c.res.headers.has('content-disposition') || /^(application\/json|text\/event-stream)/i.test(type) || !c.res.body) return;
		c.res.headers.set('Content-Disposition', /^image\/(jpeg|png|webp)$/i.test(type.split(';')[0]!.trim()) ? 'inline' : 'attachment');
	};
}
