import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const FIRST_PORT = Number(process.env.E2E_PORT ?? 4310);
/** Servers (each with its own demo database) and Playwright workers: the spec files are dealt between them. */
const SERVERS = Math.max(1, Number(process.env.E2E_SERVERS ?? 2));
export const BASE_URL = `http://127.0.0.1:${FIRST_PORT}`;

const here = path.dirname(new URL(import.meta.url).pathname);
const specs = fs
	.readdirSync(here)
	.filter((f) => f.endsWith('.spec.ts'))
	.sort();
// dealt by size so both servers finish at about the same time; a spec runs whole on one server, its tests in order
const load = Array.from({ length: SERVERS }, () => 0);
const dealt: string[][] = Array.from({ length: SERVERS }, () => []);
for (const spec of [...specs].sort((a, b) => fs.statSync(path.join(here, b)).size - fs.statSync(path.join(here, a)).size)) {
	const lightest = load.indexOf(Math.min(...load));
	dealt[lightest].push(spec);
	load[lightest] += fs.statSync(path.join(here, spec)).size;
}

const servers = Array.from({ length: SERVERS }, (_, i) => FIRST_PORT + i);

export default defineConfig({
	testDir: '.',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	// one worker per server: within a server (one embedded database) tests run one at a time
	workers: SERVERS,
	fullyParallel: false,
	forbidOnly: true,
	reporter: [['list']],
	outputDir: path.resolve(`.tmp/e2e-results-${FIRST_PORT}`),
	use: {
		viewport: { width: 800, height: 1280 },
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	projects: servers.map((port, i) => ({
		name: `server-${i + 1}`,
		// one test at a time against one server: the total worker count alone lets two workers share a project,
		// and then one spec's jobs and codes change what another counts (stop 18's red run)
		workers: 1,
		testMatch: dealt[i].length ? dealt[i].map((spec) => `**/${spec}`) : ['**/__none__'],
		use: { baseURL: `http://127.0.0.1:${port}` }
	})),
	webServer: servers.map((port) => ({
		command: 'node tests/e2e/serve.mjs',
		cwd: path.resolve('.'),
		url: `http://127.0.0.1:${port}/api/health`,
		timeout: 240_000,
		reuseExistingServer: false,
		// SIGTERM, not the default kill: serve.mjs then stops its server and drops the PostgreSQL database it made
		gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 15_000 },
		stdout: 'pipe' as const,
		env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.resolve(process.env.E2E_DATA_DIR ?? '.tmp', `e2e-data-${port}`) }
	}))
});
