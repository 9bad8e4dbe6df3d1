// Cold start offline: the crew opens the installed app with no network and 2,000 jobs stored on the tablet. The app is
// the real production build (crew-bundle's fresh `vite build`), served by a throwaway static server on 127.0.0.1 with
// the SPA fallback and no API; Chromium installs its service worker online, the jobs are stored in the app's own
// IndexedDB database (DexieStore) with a signed-in crew, then the context goes offline and each run opens `/` in a new
// tab: the time from navigation start to the first frame with a job card on screen. Median of RUNS, at 200 jobs for
// comparison and at 2,000, whose target is 500 ms.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { StoredSession } from '../../src/lib/client/store';
import { bundle, CHROMIUM_PATH } from './browser';
import { crewBuild } from './crew-bundle';
import { type BenchRow, failed, median, ms, skipped } from './lib';
import { makePullBody } from './pull-dexie';

const BENCH = 'Crew first card (Chromium, offline)';
const SIZES = (process.env.BENCH_FIRST_CARD_SIZES ?? '200,2000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_FIRST_CARD_RUNS ?? 5);
const TARGET_MS = 500;
const TARGET = `≤ ${TARGET_MS} ms at 2,000 jobs`;
const DAY = 86_400_000;

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain'
};

/** The built app as the API server serves it: files, the SPA fallback for other paths, nothing under /api. */
function serveApp(buildDir: string): Promise<{ origin: string; close(): Promise<void> }> {
	const server = http.createServer((req, res) => {
		const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		if (pathname.startsWith('/api/')) {
			res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"unavailable","message":"bench"}}');
			return;
		}
		let file = path.join(buildDir, pathname);
		if (!file.startsWith(buildDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(buildDir, 'index.html');
		const headers: Record<string, string> = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
		if (pathname.startsWith('/_app/immutable/')) headers['cache-control'] = 'public, max-age=31536000, immutable';
		else headers['cache-control'] = 'no-cache';
		res.writeHead(200, headers).end(fs.readFileSync(file));
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
				close: () => new Promise<void>((done) => server.close(() => done()))
			})
		)
	);
}

const SESSION: StoredSession = {
	token: 'bench-token',
	expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
	user: { id: 'bench-crew-user', username: 'doi1.bench', fullName: 'Nguyễn Văn Bench', role: 'crew', crewId: 'crew-hue-1', crewName: 'Tổ Bench', unitId: 'unit-hue' }
};

/**
 * In every new page: the first animation frame in which a job card is on screen (performance.now(): since navigation
 * start), with where the time went until then: the app shell's answer (from the service worker), the last script in,
 * the main thread's long tasks (≥ 50 ms), and the app's own marks (performance.mark 'ht:…', when it sets any).
 */
const FIRST_CARD_WATCH = `
	window.__firstCard = null;
	const longTasks = [];
	try {
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) longTasks.push(entry.duration);
		}).observe({ type: 'longtask', buffered: true });
	} catch {}
	const look = () => {
		const card = document.querySelector('[data-testid="job-card"]');
		const box = card ? card.getBoundingClientRect() : null;
		if (box && box.height > 0 && box.top < window.innerHeight) {
			const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js'));
			window.__firstCard = {
				at: performance.now(),
				cards: document.querySelectorAll('[data-testid="job-card"]').length,
				scriptsMs: Math.max(0, ...scripts.map((e) => e.responseEnd)),
				scripts: scripts.length,
				swMs: (() => {
					const took = scripts.filter((e) => e.workerStart > 0).map((e) => e.responseEnd - e.workerStart).sort((a, b) => a - b);
					return took.length ? took[Math.floor(took.length / 2)] : 0;
				})(),
				shellMs: performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0,
				longTaskMs: longTasks.reduce((a, b) => a + b, 0),
				longTasks: longTasks.length,
				marks: Object.fromEntries(performance.getEntriesByType('mark').filter((e) => e.name.startsWith('ht:')).map((e) => [e.name.slice(3), Math.round(e.startTime)]))
			};
			console.debug('__firstCard', JSON.stringify(window.__firstCard));
			return;
		}
		requestAnimationFrame(look);
	};
	requestAnimationFrame(look);
`;

interface FirstCardRun {
	firstCardMs: number;
	/** When the last script the page had fetched by then arrived (from the service worker's cache), and how many. */
	scriptsMs: number;
	scripts: number;
	/** Cards in the page at that moment (a virtualised list draws only those near the screen). */
	cards: number;
	/** A script's time in the service worker, from its fetch event to its last byte (median of the page's scripts). */
	swMs: number;
	/** When the app shell (index.html, from the service worker) was in. */
	shellMs: number;
	/** The main thread's long tasks (≥ 50 ms) until then: their total and how many. */
	longTaskMs: number;
	longTasks: number;
	/** The app's own performance marks named 'ht:…' (ms since navigation start), if it sets any. */
	marks: Record<string, number>;
}

/** BENCH_FIRST_CARD_TRACE=<file>: a Chromium performance trace of the last run at the largest size, for DevTools. */
const TRACE_FILE = process.env.BENCH_FIRST_CARD_TRACE;

