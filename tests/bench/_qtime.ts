import pg from 'pg';
import { onScratchPostgres } from './lib';
import { mixedCommands, CONTEXT } from './push-mixed';
import { batches, benchCrew, pushAll } from './push';

const stats = new Map<string, { n: number; ms: number; rows: number }>();
let on = false;
const proto = pg.Client.prototype as any;
const original = proto.query;
proto.query = function (this: unknown, ...args: any[]) {
	const text: string = typeof args[0] === 'string' ? args[0] : args[0]?.text ?? '?';
	const t0 = performance.now();
	const r = original.apply(this, args);
	if (on && r && typeof r.then === 'function') {
		const key = text.replace(/\$\d+/g, '$').replace(/\s+/g, ' ').slice(0, 110);
		r.then((res: any) => {
			const s = stats.get(key) ?? { n: 0, ms: 0, rows: 0 };
			s.n++; s.ms += performance.now() - t0; s.rows += res?.rowCount ?? 0;
			stats.set(key, s);
		}, () => undefined);
	}
	return r;
};
await onScratchPostgres('q', '', async (database) => {
	const user = await benchCrew(database);
	const warm = await mixedCommands(database, user, 'warm');
	await pushAll(database, user, batches('warm-dev', warm), CONTEXT);
	const cmds = await mixedCommands(database, user, 'prof');
	if (process.env.ALSO_LOOP) await mixedCommands(database, user, 'loopprep');
	on = true;
	const t0 = performance.now();
	await pushAll(database, user, batches('prof-dev', cmds), CONTEXT);
	const t1 = performance.now();
	on = false;
	console.log('wall', (t1 - t0).toFixed(0));
	let total = 0; for (const s of stats.values()) total += s.ms;
	console.log('query wall sum', total.toFixed(0), 'count', [...stats.values()].reduce((a, s) => a + s.n, 0));
	for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40)) console.log(s.ms.toFixed(1).padStart(7), String(s.n).padStart(5), String(s.rows).padStart(6), k);
});
