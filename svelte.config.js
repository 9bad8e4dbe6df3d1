import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SPA: every unknown path falls back to the app shell, which the service worker precaches.
		// BUILD_DIR / SVELTEKIT_OUT_DIR let two checkouts' worth of e2e runs build side by side without clashing
		adapter: adapter({ pages: process.env.BUILD_DIR || 'build', assets: process.env.BUILD_DIR || 'build', fallback: 'index.html', strict: true, precompress: true }),
		outDir: process.env.SVELTEKIT_OUT_DIR || '.svelte-kit',
		serviceWorker: { register: false },
		alias: { $server: 'server' }
	}
};

export default config;
