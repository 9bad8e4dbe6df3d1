// English on demand in the browser (issue 14): Paraglide compiles every message into one module holding both its
// Vietnamese and its English function, so any page that says a word would ship that word's English to every
// Vietnamese tablet. In the browser build this plugin
//  - rewrites each compiled message (src/lib/paraglide/messages/<key>.js) so its English function reads from a
//    table that starts empty, and says the Vietnamese until that table is filled (never a key, never '');
//  - serves the table, every message's English function cut from the same compiled files, as one module that is
//    imported only when the reader chooses English (its chunk is part of the build, so the service worker
//    precaches it with the rest and the crew can switch offline);
//  - serves, in place of src/lib/english.ts (which says "always loaded": the API server, vitest and svelte-check
//    use the compiled messages as they are), the loader of that table.
// The server half of the build (SvelteKit's, unused at run time: ssr = false) and `vite dev` keep both languages. If Paraglide's
// output ever stops matching what is cut here, the build fails, rather than silently shipping both languages again.
import fs from 'node:fs';
import path from 'node:path';
import { parseAst } from 'vite';

export const TABLE_ID = 'virtual:hien-truong/english-table';
const RESOLVED_TABLE_ID = '\0' + TABLE_ID;

/**
 * The English function of one compiled message: its key, the source of the function (an arrow function), the range
 * of its whole `const en_<key> = …;` declaration, and the file's imports (the function may use a helper of
 * ../runtime.js or ../registry.js).
 * @param {string} code a compiled message module
 * @param {string} file its name, for the error
 */
export function englishOf(code, file) {
	const ast = parseAst(code);
	/** @type {Array<{ key: string, start: number, end: number, source: string }>} */
	const found = [];
	/** @type {Set<string>} */
	const vi = new Set();
	for (const node of ast.body) {
		if (node.type !== 'VariableDeclaration' || node.declarations.length !== 1) continue;
		const [declarator] = node.declarations;
		if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
		const name = declarator.id.name;
		if (name.startsWith('vi_')) vi.add(name.slice(3));
		if (name.startsWith('en_') && (declarator.init.type === 'ArrowFunctionExpression' || declarator.init.type === 'FunctionExpression')) {
			found.push({ key: name.slice(3), start: node.start, end: node.end, source: code.slice(declarator.init.start, declarator.init.end) });
		}
	}
	if (found.length !== 1 || !vi.has(found[0].key)) {
		throw new Error(`lazy-english: ${file} is not a compiled message with one vi_<key> and one en_<key> function (Paraglide's output changed?); English would ship with the Vietnamese`);
	}
	const imports = ast.body.filter((node) => node.type === 'ImportDeclaration');
	return { ...found[0], imports };
}

/**
 * The browser's version of a compiled message: its English function asks the table (`registry`, the module that
 * replaces src/lib/english.ts), falling back to the Vietnamese while the table is not loaded. The doc comment's
 * example output (the English) goes too.
 * @param {string} code
 * @param {string} file
 * @param {string} registry the module specifier of the table's loader
 */
export function withoutEnglish(code, file, registry) {
	const { key, start, end } = englishOf(code, file);
	const lazy = `const en_${key} = englishOr(${JSON.stringify(key)}, vi_${key});`;
	const rewritten = code.slice(0, start) + lazy + code.slice(end);
	return `import { englishOr } from ${JSON.stringify(registry)};\n` + rewritten.replace(/^\* \| .*\|$/gm, '*');
}

/**
 * The table module: `export default { <key>: <English function>, … }` for every compiled message in `dir`, with the
 * imports those functions may need (made absolute, one statement per module).
 * @param {string} dir the compiled messages' directory
 */
export function englishTable(dir) {
	/** @type {Map<string, Set<string>>} */
	const imported = new Map();
	const entries = [];
	// the messages _index.js re-exports (what the app can import), not every file: a dev server's compile leaves others
	const names = parseAst(fs.readFileSync(path.join(dir, '_index.js'), 'utf8'))
		.body.filter((node) => node.type === 'ExportAllDeclaration')
		.map((node) => String(node.source.value));
	for (const name of names) {
		const file = path.resolve(dir, name);
		const { key, source, imports } = englishOf(fs.readFileSync(file, 'utf8'), file);
		for (const node of imports) {
			const from = String(node.source.value).startsWith('.') ? path.resolve(dir, String(node.source.value)) : String(node.source.value);
			const bindings = imported.get(from) ?? new Set();
			for (const spec of node.specifiers) {
				if (spec.type !== 'ImportSpecifier' || spec.imported.type !== 'Identifier' || spec.imported.name !== spec.local.name) {
					throw new Error(`lazy-english: ${file} imports in a way the English table cannot copy`);
				}
				bindings.add(spec.local.name);
			}
			imported.set(from, bindings);
		}
		entries.push(`\t${JSON.stringify(key)}: ${source}`);
	}
	if (!entries.length) throw new Error(`lazy-english: ${dir}/_index.js re-exports no message modules (Paraglide's output changed?)`);
	const head = [...imported].map(([from, names]) => `import { ${[...names].join(', ')} } from ${JSON.stringify(from)};`);
	return `${head.join('\n')}\nexport default {\n${entries.join(',\n')}\n};\n`;
}

/** What replaces src/lib/english.ts in the browser: the table, empty until loadEnglish() brings it. */
export const LOADER = `// generated by scripts/messages/lazy-english.js
export const english = Object.create(null);
let loaded = false;
let loading = null;
/** A message's English function: the loaded table's, or the Vietnamese one until the table is loaded. */
export const englishOr = (key, vi) => (inputs) => (english[key] ?? vi)(inputs);
export function englishLoaded() {
	return loaded;
}
export function loadEnglish() {
	loading ??= import(${JSON.stringify(TABLE_ID)}).then(
		({ default: table }) => {
			Object.assign(english, table);
			loaded = true;
		},
		(error) => {
			loading = null; // offline before the chunk was ever cached: a later switch tries again
			throw error;
		}
	);
	return loading;
}
`;

/**
 * @param {{ outdir: string }} options Paraglide's outdir (the compiled messages are in <outdir>/messages)
 * @returns {import('vite').Plugin}
 */
export function lazyEnglish({ outdir }) {
	let messagesDir = '';
	let loaderFile = '';
	/** @param {any} ctx @param {any} [options] */
	const inBrowser = (ctx, options) => !(options?.ssr || ctx.environment?.config?.consumer === 'server');
	return {
		name: 'hien-truong:lazy-english',
		enforce: 'pre',
		// the build only: `vite dev` has Paraglide compile one module per locale (locale-modules), both loaded, and
		// serves no tablet
		apply: 'build',
		configResolved(config) {
			messagesDir = path.resolve(config.root, outdir, 'messages');
			loaderFile = path.resolve(config.root, 'src/lib/english.ts');
		},
		resolveId(id) {
			if (id === TABLE_ID) return RESOLVED_TABLE_ID;
		},
		load(id, options) {
			if (id === RESOLVED_TABLE_ID) {
				for (const name of fs.readdirSync(messagesDir)) this.addWatchFile(path.join(messagesDir, name));
				return englishTable(messagesDir);
			}
			if (id.split('?')[0] === loaderFile && inBrowser(this, options)) return LOADER;
		},
		transform(code, id, options) {
			const file = id.split('?')[0];
			if (path.dirname(file) !== messagesDir || !file.endsWith('.js') || path.basename(file) === '_index.js') return;
			if (!inBrowser(this, options)) return;
			return { code: withoutEnglish(code, file, loaderFile), map: null };
		}
	};
}
