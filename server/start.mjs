// `npm start`: build the PWA if it is missing or older than its sources, then serve PWA + API on one port.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const buildDir = path.resolve(root, process.env.BUILD_DIR || 'build');
const builtShell = path.join(buildDir, 'index.html');

function newestMtime(entry) {
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
	return newest;
}

const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => path.join(root, p));
const stale = !fs.existsSync(builtShell) || Math.max(...sources.map(newestMtime)) > fs.statSync(builtShell).mtimeMs;
if (stale && process.env.SKIP_BUILD !== '1') {
	console.log('[start] building the PWA (vite build)…');
	const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (build.status !== 0) process.exit(build.status ?? 1);
}
// `--build-only`: bring build/ up to date and stop (the e2e servers build once, then start side by side)
if (process.argv.includes('--build-only')) process.exit(0);

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
	cwd: root,
	stdio: 'inherit',
	env: { STATIC_DIR: buildDir, ...process.env }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
