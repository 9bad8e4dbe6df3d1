// Vitest only: serves Paraglide's ~2,000 message modules as ONE module. Compiled one module per message (so a browser
// page bundles only the messages it names), every test file that reaches `m` made vite's module runner transform and
// evaluate ~2,000 files again (each test file runs in a fresh module graph): most of the unit suite's time went there.
// Each message module is self-contained (one import of the runtime, then its own `const`s and one `export const`), so
// the index's `export * from './x.js'` lines are replaced by the modules' text, with the runtime imported once.
import fs from 'node:fs';
import path from 'node:path';

const RUNTIME_IMPORT = "import { getLocale, experimentalStaticLocale } from '../runtime.js';";

/** @param {string} indexFile absolute path of the compiled messages/_index.js */
export function oneModuleMessages(indexFile) {
	const dir = path.dirname(indexFile);
	return {
		name: 'ht-messages-one-module',
		enforce: /** @type {const} */ ('pre'),
		/** @param {string} id */
		load(id) {
			if (id.split('?')[0] !== indexFile) return null;
			const parts = [RUNTIME_IMPORT];
			for (const line of fs.readFileSync(indexFile, 'utf8').split('\n')) {
				const reexport = /^export \* from '\.\/([\w-]+\.js)'$/.exec(line.trim());
				if (!reexport) continue;
				const source = fs.readFileSync(path.join(dir, reexport[1]), 'utf8');
				const lines = source.split('\n');
				const imports = lines.filter((l) => l.startsWith('import '));
				// a module importing anything else cannot be inlined safely: fail loudly rather than test a different catalog
				if (imports.some((l) => l.trim() !== RUNTIME_IMPORT)) throw new Error(`one-module messages: ${reexport[1]} imports more than the runtime`);
				parts.push(lines.filter((l) => !l.startsWith('import ')).join('\n'));
			}
			return parts.join('\n');
		}
	};
}
