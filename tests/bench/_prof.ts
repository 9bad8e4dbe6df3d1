import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import { onScratchPostgres } from './lib';
import { mixedCommands, CONTEXT } from './push-mixed';
import { batches, benchCrew, pushAll, countPgQueries, pgQueryCount } from './push';

const uncount = countPgQueries();
await onScratchPostgres('prof', '', async (database) => {
	const user = await benchCrew(database);
	// warm
	if (!process.env.NO_WARM) {
		const warm = await mixedCommands(database, user, 'warm');
		await pushAll(database, user, batches('warm-dev', warm), CONTEXT);
	}
	const cmds = await mixedCommands(database, user, 'prof');
	if (process.env.ALSO_LOOP) await mixedCommands(database, user, 'loopprep');
	const session = new Session();
	if (!process.env.NO_PROF) {
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 200 });
	await session.post('Profiler.start');
	}
	const q0 = pgQueryCount();
	const t0 = performance.now();
	const r = await pushAll(database, user, batches('prof-dev', cmds), CONTEXT);
	const t1 = performance.now();
	if (!process.env.NO_PROF) {
	const { profile } = await session.post('Profiler.stop');
	fs.writeFileSync('/tmp/push.cpuprofile', JSON.stringify(profile));
	}
	console.log('applied', r.applied, 'ms', (t1 - t0).toFixed(0), 'cmd/s', ((cmds.length / (t1 - t0)) * 1000).toFixed(0), 'q', pgQueryCount() - q0);
});
uncount();
