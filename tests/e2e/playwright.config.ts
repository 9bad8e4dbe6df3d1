import { defineConfig } from '@playwright/test';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 4310);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
	testDir: '.',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	// one server with one embedded database: tests run one at a time
	workers: 1,
	fullyParallel: false,
	forbidOnly: true,
	reporter: [['list']],
	outputDir: path.resolve(`.tmp/e2e-results-${PORT}`),
	use: {
		baseURL: BASE_URL,
		viewport: { width: 800, height: 1280 },
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	webServer: {
		command: 'node tests/e2e/serve.mjs',
		cwd: path.resolve('.'),
		url: `${BASE_URL}/api/health`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: path.resolve(process.env.E2E_DATA_DIR ?? `.tmp/e2e-data-${PORT}`) }
	}
});
