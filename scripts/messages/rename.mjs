// Renames a message everywhere: node scripts/messages/rename.mjs <old_key> <new_key>
// (both catalogs, and every m.<old_key> / msg.<old_key> under src/ and tests/), then recompile with `npm run messages`.
import fs from 'node:fs';
import path from 'node:path';

const [from, to] = process.argv.slice(2);
if (!from || !to || !/^[A-Za-z]\w*$/.test(to)) throw new Error('usage: rename.mjs <old_key> <new_key>');
for (const locale of ['vi', 'en']) {
	const file = `messages/${locale}.json`;
	const messages = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (!(from in messages)) throw new Error(`${from} is not in ${file}`);
	if (to in messages) throw new Error(`${to} is already in ${file}`);
	const { $schema, ...rest } = messages;
	rest[to] = rest[from];
	delete rest[from];
	const sorted = Object.fromEntries(Object.keys(rest).sort().map((key) => [key, rest[key]]));
	fs.writeFileSync(file, JSON.stringify({ $schema, ...sorted }, null, '\t') + '\n');
}
const walk = (dir) =>
	fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' || entry.name === 'node_modules' ? [] : walk(full);
		return /\.(svelte|ts|js)$/.test(entry.name) ? [full] : [];
	});
let changed = 0;
for (const file of [...walk('src'), ...walk('tests')]) {
	const code = fs.readFileSync(file, 'utf8');
	const next = code.replace(new RegExp(`\\b(m|msg)\\.${from}\\b`, 'g'), `$1.${to}`);
	if (next !== code) {
		fs.writeFileSync(file, next);
		changed++;
	}
}
console.log(`${from} → ${to} in ${changed} files`);
