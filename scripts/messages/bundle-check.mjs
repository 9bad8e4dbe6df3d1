// What the crew's first page ('/') downloads, from a vite build's manifest: the app entry, the root layout, the '/'
// page and its layouts with every chunk they import statically. Prints the size and fails (exit 1) when a text only
// the console says is inside. Usage: node scripts/messages/bundle-check.mjs [svelte-kit outDir, default .svelte-kit]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const outDir = path.resolve(process.argv[2] ?? process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit');
const clientDir = path.join(outDir, 'output', 'client');
const manifest = JSON.parse(fs.readFileSync(path.join(clientDir, '.vite', 'manifest.json'), 'utf8'));
const appJs = fs.readFileSync(path.join(outDir, 'generated', 'client-optimized', 'app.js'), 'utf8');

const dictionary = /export const dictionary = (\{[\s\S]*?\n\t\});/.exec(appJs)?.[1];
const routes = Function(`return ${dictionary}`)();
const [routeId, [page, layouts = []]] = Object.entries(routes).find(([id]) => id.replace(/\/\([^)]+\)/g, '') === '' || id.replace(/\/\([^)]+\)/g, '') === '/');
const nodeKey = (n) => Object.keys(manifest).find((key) => key.endsWith(`client-optimized/nodes/${n}.js`));
const entryKeys = [
	Object.keys(manifest).find((key) => key.endsWith('client-optimized/app.js')),
	Object.keys(manifest).find((key) => key.endsWith('runtime/client/entry.js')),
	nodeKey(0),
	...layouts.filter((n) => n !== undefined).map(nodeKey),
	nodeKey(Math.abs(page))
].filter(Boolean);

const seen = new Set();
const chunks = [];
const visit = (key) => {
	if (seen.has(key)) return;
	seen.add(key);
	const chunk = manifest[key];
	chunks.push(chunk.file);
	for (const css of chunk.css ?? []) chunks.push(css);
	for (const child of chunk.imports ?? []) visit(child);
};
entryKeys.forEach(visit);

const files = [...new Set(chunks)].map((file) => ({ file, code: fs.readFileSync(path.join(clientDir, file), 'utf8') }));
const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.code), 0);
const gzip = files.reduce((sum, f) => sum + zlib.gzipSync(f.code).length, 0);
const js = files.filter((f) => f.file.endsWith('.js'));

// texts only the console says: console_ messages whose words no other message (nor a domain label) has
const messages = JSON.parse(fs.readFileSync('messages/vi.json', 'utf8'));
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const domain = walk('src/lib/domain').map((file) => fs.readFileSync(file, 'utf8'));
const others = [...Object.entries(messages).filter(([key]) => !key.startsWith('console_') && key !== '$schema').map(([, text]) => text), ...domain];
const consoleOnly = Object.entries(messages)
	.filter(([key]) => key.startsWith('console_'))
	.flatMap(([key, text]) => text.split(/\{\w+\}/).map((piece) => [key, piece.trim()]))
	.filter(([, piece]) => piece.length >= 12 && !others.some((text) => text.includes(piece)));
const found = consoleOnly.filter(([, piece]) => js.some((f) => f.code.includes(piece)));

console.log(`crew first page (${routeId || '/'}): ${files.length} files, ${(bytes / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip`);
console.log(`console-only texts checked: ${consoleOnly.length}; found in the crew's first page: ${found.length}`);
for (const [key, piece] of found.slice(0, 20)) console.log(`  ${key}: ${piece}`);
process.exit(found.length === 0 ? 0 : 1);
