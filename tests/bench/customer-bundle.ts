// The customers' portal on a slow phone: what its first page (/khach-hang/dang-nhap, where a customer lands) makes
// the browser download, from a vite build's manifest (like scripts/messages/bundle-check.mjs for the crew's first
// page): the app entry, the root layout, the portal's layout and page, and every chunk they import statically.
// Target: ≤ 100 KB of gzipped JavaScript, none of the crew's code (Dexie, sync) nor the console's words.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstLoadFiles } from './first-load';
import { type BenchRow, kb, skipped } from './lib';

const BENCH = 'Customer portal';
const TARGET_GZIP_BYTES = 100 * 1024;

export interface FirstLoad {
	files: string[];
	jsBytes: number;
	jsGzipBytes: number;
	/** What should never be there: the crew's storage (Dexie) and the console's own words. */
	crewCode: boolean;
	consoleWords: string[];
}

/** The first load of `routePath` in the build under `outDir` (a SvelteKit output directory). */
export function firstLoadOf(outDir: string, routePath: string): FirstLoad {
	const { clientDir, files } = firstLoadFiles(outDir, routePath);
	const js = files.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(clientDir, f), 'utf8'));
	const messages = JSON.parse(fs.readFileSync('messages/vi.json', 'utf8')) as Record<string, string>;
	const others = Object.entries(messages).filter(([key]) => !key.startsWith('console_')).map(([, text]) => text);
	const consoleOnly = Object.entries(messages)
		.filter(([key]) => key.startsWith('console_'))
		.map(([, text]) => text.split(/\{\w+\}/)[0]!.trim())
		.filter((piece) => piece.length >= 12 && !others.some((text) => text.includes(piece)));
	return {
		files,
		jsBytes: js.reduce((sum, code) => sum + Buffer.byteLength(code), 0),
		jsGzipBytes: js.reduce((sum, code) => sum + gzipSync(code).length, 0),
		crewCode: js.some((code) => code.includes('Dexie') || code.includes('ht-sync')),
		consoleWords: consoleOnly.filter((piece) => js.some((code) => code.includes(piece)))
	};
}

export async function benchCustomerBundle(): Promise<BenchRow[]> {
	const outDir = path.resolve(process.env.SVELTEKIT_OUT_DIR || '.svelte-kit');
	if (!fs.existsSync(path.join(outDir, 'output', 'client', '.vite', 'manifest.json'))) {
		return [skipped(BENCH, 'first load, gzip JS', `no build in ${outDir}: run npm run build first`, '≤ 100 KB')];
	}
	const rows: BenchRow[] = [];
	for (const route of ['/khach-hang/dang-nhap', '/khach-hang']) {
		const load = firstLoadOf(outDir, route);
		rows.push({
			bench: BENCH,
			variant: `${route}, gzip JS`,
			result: kb(load.jsGzipBytes),
			detail: `${load.files.length} files, ${kb(load.jsBytes)} plain; crew code: ${load.crewCode ? 'YES' : 'none'}; console words: ${load.consoleWords.length}`,
			target: '≤ 100 KB, no crew code',
			met: load.jsGzipBytes <= TARGET_GZIP_BYTES && !load.crewCode && load.consoleWords.length === 0
		});
	}
	return rows;
}
