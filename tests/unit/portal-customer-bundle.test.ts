// The customers' portal (/khach-hang) is its own bundle: following the static imports from the root layout and the
// portal's layout and pages (what a customer's phone downloads), none of the crew's code (the tablet's storage, sync,
// field commands, the crew's frame) and none of the console's modules or words is reached. The staff's frame is
// loaded by the root layout's load, with a dynamic import that starts another chunk. The measured size of the built
// first load (≤ 100 KB gzipped JS) is the bench row `npm run bench -- customer` (tests/bench/customer-bundle.ts).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

function resolve(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = path.join(src, 'lib', spec.slice(5));
	else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
	else return null;
	if (base.includes(`${path.sep}paraglide${path.sep}`) || base.endsWith(`${path.sep}paraglide`)) return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}.svelte.ts`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	}
	return null;
}

/** Files, packages and messages reached by static imports (import() is another chunk, loaded when called). */
function reachedFrom(entries: string[]) {
	const files = new Set<string>();
	const packages = new Set<string>();
	const messages = new Set<string>();
	const queue = entries.filter((entry) => fs.existsSync(entry));
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (files.has(file)) continue;
		files.add(file);
		const code = fs.readFileSync(file, 'utf8');
		for (const match of code.matchAll(/\bm\.([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)/g)) messages.add(match[1]!);
		for (const match of code.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
			if (/^\s*(?:import|export)\s+type\s/.test(match[0])) continue;
			const spec = match[1]!;
			const target = resolve(file, spec);
			if (target) queue.push(target);
			else if (!spec.startsWith('$') && !spec.startsWith('.')) packages.add(spec);
		}
	}
	return { files: [...files].map((f) => path.relative(root, f)), packages, messages };
}

const route = (...parts: string[]) => path.join(src, 'routes', ...parts);
const PORTAL_PAGES = [
	route('+layout.svelte'),
	route('+layout.ts'),
	route('khach-hang', '+layout.svelte'),
	route('khach-hang', '+layout.ts'),
	route('khach-hang', 'dang-nhap', '+page.svelte'),
	route('khach-hang', '+page.svelte'),
	route('khach-hang', '+page.ts'),
	route('khach-hang', 'nop', '+page.svelte'),
	route('khach-hang', 'yeu-cau', '[id]', '+page.svelte'),
	route('khach-hang', 'hop-dong', '+page.svelte'),
	route('khach-hang', 'thong-bao', '+page.svelte')
];

describe("the customers' portal bundle", () => {
	it('reaches none of the crew’s code nor the console’s modules and words', () => {
		const { files, packages, messages } = reachedFrom(PORTAL_PAGES);
		expect(files.length).toBeGreaterThan(15);
		expect([...messages].filter((key) => key.startsWith('portal_acc_')).length).toBeGreaterThan(40);
		const crewOrConsole = files.filter(
			(f) =>
				(f.startsWith('src/lib/client/') && f !== 'src/lib/client/customer-pages.ts') ||
				f.startsWith('src/lib/console/') ||
				f.startsWith('src/lib/components/console/') ||
				f.startsWith('src/lib/components/field/') ||
				(f.startsWith('src/lib/domain/field-commands') && f !== 'src/lib/domain/field-commands/shared.ts') ||
				f.startsWith('src/lib/map/') ||
				f === 'src/lib/components/StaffShell.svelte' ||
				f.startsWith('src/routes/(crew)') ||
				f.startsWith('src/routes/console')
		);
		expect(crewOrConsole).toEqual([]);
		expect([...packages].filter((p) => /dexie|workbox|leaflet|browser-image-compression|signature_pad/.test(p))).toEqual([]);
		expect([...messages].filter((key) => key.startsWith('console_'))).toEqual([]);
		// crew words only where the shared domain and history say them: the signing code's offline check, two steps'
		// names of the workflow, the reasons a contract went to online signing (and i18n's comment naming a message)
		expect([...messages].filter((key) => key.startsWith('crew_')).sort()).toEqual([
			'crew_action_install',
			'crew_action_sign',
			'crew_field_theSigningCodeHasExactly6',
			'crew_field_wrongCodeADigitMayBe',
			'crew_remote_reason_customer_absent',
			'crew_remote_reason_customer_prefers_online',
			'crew_sync_online'
		]);
	});

	it('the same walk from the staff’s frame reaches the crew’s code (the check can fail)', () => {
		const { files, packages } = reachedFrom([path.join(src, 'lib', 'components', 'StaffShell.svelte')]);
		expect(files.some((f) => f.startsWith('src/lib/client/') && f !== 'src/lib/client/customer-pages.ts')).toBe(true);
		expect([...packages].some((p) => p.startsWith('dexie'))).toBe(true);
	});

	it('loads the staff’s frame only by a dynamic import in the root layout’s load', () => {
		const layout = fs.readFileSync(route('+layout.ts'), 'utf8');
		expect(layout).toMatch(/import\('\$lib\/components\/StaffShell\.svelte'\)/);
		expect(layout).not.toMatch(/^import .*\$lib\/client\/app/m);
		expect(fs.readFileSync(route('+layout.svelte'), 'utf8')).not.toMatch(/\$lib\/client\/app/);
	});
});
