// Compiles messages/*.json into src/lib/paraglide (message functions + runtime + .d.ts), for what runs without vite:
// the API server (tsx), svelte-check, vitest and a fresh clone. The vite plugin does the same on `vite dev`/`vite build`.
// Skipped when nothing it reads changed since the last compile (a stamp of their contents in the output directory).
import { compile } from '@inlang/paraglide-js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { paraglideOptions } from './paraglide-options.js';

const inputs = ['messages/vi.json', 'messages/en.json', 'project.inlang/settings.json', 'project.inlang/json-messages-plugin.js', 'scripts/messages/paraglide-options.js', 'node_modules/@inlang/paraglide-js/package.json'];
const hash = crypto.createHash('sha256');
for (const file of inputs) hash.update(fs.readFileSync(file));
const digest = hash.digest('hex');
const stamp = path.join(paraglideOptions.outdir, '.inputs-sha256');

// The vite plugin writes the same directory its own way (no .d.ts; `vite dev` one module per language), so the stamp
// also holds what this compile left: a directory another compile rewrote since is compiled again.
const outputOf = () => {
	const index = path.join(paraglideOptions.outdir, 'messages/_index.js');
	const declarations = path.join(paraglideOptions.outdir, 'messages/_index.d.ts');
	if (!fs.existsSync(index) || !fs.existsSync(declarations) || !fs.existsSync(path.join(paraglideOptions.outdir, 'messages.js'))) return null;
	return crypto.createHash('sha256').update(fs.readFileSync(index)).digest('hex');
};
const current = outputOf();
if (process.argv.includes('--force') || current === null || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== `${digest} ${current}`) {
	await compile(paraglideOptions);
	fs.writeFileSync(stamp, `${digest} ${outputOf()}`);
}
// the inlang SDK leaves a timer behind for a while after closing the project; nothing is left to do
process.exit(0);
