import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// BUILD_DIR / SVELTEKIT_OUT_DIR let two checkouts' worth of e2e runs build side by side without clashing
export const buildDir = process.env.BUILD_DIR || 'build';
export const outDir = process.env.SVELTEKIT_OUT_DIR || '.svelte-kit';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SPA: every unknown path falls back to the app shell, which the service worker precaches.
		adapter: adapter({ pages: buildDir, assets: buildDir, fallback: 'index.html', strict: true, precompress: true }),
		outDir,
		serviceWorker: { register: false },
		alias: { $server: 'server' }
	}
};

export default config;