/** The app's marks, each as its median over the runs: ", session 610 ms, jobs read 720 ms". */
function phases(runs: FirstCardRun[]): string {
	const names = [...new Set(runs.flatMap((r) => Object.keys(r.marks)))];
	const at = (name: string) => median(runs.map((r) => r.marks[name]).filter((v): v is number => v !== undefined));
	return names
		.sort((a, b) => at(a) - at(b))
		.map((name) => `, ${name} ${ms(at(name))}`)
		.join('');
}

export async function benchFirstCard(): Promise<BenchRow[]> {
	if (!fs.existsSync(CHROMIUM_PATH)) return [skipped(BENCH, 'jobs', `no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`, TARGET)];
	let buildDir: string;
	let seedCode: string;
	try {
		buildDir = (await crewBuild()).buildDir;
		seedCode = await bundle('seed-jobs-entry.js');
	} catch (error) {
		return [failed(BENCH, 'build', error, TARGET)];
	}
	const app = await serveApp(buildDir);
	let browser: Browser | undefined;
	const rows: BenchRow[] = [];
	try {
		browser = await chromium.launch({
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		});
		for (const size of SIZES) {
			const context = await browser.newContext({ viewport: { width: 800, height: 1280 } });
			const problems: string[] = [];
			context.on('page', (page) => {
				page.on('pageerror', (error) => problems.push(error.message));
				page.on('console', (message) => {
					if (message.type() === 'error') problems.push(message.text());
				});
			});
			let step = 'install';
			try {
				// first the app installs online (its service worker precaches every file), as on a crew's tablet
				const setup = await context.newPage();
				await setup.goto(`${app.origin}/login`);
				await setup.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true', null, { timeout: 60_000 });
				step = 'seed';
				await setup.addScriptTag({ content: seedCode, type: 'module' });
				await setup.waitForFunction(() => typeof (window as unknown as { seedJobs?: unknown }).seedJobs === 'function');
				const jobs = makePullBody(size, Date.now() - 5 * DAY).jobs;
				const stored = await setup.evaluate(
					([session, list, at]) => (window as unknown as { seedJobs(s: unknown, j: unknown, a: string): Promise<number> }).seedJobs(session, list, at),
					[SESSION, jobs, new Date().toISOString()] as const
				);
				if (stored !== size) throw new Error(`stored ${stored} of ${size} jobs`);
				const read = await setup.evaluate(() => (window as unknown as { timeReadJobs(): Promise<{ ms: number }> }).timeReadJobs());
				await setup.close();
				await context.setOffline(true);
				// a string, not a function: tsx would name the function's inner helpers with a __name the page lacks
				await context.addInitScript({ content: FIRST_CARD_WATCH });
				step = 'first card';
				const runs: FirstCardRun[] = [];
				for (let i = 0; i < RUNS + 1; i++) {
					const page = await context.newPage();
					const tracing = TRACE_FILE && i === RUNS && size === Math.max(...SIZES);
					if (tracing) await browser.startTracing(page, { path: TRACE_FILE, screenshots: false });
					// the page says when (a console message): polling it with waitForFunction would inject Playwright's own
					// script into the page and run it on the main thread while the app starts (≈ 200 ms here), no part
					// of what a crew's tablet does
					const seen = page.waitForEvent('console', { predicate: (message) => message.text().startsWith('__firstCard '), timeout: 30_000 });
					await page.goto(`${app.origin}/`, { waitUntil: 'commit' });
					const result = JSON.parse((await seen).text().slice('__firstCard '.length)) as FirstCardRun & { at: number };
					if (tracing) await browser.stopTracing();
					await page.close();
					const { at, ...rest } = result;
					if (i > 0) runs.push({ ...rest, firstCardMs: at }); // the first opening warms the caches
				}
				const times = runs.map((r) => r.firstCardMs);
				const best = Math.min(...times);
				const worst = Math.max(...times);
				rows.push({
					bench: BENCH,
					variant: `${size.toLocaleString('en-US')} jobs stored, cold start`,
					result: `${ms(median(times))} median`,
					detail: `${ms(best)}–${ms(worst)} over ${RUNS} runs; ${runs[0]!.cards} cards drawn at first paint; app shell in by ${ms(median(runs.map((r) => r.shellMs)))}, its ${runs[0]!.scripts} scripts in by ${ms(median(runs.map((r) => r.scriptsMs)))} (${ms(median(runs.map((r) => r.swMs)))} each in the service worker)${phases(runs)}; long tasks ${ms(median(runs.map((r) => r.longTaskMs)))} (${runs[0]!.longTasks}); reading the jobs back ${ms(read.ms)} (medians)`,
					target: size >= 2_000 ? TARGET : '',
					met: size >= 2_000 ? median(times) <= TARGET_MS : null
				});
			} catch (error) {
				const why = `${step}: ${(error as Error).message.split('\n')[0]}${problems.length ? ` (${problems.slice(0, 2).join('; ')})` : ''}`;
				rows.push(failed(BENCH, `${size} jobs`, new Error(why), size >= 2_000 ? TARGET : ''));
			} finally {
				await context.close().catch(() => undefined);
			}
		}
	} finally {
		await browser?.close().catch(() => undefined);
		await app.close();
	}
	return rows;
}
