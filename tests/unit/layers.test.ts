// The layers as docs/architecture.md draws them, counted on the tree so they cannot drift back: routes parse,
// authorize and delegate (no transaction of their own); SQL lives in server/db (no drizzle-orm in services or routes).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const sourcesIn = (dir: string): Array<{ file: string; text: string }> =>
	fs
		.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.ts'))
		.map((f) => ({ file: path.join(dir, f), text: fs.readFileSync(path.join(root, dir, f), 'utf8') }));

describe('layers', () => {
	it('no service or route imports drizzle-orm: SQL is in server/db', () => {
		const offenders = [...sourcesIn('server/services'), ...sourcesIn('server/routes')].filter((s) => /from ['"]drizzle-orm/.test(s.text)).map((s) => s.file);
		expect(offenders).toEqual([]);
	});

	it('no route opens a transaction: a service owns it', () => {
		const routes = sourcesIn('server/routes');
		expect(routes.length).toBeGreaterThan(10);
		const offenders = routes.filter((s) => /\.transaction\(/.test(s.text)).map((s) => s.file);
		expect(offenders).toEqual([]);
	});
});
