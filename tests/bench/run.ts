// `npm run bench [-- push|pull|photo ...]`: runs the benchmarks one after another and prints one table.
// Not tests: numbers depend on the machine; each row states its target and whether this run met it.
// Each bench cleans up after itself (temp PGlite dirs, scratch PostgreSQL databases, browsers).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { type BenchRow, failed, printTable } from './lib';
import { benchPhoto } from './photo-compress';
import { benchPullDexie } from './pull-dexie';
import { benchPush } from './push';
import { benchPushMixed } from './push-mixed';
import { benchPushDevices } from './push-devices';
import { benchBoard } from './board';
import { benchCompression } from './compression';
import { benchCustomerBundle } from './customer-bundle';
import { benchCrewBundle } from './crew-bundle';
import { benchFirstCard } from './first-card';
import { benchProcesses } from './processes';

const BENCHES: Record<string, () => Promise<BenchRow[]>> = {
	push: benchPush,
	'push-mixed': benchPushMixed,
	'push-devices': benchPushDevices,
	pull: benchPullDexie,
	photo: benchPhoto,
	board: benchBoard,
	compression: benchCompression,
	customer: benchCustomerBundle,
	'crew-bundle': benchCrewBundle,
	'first-card': benchFirstCard,
	processes: benchProcesses
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
	console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`);
	process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(BENCHES);

console.log(
	`Benchmarks on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, load ${os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`
);
const rows: BenchRow[] = [];
for (const name of names) {
	const start = performance.now();
	process.stdout.write(`… ${name}`);
	try {
		rows.push(...(await BENCHES[name]!()));
	} catch (error) {
		rows.push(failed(name, '', error));
	}
	process.stdout.write(` (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
}
console.log();
console.log(printTable(rows));
const missed = rows.filter((r) => r.met === false);
console.log();
console.log(missed.length === 0 ? 'All targets met.' : `${missed.length} target(s) not met: ${missed.map((r) => `${r.bench} / ${r.variant}`).join('; ')}`);
// PGlite and pg pools may keep handles open a moment; the table is out, leave now.
process.exit(0);
