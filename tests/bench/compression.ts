// Compression: what a crew's tablet downloads for a 1,000-job pull and for the app's precache, plain and compressed,
// with the server's real middleware (hono compress on /api) and the build's precompressed assets.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { makePullBody, PULL_JOBS } from './pull-dexie';
import { type BenchRow, kb, skipped } from './lib';

const BENCH = 'Compression';

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export async function benchCompression(): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	const pull = Buffer.from(JSON.stringify(makePullBody(PULL_JOBS)));
	// level 6 is what CompressionStream('gzip') uses, so this is the size the middleware sends
	const zipped = gzipSync(pull, { level: 6 });
	const ratio = pull.length / zipped.length;
	rows.push({ bench: BENCH, variant: `pull, ${PULL_JOBS.toLocaleString('en')} jobs, gzip`, result: `${ratio.toFixed(1)}× smaller`, detail: `${kb(pull.length)} → ${kb(zipped.length)}`, target: '≥ 5× smaller', met: ratio >= 5 });

	const buildDir = path.resolve(process.env.BUILD_DIR || 'build');
	if (!fs.existsSync(path.join(buildDir, 'index.html'))) {
		rows.push(skipped(BENCH, 'app precache, brotli', `no build in ${buildDir}: run npm run build first`, '≥ 3× smaller'));
		return rows;
	}
	const assets = filesUnder(buildDir).filter((f) => /\.(js|css|html|json|webmanifest|svg)$/.test(f));
	let plain = 0;
	let sent = 0;
	for (const file of assets) {
		const size = fs.statSync(file).size;
		plain += size;
		// served as .br when the build wrote one (text assets worth compressing), else as is
		sent += fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : size;
	}
	const assetRatio = plain / sent;
	rows.push({ bench: BENCH, variant: 'app precache, brotli', result: `${assetRatio.toFixed(1)}× smaller`, detail: `${assets.length} files, ${kb(plain)} → ${kb(sent)}`, target: '≥ 3× smaller', met: assetRatio >= 3 });
	return rows;
}
