// Vitest serves the ~2,000 compiled message modules as one (scripts/messages/one-module.js). Every message of the
// index must be in it exactly once, with the runtime imported once, or tests would run on a different catalog.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneModuleMessages } from '../../scripts/messages/one-module.js';
import { m } from '../../src/lib/paraglide/messages.js';

const indexFile = path.resolve('src/lib/paraglide/messages/_index.js');

describe('messages served to the tests as one module', () => {
	const text = oneModuleMessages(indexFile).load(indexFile) as string;
	const reexported = [...fs.readFileSync(indexFile, 'utf8').matchAll(/^export \* from '\.\/([\w-]+)\.js'/gm)].map((match) => match[1]);

	it('holds every message of the index once, and imports the runtime once', () => {
		// `export const name` or, for a key whose name differs from its module's, `export { name1 as "name" }`
		const exported = [...text.matchAll(/^export (?:const (\w+)\b|\{ \w+ as "(\w+)" \})/gm)].map((match) => match[1] ?? match[2]);
		expect(reexported.length).toBeGreaterThan(1000);
		expect(exported).toHaveLength(reexported.length);
		expect(new Set(exported).size).toBe(exported.length);
		expect(text.match(/^import /gm)).toHaveLength(1);
	});

	it('is what the tests import: the same words in both languages', () => {
		expect(Object.keys(m).length).toBe(reexported.length);
		expect(m.common_address({}, { locale: 'vi' })).toBe('Địa chỉ');
		expect(m.common_address({}, { locale: 'en' })).toBe('Address');
	});

	it('leaves other modules to vite', () => {
		expect(oneModuleMessages(indexFile).load(path.resolve('src/lib/paraglide/runtime.js'))).toBeNull();
	});

	it('fails loudly when a message module imports more than the runtime', () => {
		const dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'one-module-'));
		fs.writeFileSync(path.join(dir, '_index.js'), "export * from './odd.js'\n");
		fs.writeFileSync(path.join(dir, 'odd.js'), "import { other } from '../other.js';\nexport const odd = other;\n");
		const plugin = oneModuleMessages(path.join(dir, '_index.js'));
		expect(() => plugin.load(path.join(dir, '_index.js'))).toThrow(/odd\.js imports more than the runtime/);
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
