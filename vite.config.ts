/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { paraglideOptions } from './scripts/messages/paraglide-options.js';
import { lazyEnglish } from './scripts/messages/lazy-english.js';
import { oneModuleMessages } from './scripts/messages/one-module.js';
import path from 'node:path';
import { crewPreload } from './scripts/shell/crew-preload.js';
import { buildDir, outDir } from './svelte.config.js';

export default defineConfig({
	// vite dev/build recompile messages/*.json on change (keeping the .d.ts `npm run messages` wrote for the server's tsc);
	// vitest runs on what `npm run messages` compiled (the plugin's project watcher would keep it from exiting), with
	// both languages in every message, served to the tests as one module (one-module.js); the browser loads the English
	// only for a reader who chose it (lazy-english.js)
	plugins: [
		...(process.env.VITEST ? [oneModuleMessages(path.resolve('src/lib/paraglide/messages/_index.js'))] : [paraglideVitePlugin({ ...paraglideOptions, emitTsDeclarations: false, cleanOutdir: false }), lazyEnglish(paraglideOptions)]),
		sveltekit(),
		// after SvelteKit's: it adds the crew list's scripts to the app shell the adapter wrote
		...(process.env.VITEST ? [] : [crewPreload({ outDir, buildDir })])
	],
	server: { proxy: { '/api': `http://127.0.0.1:${process.env.API_PORT ?? 3001}` } },
	test: {
		// vitest's default is one worker fewer than the cores: a single worker on the 2-core CI machine. Every test file
		// has databases of its own (tests/support/db.ts), so two files can run side by side.
		maxWorkers: 2,
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
