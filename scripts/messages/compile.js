// Compiles messages/*.json into src/lib/paraglide (message functions + runtime), for what runs without vite:
// the API server (tsx), svelte-check, and a fresh clone. The vite plugin does the same on `vite dev`/`vite build`.
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from './paraglide-options.js';

await compile(paraglideOptions);
// the inlang SDK leaves a timer behind for a while after closing the project; nothing is left to do
process.exit(0);
