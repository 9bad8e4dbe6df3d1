// One-off: turns the five old string tables into messages/vi.json + messages/en.json (Vietnamese base).
// Keys: <area>_<old key with dots as underscores>; a (vi, en) pair found under several keys becomes one message.
// Writes scripts/messages/keymap.json (area:oldKey → new key) for the codemod.
import fs from 'node:fs';

const read = (p) => fs.readFileSync(p, 'utf8');
function block(src, startRe) {
	const m = startRe.exec(src);
	if (!m) throw new Error('no block ' + startRe);
	let i = src.indexOf('{', m.index);
	let depth = 0, j = i, inStr = null;
	for (; j < src.length; j++) {
		const c = src[j];
		if (inStr) { if (c === '\\') { j++; continue; } if (c === inStr) inStr = null; continue; }
		if (c === "'" || c === '"' || c === '`') { inStr = c; continue; }
		if (c === '{') depth++;
		if (c === '}') { depth--; if (depth === 0) break; }
	}
	return new Function('return ' + src.slice(i, j + 1))();
}
const pairTables = {
	crew: 'src/lib/client/i18n.svelte.ts',
	console: 'src/lib/console/strings.ts',
	map: 'src/lib/map/strings.ts'
};
const textTables = { portal: 'src/lib/portal/strings.ts', selfReading: 'src/lib/self-reading/strings.ts' };
const entries = []; // {area, key, vi, en}
for (const [area, file] of Object.entries(pairTables)) {
	const src = read(file);
	const vi = block(src, /^const vi\b/m), en = block(src, /^const en\b/m);
	for (const key of Object.keys(vi)) entries.push({ area, key, vi: vi[key], en: en[key] });
}
for (const [area, file] of Object.entries(textTables)) {
	const s = block(read(file), /^const STRINGS\b/m);
	for (const key of Object.keys(s)) entries.push({ area, key, vi: s[key].vi, en: s[key].en });
}
for (const e of entries) if (typeof e.vi !== 'string' || typeof e.en !== 'string') throw new Error('missing ' + e.area + ':' + e.key);
const ident = (area, key) => area + '_' + key.replace(new RegExp(`^${area}\\.`), '').replace(/[.\-]/g, '_');
// merged messages named by what they say rather than by the first table that had them
const RENAME = {
	common_board_crew: 'common_crew',
	common_board_col_crew: 'common_crewShort',
	common_board_allCrews: 'common_allCrews',
	common_detail_customer: 'common_customer',
	common_estimate_side_utility: 'common_utility',
	common_detail_address: 'common_address',
	common_detail_email: 'common_email',
	common_detail_location: 'common_location',
	common_detail_notes: 'common_notes',
	common_detail_phone: 'common_phone',
	common_detail_request: 'common_request',
	common_detail_service: 'common_service',
	common_detail_state: 'common_state',
	common_detail_deadline: 'common_deadline',
	common_detail_title: 'common_requestTitle',
	common_outbox_status: 'common_status',
	common_login_server: 'common_error_server',
	common_nav_map: 'common_map',
	common_dispatch_chooseCrew: 'common_chooseCrew',
	common_intake_submitting: 'common_sending',
	common_live_on: 'common_liveOn',
	common_photo_uploaded: 'common_uploaded'
};
const groups = new Map();
for (const e of entries) {
	const id = e.vi + '\u0000' + e.en;
	if (!groups.has(id)) groups.set(id, []);
	groups.get(id).push(e);
}
const keymap = {}, vi = {}, en = {};
let merged = 0;
const taken = new Set();
for (const list of groups.values()) {
	const areas = new Set(list.map((e) => e.area));
	let name = areas.size === 1 ? ident(list[0].area, list[0].key) : ident('common', list[0].key.replace(/^common\./, ''));
	if (areas.size > 1 && taken.has(name)) name = ident('common', list[0].area + '.' + list[0].key);
	name = RENAME[name] ?? name;
	if (taken.has(name)) throw new Error('taken ' + name);
	taken.add(name);
	merged += list.length - 1;
	vi[name] = list[0].vi;
	en[name] = list[0].en;
	for (const e of list) keymap[e.area + ':' + e.key] = name;
}
const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
fs.mkdirSync('messages', { recursive: true });
const schema = 'https://inlang.com/schema/inlang-message-format';
fs.writeFileSync('messages/vi.json', JSON.stringify({ $schema: schema, ...sorted(vi) }, null, '\t') + '\n');
fs.writeFileSync('messages/en.json', JSON.stringify({ $schema: schema, ...sorted(en) }, null, '\t') + '\n');
fs.writeFileSync('scripts/messages/keymap.json', JSON.stringify(keymap, null, '\t') + '\n');
const viDup = new Map();
for (const e of entries) viDup.set(e.vi, (viDup.get(e.vi) ?? 0) + 1);
console.log(`entries ${entries.length}, messages ${Object.keys(vi).length}, merged ${merged}, vi strings in 2+ entries ${[...viDup.values()].filter((n) => n > 1).length}`);
