// The crew's first page loads only the messages it needs: following the static imports from the root layout and the
// '/' page (what the browser loads first), no console_ message is reached. Paraglide compiles one module per message
// and the bundler keeps only the ones imported, so the import graph is what ships. The same walk from the console's
// board does reach console_ messages, so the check can fail.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

function resolve(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = path.join(src, 'lib', spec.slice(5));
	else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
	else return null; // packages, $app, $env
	if (base.includes(`${path.sep}paraglide${path.sep}`) || base.endsWith(`${path.sep}paraglide`)) return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}.svelte.ts`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/** Every message used by the modules statically imported from `entries` (dynamic import() starts another chunk). */
function messagesReachedFrom(entries: string[]): { messages: Set<string>; files: Set<string> } {
	const files = new Set<string>();
	const messages = new Set<string>();
	const queue = entries.filter((entry) => fs.existsSync(entry));
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (files.has(file)) continue;
		files.add(file);
		if (!/\.(svelte|ts|js)$/.test(file)) continue;
		const code = fs.readFileSync(file, 'utf8');
		for (const match of code.matchAll(/\b(?:m|msg)\.([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)/g)) messages.add(match[1]);
		for (const match of code.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
			if (/^\s*(?:import|export)\s+type\s/.test(match[0])) continue; // erased at build
			const target = resolve(file, match[1]);
			if (target) queue.push(target);
		}
	}
	return { messages, files };
}

const route = (...parts: string[]) => path.join(src, 'routes', ...parts);
const firstOf = (...candidates: string[]) => candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];

describe('per-page messages', () => {
	it('the crew’s first page reaches no console message', () => {
		const entries = [route('+layout.svelte'), route('(crew)', '+layout.svelte'), firstOf(route('(crew)', '+page.svelte'), route('+page.svelte'))];
		const { messages, files } = messagesReachedFrom(entries);
		expect(files.size).toBeGreaterThan(5);
		expect([...messages].filter((key) => key.startsWith('crew_')).length).toBeGreaterThan(10);
		expect([...messages].filter((key) => key.startsWith('console_'))).toEqual([]);
	});

	it('the same walk from the console’s board finds the console’s messages (the check can fail)', () => {
		const { messages } = messagesReachedFrom([route('console', '+page.svelte')]);
		expect([...messages].filter((key) => key.startsWith('console_')).length).toBeGreaterThan(10);
	});

	it('no module looks a message up by a computed name (that would bundle every message)', () => {
		const { files } = messagesReachedFrom([route('+layout.svelte'), route('console', '+page.svelte'), firstOf(route('(crew)', '+page.svelte'), route('+page.svelte'))]);
		for (const file of files) {
			const code = fs.readFileSync(file, 'utf8');
			if (!code.includes('$lib/paraglide')) continue;
			expect(code, path.relative(root, file)).not.toMatch(/\b(?:m|msg)\[/);
			expect(code, path.relative(root, file)).not.toMatch(/import \* as m from ['"]\$lib\/paraglide/);
		}
	});
});
