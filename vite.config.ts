/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { paraglideOptions } from './scripts/messages/paraglide-options.js';

export default defineConfig({
	// vitest runs on the messages `npm run messages` compiled (the plugin's project watcher would keep it from exiting)
	plugins: [...(process.env.VITEST ? [] : [paraglideVitePlugin(paraglideOptions)]), sveltekit()],
	server: { proxy: { '/api': `http://127.0.0.1:${process.env.API_PORT ?? 3001}` } },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'api',
					include: ['tests/api/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000,
					globalSetup: ['tests/support/global-setup.ts']
				}
			}
		]
	}
});
