// The crew's app on a tablet: the JavaScript its first page (the job list, route `/` in src/routes/(crew)) makes the
// browser download before the list can show, from the manifest of a fresh `vite build` (into a scratch directory, so
// the working tree's build/ is left alone): the app entry, the root layout with what its load awaits for a staff page
// (the app's singletons and the staff frame, dynamic imports), the crew layout and the page, and every chunk they
// import statically. Target: ≤ 120 KB gzipped (120,000 bytes); none of the console's or the portal's words, no
// English table, no zod and no service catalog (loaded when a page needs them).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ROOT } from './browser';
import { firstLoadFiles } from './first-load';
import { type BenchRow, failed, kb } from './lib';

const BENCH = 'Crew first page';
const TARGET_GZIP_BYTES = 120_000;
const TARGET = '≤ 120 KB gzip JS; no console/portal words, English, zod, catalog';

export interface CrewBuild {
	/** SvelteKit's output directory (manifest, generated app). */
	outDir: string;
	/** The static site (what the server and the service worker serve). */
	buildDir: string;
	seconds: number;
}

let building: Promise<CrewBuild> | null = null;

/**
 * One fresh production build per bench run, shared by the crew benches (crew-bundle, first-card).
 * BENCH_CREW_BUILD=<dir> measures a build made before instead (SVELTEKIT_OUT_DIR=<dir>/kit BUILD_DIR=<dir>/build).
 */
export function crewBuild(): Promise<CrewBuild> {
	const given = process.env.BENCH_CREW_BUILD;
	if (given) return Promise.resolve({ outDir: path.resolve(given, 'kit'), buildDir: path.resolve(given, 'build'), seconds: 0 });
	building ??= (async () => {
		const base = path.join(ROOT, '.tmp', `bench-crew-${process.pid}`);
		fs.rmSync(base, { recursive: true, force: true });
		const outDir = path.join(base, 'kit');
		const buildDir = path.join(base, 'build');
		const started = Date.now();
		// inside the project: the server half of the build resolves its packages from node_modules
		await promisify(execFile)('npx', ['vite', 'build', '--logLevel', 'error'], {
			cwd: ROOT,
			env: { ...process.env, SVELTEKIT_OUT_DIR: path.relative(ROOT, outDir), BUILD_DIR: path.relative(ROOT, buildDir) },
			maxBuffer: 64 * 1024 * 1024
		});
		process.once('exit', () => fs.rmSync(base, { recursive: true, force: true }));
		return { outDir, buildDir, seconds: (Date.now() - started) / 1000 };
	})();
	return building;
}

export interface CrewFirstLoad {
	files: Array<{ file: string; bytes: number; gzip: number }>;
	gzipBytes: number;
	bytes: number;
	/** Words only the console or the portal says, found in those files. */
	foreignWords: string[];
	/** English texts of crew_ messages found (the English table is loaded only for a crew that chose English). */
	englishWords: string[];
	zod: boolean;
	catalog: boolean;
}

/** What the crew's first page downloads before its list shows, in the build under `outDir`. */
export function crewFirstLoad(outDir: string): CrewFirstLoad {
	const { clientDir, files } = firstLoadFiles(outDir, '/(crew)', { rootLayoutImports: true });
	const js = files.filter((f) => f.endsWith('.js')).map((file) => ({ file, code: fs.readFileSync(path.join(clientDir, file), 'utf8') }));
	const sized = js.map(({ file, code }) => ({ file, bytes: Buffer.byteLength(code), gzip: gzipSync(code).length }));

	const vi = JSON.parse(fs.readFileSync(path.join(ROOT, 'messages/vi.json'), 'utf8')) as Record<string, string>;
	const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'messages/en.json'), 'utf8')) as Record<string, string>;
	const pieces = (table: Record<string, string>, keep: (key: string) => boolean) =>
		Object.entries(table)
			.filter(([key]) => key !== '$schema' && keep(key))
			.map(([, text]) => String(text).split(/\{\w+\}/)[0]!.trim());
	// words the domain also holds (a catalog name, a correction rule) are no proof of a console or portal message
	const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
	const domain = walk(path.join(ROOT, 'src/lib/domain')).map((file) => fs.readFileSync(file, 'utf8'));
	const shared = [...pieces(vi, (key) => !key.startsWith('console_') && !key.startsWith('portal_')), ...pieces(en, () => true), ...domain];
	const foreign = pieces(vi, (key) => key.startsWith('console_') || key.startsWith('portal_')).filter((p) => p.length >= 14 && !shared.some((text) => text.includes(p)));
	const viTexts = Object.values(vi).map(String);
	const english = pieces(en, (key) => key.startsWith('crew_')).filter((p) => p.length >= 14 && /[a-z]{4} [a-z]{3}/.test(p) && !viTexts.some((text) => text.includes(p)));
	const inCode = (piece: string) => js.some(({ code }) => code.includes(piece) || code.includes(JSON.stringify(piece).slice(1, -1)));
	return {
		files: sized.sort((a, b) => b.gzip - a.gzip),
		gzipBytes: sized.reduce((sum, f) => sum + f.gzip, 0),
		bytes: sized.reduce((sum, f) => sum + f.bytes, 0),
		foreignWords: [...new Set(foreign.filter(inCode))],
		englishWords: [...new Set(english.filter(inCode))],
		// zod's classic core names its error class so; the catalog, its first service
		zod: js.some(({ code }) => code.includes('$ZodError') || code.includes('ZodError')),
		catalog: js.some(({ code }) => code.includes('KH mua điện sinh hoạt'))
	};
}

export async function benchCrewBundle(): Promise<BenchRow[]> {
	let build: CrewBuild;
	try {
		build = await crewBuild();
	} catch (error) {
		return [failed(BENCH, 'vite build', error, TARGET)];
	}
	const load = crewFirstLoad(build.outDir);
	const biggest = load.files
		.slice(0, 5)
		.map((f) => `${path.basename(f.file)} ${kb(f.gzip)}`)
		.join(', ');
	const leaks = [
		load.foreignWords.length ? `${load.foreignWords.length} console/portal words` : '',
		load.englishWords.length ? `${load.englishWords.length} English crew texts` : '',
		load.zod ? 'zod' : '',
		load.catalog ? 'catalog' : ''
	].filter(Boolean);
	return [
		{
			bench: BENCH,
			variant: '/ before the job list, gzip JS',
			result: kb(load.gzipBytes),
			detail: `${load.files.length} files, ${kb(load.bytes)} plain; biggest: ${biggest}; ${leaks.length ? `has ${leaks.join(', ')}` : 'no console/portal words, English, zod or catalog'} (build ${Math.round(build.seconds)} s)`,
			target: TARGET,
			met: load.gzipBytes <= TARGET_GZIP_BYTES && leaks.length === 0
		}
	];
}
