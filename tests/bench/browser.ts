// Runs a browser entry of the app's own client modules in headless Chromium: esbuild bundles it
// ($lib → src/lib, as Vite resolves it), a throwaway HTTP server on 127.0.0.1 serves it (a real,
// secure origin: IndexedDB and crypto.subtle work), Playwright drives the page.
import { build, type Plugin } from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
const LIB = path.join(ROOT, 'src/lib');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const sveltekitLib: Plugin = {
	name: 'sveltekit-lib-alias',
	setup(b) {
		b.onResolve({ filter: /^\$lib(\/|$)/ }, async (args) => {
			const rest = args.path.slice('$lib'.length).replace(/^\//, '');
			const resolved = await b.resolve(`./${rest}`, { resolveDir: LIB, kind: args.kind });
			return resolved.errors.length ? { errors: resolved.errors } : { path: resolved.path };
		});
	}
};

/** Bundles a browser entry (tests/bench/browser/*.js) into one ES module string. */
export async function bundle(entry: string): Promise<string> {
	const result = await build({
		entryPoints: [path.join(here, 'browser', entry)],
		bundle: true,
		format: 'esm',
		platform: 'browser',
		target: 'es2022',
		minify: true,
		write: false,
		logLevel: 'silent',
		absWorkingDir: ROOT,
		plugins: [sveltekitLib],
		define: { 'import.meta.env.DEV': 'false', 'import.meta.env.PROD': 'true', 'import.meta.env.SSR': 'false' }
	});
	return result.outputFiles[0]!.text;
}

/** browser-image-compression's UMD build, for its web worker (importScripts). */
export function imageCompressionUmd(): string {
	const require = createRequire(import.meta.url);
	const main = require.resolve('browser-image-compression');
	return fs.readFileSync(path.join(path.dirname(main), 'browser-image-compression.js'), 'utf8');
}

export interface BenchPage {
	page: Page;
	origin: string;
	/** How often each path was requested (to see whether a worker really loaded its script). */
	hits: Map<string, number>;
	close(): Promise<void>;
}

/** Serves `files` (path → body, '/' is the page) and opens the page in a fresh headless Chromium. */
export async function openBenchPage(files: Record<string, { body: string | Buffer; type: string }>): Promise<BenchPage> {
	if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
	const hits = new Map<string, number>();
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
		const file = files[url.pathname];
		if (!file) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	let browser: Browser | undefined;
	try {
		browser = await chromium.launch({
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		});
		const page = await browser.newPage();
		const errors: string[] = [];
		page.on('pageerror', (err) => errors.push(err.message));
		await page.goto(`${origin}/`);
		await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true, null, { timeout: 30_000 }).catch(() => {
			throw new Error(`bench page did not load: ${errors.join('; ') || 'timeout'}`);
		});
		const opened = browser;
		return {
			page,
			origin,
			hits,
			async close() {
				await opened.close().catch(() => undefined);
				await new Promise<void>((resolve) => server.close(() => resolve()));
			}
		};
	} catch (error) {
		await browser?.close().catch(() => undefined);
		await new Promise<void>((resolve) => server.close(() => resolve()));
		throw error;
	}
}

export function pageHtml(title: string): string {
	return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body><script type="module" src="/bundle.js"></script></body></html>`;
}
