// One-off codemod: the five old lookup functions → Paraglide message functions (m.<key>(params)).
// Usage: node scripts/messages/codemod.mjs [--dry] [files...]   (default: every .svelte/.ts under src/)
// Calls it cannot rewrite (keys held in variables) are listed at the end for a hand edit.
import fs from 'node:fs';
import path from 'node:path';

const keymap = JSON.parse(fs.readFileSync('scripts/messages/keymap.json', 'utf8'));
const vi = JSON.parse(fs.readFileSync('messages/vi.json', 'utf8'));
const dry = process.argv.includes('--dry');
let files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (files.length === 0) {
	const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'paraglide' ? [] : walk(path.join(d, e.name))) : [path.join(d, e.name)]));
	files = walk('src').filter((f) => /\.(svelte|ts)$/.test(f));
}
const OLD = ['src/lib/client/i18n.svelte.ts', 'src/lib/console/strings.ts', 'src/lib/portal/strings.ts', 'src/lib/self-reading/strings.ts', 'src/lib/map/strings.ts', 'src/lib/portal/lang.svelte.ts'];
files = files.filter((f) => !OLD.includes(f));

const leftovers = [];
let rewritten = 0;

/** index of the paren closing the one at `open` (JS-ish scanner: strings, template literals, nesting). */
function closeParen(s, open) {
	let depth = 0;
	for (let i = open; i < s.length; i++) {
		const c = s[i];
		if (c === "'" || c === '"') { i = skipString(s, i); continue; }
		if (c === '`') { i = skipTemplate(s, i); continue; }
		if (c === '(' || c === '[' || c === '{') depth++;
		else if (c === ')' || c === ']' || c === '}') { depth--; if (depth === 0) return i; }
	}
	return -1;
}
function skipString(s, i) { const q = s[i]; for (i++; i < s.length; i++) { if (s[i] === '\\') { i++; continue; } if (s[i] === q) return i; } return i; }
function skipTemplate(s, i) {
	for (i++; i < s.length; i++) {
		if (s[i] === '\\') { i++; continue; }
		if (s[i] === '`') return i;
		if (s[i] === '$' && s[i + 1] === '{') { const end = closeParen(s, i + 1); i = end; }
	}
	return i;
}
function splitArgs(s) {
	const out = []; let depth = 0, start = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (c === "'" || c === '"') { i = skipString(s, i); continue; }
		if (c === '`') { i = skipTemplate(s, i); continue; }
		if ('([{'.includes(c)) depth++;
		else if (')]}'.includes(c)) depth--;
		else if (c === ',' && depth === 0) { out.push(s.slice(start, i)); start = i + 1; }
	}
	if (s.slice(start).trim() !== '') out.push(s.slice(start));
	return out.map((a) => a.trim());
}
const LIT = /^(['"])([\w.\-]+)\1$/;
function nameFor(area, key) { return keymap[`${area}:${key}`]; }

function transform(src, file) {
	const bindings = {}; // callee → { area, mode }
	const imp = (name, from) => new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*['"][^'"]*${from}['"]`).test(src);
	if (imp('t', 'client/i18n.svelte') || /from '\.\/i18n\.svelte'/.test(src) && imp('t', 'i18n.svelte')) bindings.t = { area: 'crew', mode: 'current' };
	if (file.includes('/console/') && imp('ct', '\\./strings')) bindings.ct = { area: 'console', mode: 'current' };
	if (file.includes('/console/') && imp('text', '\\./strings')) bindings.text = { area: 'console', mode: 'lang' };
	if (file.includes('/map/') && imp('mapText', '\\./strings')) bindings.mapText = { area: 'map', mode: 'mapText' };
	if (imp('ct', 'console/strings')) bindings.ct = { area: 'console', mode: 'current' };
	if (imp('text', 'console/strings')) bindings.text = { area: 'console', mode: 'lang' };
	if (imp('mapText', 'map/strings') || /map\/strings\.ts$/.test(file)) bindings.mapText = { area: 'map', mode: 'mapText' };
	if (imp('text', 'portal/strings') || imp('text', "\\./strings") && file.includes('/portal/')) bindings.text = { area: 'portal', mode: 'both' };
	if (imp('pt', 'portal/strings')) bindings.pt = { area: 'portal', mode: 'lang' };
	if (/const \{[^}]*\bt\b[^}]*\} = portalLang/.test(src)) bindings.t = { area: 'portal', mode: 'current' };
	if (/const t = \(key: SelfReadingKey/.test(src)) bindings.t = { area: 'selfReading', mode: 'current' };
	if (imp('sr', 'self-reading/strings')) bindings.sr = { area: 'selfReading', mode: 'lang' };
	if (imp('srText', 'self-reading/strings') || imp('srText', "\\./strings")) bindings.srText = { area: 'selfReading', mode: 'both' };
	const callees = Object.keys(bindings);
	if (callees.length === 0) return null;
	const alias = /\(\s*m\s*[,)]|\bm\s*=>|\bas m\b|\b(const|let|var)\s+m\b|[{,]\s*m\s*[,}]|\(\s*m\s*:/.test(src) ? 'msg' : 'm';
	const hoisted = new Map(); // const name → object text
	let needBoth = false;
	let changed = 0;

	function fnFor(area, arg) {
		let mm = LIT.exec(arg);
		if (mm) { const n = nameFor(area, mm[2]); return n ? `${alias}.${n}` : null; }
		mm = /^([^?]+?)\s*\?\s*(['"])([\w.\-]+)\2\s*:\s*(['"])([\w.\-]+)\4$/.exec(arg);
		if (mm) { const a = nameFor(area, mm[3]), b = nameFor(area, mm[5]); return a && b ? `(${mm[1].trim()} ? ${alias}.${a} : ${alias}.${b})` : null; }
		mm = /^`([\w.\-]*)\$\{([^}`]+)\}([\w.\-]*)`$/.exec(arg);
		if (mm) {
			const [, pre, expr, post] = mm;
			const found = Object.keys(keymap).filter((k) => k.startsWith(area + ':')).map((k) => k.slice(area.length + 1))
				.map((k) => ({ k, x: k.startsWith(pre) && k.endsWith(post) ? k.slice(pre.length, k.length - post.length) : null }))
				.filter((e) => e.x !== null && /^[\w\-]+$/.test(e.x));
			if (found.length === 0) return null;
			const base = (pre + 'X' + post).replace(/[.\-]+/g, ' ').trim().split(/\s+/).filter((w) => w !== 'X');
			const cname = (base.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('') || 'keyed') + 'Messages';
			const body = `{ ${found.map((e) => `${/^[A-Za-z_]\w*$/.test(e.x) ? e.x : `'${e.x}'`}: ${alias}.${nameFor(area, e.k)}`).join(', ')} }`;
			if (hoisted.has(cname) && hoisted.get(cname) !== body) return null;
			hoisted.set(cname, body);
			return `${cname}[${expr.trim()}]`;
		}
		return null;
	}

	function rewrite(s) {
		const re = new RegExp(`(?<![\\w.$])(${callees.join('|')})\\(`, 'g');
		let out = '', last = 0;
		for (let mm = re.exec(s); mm; mm = re.exec(s)) {
			const callee = mm[1];
			const before = s.slice(Math.max(0, mm.index - 12), mm.index);
			if (/function\s+$/.test(before)) continue;
			const open = mm.index + callee.length;
			const close = closeParen(s, open);
			if (close < 0) continue;
			const args = splitArgs(s.slice(open + 1, close)).map((a) => rewrite(a));
			const { area, mode } = bindings[callee];
			let keyArg, params, locale;
			if (mode === 'lang') [locale, keyArg, params] = args;
			else if (mode === 'mapText') [keyArg, params, locale] = args;
			else [keyArg, params] = args;
			if (params === 'undefined') params = undefined;
			if (locale && /^(portalLang|i18n)\.lang$/.test(locale)) locale = undefined;
			const fn = keyArg && fnFor(area, keyArg);
			if (!fn) { leftovers.push(`${file}: ${s.slice(mm.index, close + 1).slice(0, 140)}`); continue; }
			let call;
			if (mode === 'both') { needBoth = true; call = `both(${fn}${params ? ', ' + params : ''})`; }
			else if (locale) call = `${fn}(${params ?? '{}'}, { locale: ${locale} })`;
			else call = `${fn}(${params ?? ''})`;
			out += s.slice(last, mm.index) + call;
			last = close + 1;
			re.lastIndex = close + 1;
			changed++;
		}
		return out + s.slice(last);
	}

	let result = rewrite(src);
	if (changed === 0) return null;
	rewritten += changed;
	// imports: message functions (+ hoisted keyed tables), `both`
	const lines = [`import { m${alias === 'm' ? '' : ' as msg'} } from '$lib/paraglide/messages.js';`];
	if (needBoth) lines.push(`import { both } from '$lib/i18n.svelte';`);
	const consts = [...hoisted].map(([n, body]) => `const ${n} = ${body};`);
	result = insertImports(result, file, lines, consts);
	result = dropUnused(result, ['t', 'ct', 'text', 'pt', 'sr', 'srText', 'mapText']);
	return result;
}

function insertImports(s, file, lines, consts) {
	let scriptStart = 0, scriptEnd = s.length;
	if (file.endsWith('.svelte')) {
		const open = /<script(?![^>]*context="module")(?![^>]*\bmodule\b)[^>]*>\n?/.exec(s);
		if (!open) { return `<script lang="ts">\n\t${lines.join('\n\t')}\n\t${consts.join('\n\t')}\n</script>\n\n` + s; }
		scriptStart = open.index + open[0].length;
		scriptEnd = s.indexOf('</script>', scriptStart);
	}
	const body = s.slice(scriptStart, scriptEnd);
	// end of the import block
	const importRe = /^[ \t]*import\b[\s\S]*?from\s*['"][^'"]+['"];?[ \t]*\n|^[ \t]*import\s*['"][^'"]+['"];?[ \t]*\n/gm;
	let lastEnd = -1, firstStart = -1;
	for (let mm = importRe.exec(body); mm; mm = importRe.exec(body)) { if (firstStart < 0) firstStart = mm.index; lastEnd = mm.index + mm[0].length; }
	const indent = file.endsWith('.svelte') ? '\t' : '';
	const imp = lines.map((l) => indent + l + '\n').join('');
	const cst = consts.length ? consts.map((l) => indent + l + '\n').join('') : '';
	let newBody;
	if (lastEnd < 0) newBody = imp + (cst ? cst + '\n' : '') + body;
	else newBody = body.slice(0, lastEnd) + imp + (cst ? '\n' + cst : '') + body.slice(lastEnd);
	return s.slice(0, scriptStart) + newBody + s.slice(scriptEnd);
}

function dropUnused(s, names) {
	// named specifiers from the old modules, and `const { t, show } = portalLang`
	return s.replace(/^([ \t]*)import\s*\{([^}]*)\}\s*from\s*(['"])([^'"]*(?:i18n\.svelte|\/strings|lang\.svelte))\3;?[ \t]*\n/gm, (whole, ind, specs, q, from) => {
		const rest = s.replace(whole, '');
		const kept = specs.split(',').map((x) => x.trim()).filter(Boolean).filter((spec) => {
			const local = spec.replace(/^type\s+/, '').split(/\s+as\s+/).pop();
			if (!names.includes(local)) return true;
			return new RegExp(`(?<![\\w.$])${local}\\b`).test(rest);
		});
		if (kept.length === 0) return '';
		return `${ind}import { ${kept.join(', ')} } from ${q}${from}${q};\n`;
	}).replace(/^([ \t]*)const \{([^}]*)\} = portalLang;\n/m, (whole, ind, specs) => {
		const rest = s.replace(whole, '');
		const kept = specs.split(',').map((x) => x.trim()).filter((x) => x && new RegExp(`(?<![\\w.$])${x}\\b`).test(rest));
		return kept.length ? `${ind}const { ${kept.join(', ')} } = portalLang;\n` : '';
	});
}

/** One language store: $lib/client/i18n.svelte and $lib/portal/lang.svelte (portalLang) become $lib/i18n.svelte (i18n). */
function oneStore(s) {
	s = s.replace(/(['"])(?:\$lib\/client|\.)\/i18n\.svelte\1/g, "'$lib/i18n.svelte'");
	if (/from ['"]\$lib\/portal\/lang\.svelte['"]/.test(s)) {
		s = s.replace(/import \{ portalLang \} from ['"]\$lib\/portal\/lang\.svelte['"];/, "import { i18n } from '$lib/i18n.svelte';");
		s = s.replace(/\bportalLang\b/g, 'i18n');
	}
	return s;
}

for (const file of files) {
	const original = fs.readFileSync(file, 'utf8');
	const transformed = transform(original, file);
	const src = original;
	const out = oneStore(transformed ?? original);
	if (out !== null && out !== src) {
		if (!dry) fs.writeFileSync(file, out);
		console.log('rewrote', file);
	}
}
console.log(`\n${rewritten} calls rewritten; ${leftovers.length} left for a hand edit:`);
for (const l of leftovers) console.log('  ' + l);
