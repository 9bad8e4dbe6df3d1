// Queries per command, by kind, in a push batch of 40 commands of one kind on PostgreSQL (node-postgres round trips,
// counted): what the set-based push saves, independent of the machine's load. `npx tsx tests/bench/push-queries.ts`.
import { pushBody, type CommandEnvelope } from '../../src/lib/domain/commands';
import { pushCommands } from '../../server/services/push';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/db/database';
import { onScratchPostgres } from './lib';
import { benchCrew, countPgQueries, pgQueryCount } from './push';
import { CONTEXT, mixedCommands, type Mix } from './push-mixed';

const SIZE = Number(process.env.BENCH_KIND_BATCH ?? 40);
const KINDS: Array<[Mix, string[]]> = [
	[{ surveyed: SIZE, installed: 0, checked: 0 }, ['submitSurvey', 'submitEstimate']],
	[{ surveyed: 0, installed: SIZE, checked: 0 }, ['signOnSite', 'recordInstallation']],
	[{ surveyed: 0, installed: 0, checked: SIZE }, ['recordMeterCheck']]
];

async function measure(database: Database): Promise<Record<string, string>> {
	const user = await benchCrew(database);
	const runtime = { clock: () => new Date(), newId: () => randomUUID(), ...CONTEXT };
	const out: Record<string, string> = {};
	for (const [i, [mix, names]] of KINDS.entries()) {
		const all = await mixedCommands(database, user, `q${i}`, mix);
		let seq = 0;
		const deviceId = `bench-queries-${i}`;
		for (const name of names) {
			const commands: CommandEnvelope[] = all.filter((c) => c.name === name).map((c) => ({ ...c, seq: ++seq }));
			const before = pgQueryCount();
			const response = await pushCommands(database.db, runtime, user, pushBody.parse({ deviceId, commands }));
			const queries = pgQueryCount() - before;
			const applied = response.results.filter((r) => r.status === 'applied').length;
			if (applied !== commands.length) throw new Error(`${name}: ${applied}/${commands.length} applied: ${JSON.stringify(response.results.find((r) => r.status !== 'applied'))}`);
			out[name] = (queries / commands.length).toFixed(2);
		}
	}
	return out;
}

const uncount = countPgQueries();
const found = await onScratchPostgres('push-queries', '', measure);
uncount();
console.log(found);
process.exit(0);
