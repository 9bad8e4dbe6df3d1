// The one message catalog (messages/*.json, compiled by Paraglide): every key in both languages with the same
// placeholders, nothing empty, and the language store drives the compiled message functions.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { i18n } from '$lib/i18n.svelte';
import { m } from '$lib/paraglide/messages.js';

const root = path.resolve(__dirname, '../..');
const read = (locale: string): Record<string, string> => {
	const { $schema: _schema, ...messages } = JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8'));
	return messages;
};
const vi = read('vi');
const en = read('en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const AREAS = ['crew', 'console', 'portal', 'selfReading', 'map', 'server', 'common'];

describe('the message catalog', () => {
	it('has every key in Vietnamese and in English', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
	});

	it('has the same placeholders in both languages', () => {
		for (const key of Object.keys(vi)) expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(vi[key]));
	});

	it('has no empty text but the console’s empty deadline status and the portal’s note said only in English', () => {
		for (const [key, text] of [...Object.entries(vi).map(([k, v]) => [`vi ${k}`, v]), ...Object.entries(en).map(([k, v]) => [`en ${k}`, v])]) {
			if (key === 'vi console_status_none' || key === 'en console_status_none' || key === 'vi portal_contract_vietnameseOnly') continue;
			expect(text.trim(), key).not.toBe('');
		}
	});

	it('groups keys by area, as identifiers', () => {
		for (const key of Object.keys(vi)) {
			expect(key, key).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
			expect(AREAS, key).toContain(key.split('_')[0]);
		}
	});

	it('says each thing once: no two keys with the same words in both languages', () => {
		const seen = new Map<string, string>();
		for (const key of Object.keys(vi)) {
			const words = `${vi[key]}\u0000${en[key]}`;
			expect(seen.get(words), `${key} repeats ${seen.get(words)}`).toBeUndefined();
			seen.set(words, key);
		}
	});

	it('compiles to message functions that follow the one language setting', () => {
		expect(m.common_loading()).toBe(vi.common_loading);
		i18n.lang = 'en';
		try {
			expect(m.common_loading()).toBe(en.common_loading);
			expect(m.console_board_total({ total: 3 })).toBe(en.console_board_total.replace('{total}', '3'));
		} finally {
			i18n.lang = 'vi';
		}
		expect(m.common_loading({}, { locale: 'en' })).toBe(en.common_loading);
	});
});
