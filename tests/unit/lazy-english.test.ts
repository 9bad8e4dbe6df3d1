// The browser build's English on demand (scripts/messages/lazy-english.js): a compiled message loses its English,
// says its Vietnamese until the English table is loaded and its English after; the table holds every message's
// English; a file that is not what Paraglide compiles fails the build instead of shipping both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { both } from '$lib/text';
import { englishTable, LOADER, TABLE_ID, withoutEnglish } from '../../scripts/messages/lazy-english.js';

const root = path.resolve(__dirname, '../..');
const compiled = path.join(root, 'src/lib/paraglide');
const KEYS = ['common_history_crewmoved1', 'common_address'];
const read = (key: string) => fs.readFileSync(path.join(compiled, 'messages', `${key}.js`), 'utf8');

// a copy of the compiled runtime and two compiled messages, as the browser build would serve them
const dir = path.join(root, '.tmp', `lazy-english-${process.pid}`);

beforeAll(() => {
	fs.mkdirSync(path.join(dir, 'messages'), { recursive: true });
	fs.copyFileSync(path.join(compiled, 'runtime.js'), path.join(dir, 'runtime.js'));
	for (const key of KEYS) fs.writeFileSync(path.join(dir, 'messages', `${key}.js`), withoutEnglish(read(key), key, '../english.js'));
	fs.writeFileSync(path.join(dir, 'english.js'), LOADER.replace(JSON.stringify(TABLE_ID), JSON.stringify('./table.js')));
	// the table is cut from the compiled files, not from the rewritten ones
	fs.mkdirSync(path.join(dir, 'compiled'));
	for (const key of KEYS) fs.writeFileSync(path.join(dir, 'compiled', `${key}.js`), read(key));
	fs.writeFileSync(path.join(dir, 'compiled', '_index.js'), KEYS.map((key) => `export * from './${key}.js'`).join('\n'));
	// left by a dev server's compile (one module per locale), not re-exported: not part of the table
	fs.writeFileSync(path.join(dir, 'compiled', 'en.js'), 'export const common_address = () => "Address";');
	fs.writeFileSync(path.join(dir, 'table.js'), englishTable(path.join(dir, 'compiled')));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = async (file: string) => import(/* @vite-ignore */ pathToFileURL(path.join(dir, file)).href);

describe('English on demand in the browser build', () => {
	it('leaves no English in a compiled message', () => {
		const code = withoutEnglish(read('common_history_crewmoved1'), 'common_history_crewmoved1.js', '../english.js');
		expect(read('common_history_crewmoved1')).toContain('Moved from');
		expect(code).not.toContain('Moved from');
		expect(code).toContain('Chuyển từ');
		// the text, in its template literal and in the doc comment's example (identifiers say Address too)
		expect(read('common_address')).toContain('`Address`');
		expect(withoutEnglish(read('common_address'), 'common_address.js', '../english.js')).not.toMatch(/`Address`|"Address"/);
	});

	it('says the Vietnamese until the English is loaded, then the English', async () => {
		const runtime = await load('runtime.js');
		runtime.overwriteGetLocale(() => 'en');
		const { common_history_crewMoved } = await load('messages/common_history_crewmoved1.js');
		const { common_address } = await load('messages/common_address.js');
		const english = await load('english.js');

		expect(english.englishLoaded()).toBe(false);
		expect(common_history_crewMoved({ from: 'Đội 1', to: 'Đội 2' })).toBe('Chuyển từ Đội 1 sang Đội 2');
		expect(common_address()).toBe('Địa chỉ');

		await english.loadEnglish();
		expect(english.englishLoaded()).toBe(true);
		expect(common_history_crewMoved({ from: 'Đội 1', to: 'Đội 2' })).toBe('Moved from Đội 1 to Đội 2');
		expect(common_address()).toBe('Address');
		// Vietnamese when asked for, loaded or not
		expect(common_address({}, { locale: 'vi' })).toBe('Địa chỉ');
	});

	it('holds the English of every compiled message in one table', () => {
		const table = englishTable(path.join(compiled, 'messages'));
		const exported = fs.readFileSync(path.join(compiled, 'messages', '_index.js'), 'utf8').match(/^export \* from /gm);
		expect(exported!.length).toBeGreaterThan(1000);
		expect(table.match(/^\t"[\w]+": /gm)).toHaveLength(exported!.length);
		expect(table).toContain('"common_history_crewmoved1": (i) =>');
		expect(table).toContain('Moved from');
		expect(table).not.toContain('Chuyển từ');
	});

	it('fails the build on a file that is not a compiled message with its English, rather than ship both languages', () => {
		expect(() => withoutEnglish('export const x = () => "Address";', 'x.js', '../english.js')).toThrow(/lazy-english: x.js/);
		const onlyVietnamese = read('common_address').replace(/const en_common_address[\s\S]*?\n\};/, '');
		expect(() => withoutEnglish(onlyVietnamese, 'common_address.js', '../english.js')).toThrow(/Paraglide's output changed/);
	});

	it('has a text in both languages say its English when read, not when made (a label made before the English loaded)', () => {
		let english = 'Chưa tải';
		const text = both((_inputs: object, options?: { locale?: 'vi' | 'en' }) => (options?.locale === 'en' ? english : 'Địa chỉ'));
		english = 'Address';
		expect(text.en).toBe('Address');
		expect({ ...text }).toEqual({ vi: 'Địa chỉ', en: 'Address' });
		expect(JSON.parse(JSON.stringify(text))).toEqual({ vi: 'Địa chỉ', en: 'Address' });
	});
});
