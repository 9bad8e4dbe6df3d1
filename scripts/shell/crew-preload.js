// The crew's cold start in one round of script requests (issue "utility scale", item 4). The app shell (index.html,
// adapter-static's SPA fallback) names only the entry, the app and the root layout's code; the crew's list, the page
// the installed app opens on (`/`, the manifest's start_url), is found only once those have run, so its ~35 scripts
// came in a second round. After the build this plugin writes into the shell a small inline script that, on `/` only,
// asks for that page's scripts (and stylesheets) with the entry's: a customer opening a portal link, or a supervisor
// the console, downloads none of the crew's code. The files are read from the build's own manifest, as
// tests/bench/first-load.ts does; the server's CSP hashes the shell's inline scripts, this one included.
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The route whose first load is preloaded, and the path it opens on. */
const ROUTE_ID = '/(crew)';
const OPENS_ON = '/';

/**
 * The scripts and stylesheets of `routeId`'s layouts and page (without the root layout's, which the shell names),
 * with every chunk they import statically, as paths under the site's root.
 * @param {string} outDir SvelteKit's output directory
 * @param {string} routeId
 */
export function routeFiles(outDir, routeId) {
	const clientDir = path.join(outDir, 'output', 'client');
	/** @type {Record<string, { file: string, imports?: string[], css?: string[] }>} */
	const manifest = JSON.parse(fs.readFileSync(path.join(clientDir, '.vite', 'manifest.json'), 'utf8'));
	const appJs = fs.readFileSync(path.join(outDir, 'generated', 'client-optimized', 'app.js'), 'utf8');
	const dictionary = /export const dictionary = (\{[\s\S]*?\n\t\});/.exec(appJs)?.[1];
	if (!dictionary) throw new Error('crew-preload: no route dictionary in the generated app.js');
	/** @type {Record<string, [number, Array<number | undefined>?]>} */
	const routes = Function(`return ${dictionary}`)();
	const route = routes[routeId];
	if (!route) throw new Error(`crew-preload: no route ${routeId} in the build`);
	const [page, layouts = []] = route;
	const keys = Object.keys(manifest);
	/** @param {number} n */
	const nodeKey = (n) => keys.find((key) => key.endsWith(`client-optimized/nodes/${n}.js`));
	const nodes = [...layouts.filter((n) => n !== undefined && n !== 0), Math.abs(page)].map((n) => nodeKey(/** @type {number} */ (n)));
	/** @type {Set<string>} */
	const seen = new Set();
	/** @type {Set<string>} */
	const files = new Set();
	/** @param {string | undefined} key */
	const visit = (key) => {
		if (!key || seen.has(key) || !manifest[key]) return;
		seen.add(key);
		files.add(manifest[key].file);
		for (const css of manifest[key].css ?? []) files.add(css);
		for (const child of manifest[key].imports ?? []) visit(child);
	};
	nodes.forEach(visit);
	return [...files].map((file) => `/${file}`);
}

/**
 * The shell with the inline script added at the head of its links: the files it already names are left out.
 * @param {string} html
 * @param {string[]} files
 */
export function withPreload(html, files) {
	const named = new Set([...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]));
	const wanted = files.filter((file) => !named.has(file));
	const list = JSON.stringify(wanted.map((file) => [file, file.endsWith('.css') ? 'style' : 'script']));
	const script = `<script>
			// the crew's list, where the installed app opens: its code is asked for now, with the entry's
			if (location.pathname === ${JSON.stringify(OPENS_ON)}) for (const [href, as] of ${list}) { const link = document.createElement('link'); link.rel = as === 'script' ? 'modulepreload' : 'preload'; if (as === 'style') link.as = 'style'; link.href = href; document.head.append(link); }
		</script>`;
	// before the shell's stylesheet: a script after it would wait for the stylesheet to load before it runs
	const at = html.search(/<link [^>]*rel="(stylesheet|modulepreload)"/);
	if (at < 0 || at > html.indexOf('</head>')) throw new Error('crew-preload: the shell names no stylesheet or script in its head');
	return `${html.slice(0, at)}${script}\n\t\t${html.slice(at)}`;
}

/**
 * @param {{ outDir: string, buildDir: string }} options SvelteKit's outDir and adapter-static's pages directory
 * @returns {import('vite').Plugin}
 */
export function crewPreload({ outDir, buildDir }) {
	let ssr = false;
	return {
		name: 'hien-truong:crew-preload',
		apply: 'build',
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
		},
		// after SvelteKit's own closeBundle, which runs the adapter that writes the shell
		closeBundle: {
			order: 'post',
			sequential: true,
			handler() {
				if (!ssr) return;
				const shell = path.resolve(buildDir, 'index.html');
				if (!fs.existsSync(shell)) return;
				const html = withPreload(fs.readFileSync(shell, 'utf8'), routeFiles(path.resolve(outDir), ROUTE_ID));
				fs.writeFileSync(shell, html);
				// adapter-static's precompressed copies, which the server prefers
				if (fs.existsSync(`${shell}.gz`)) fs.writeFileSync(`${shell}.gz`, gzipSync(html, { level: 9 }));
				if (fs.existsSync(`${shell}.br`)) fs.writeFileSync(`${shell}.br`, brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
			}
		}
	};
}
