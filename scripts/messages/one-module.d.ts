// Types of one-module.js (plain JS, so vite.config.ts loads it without a build step), for its unit test.
export function oneModuleMessages(indexFile: string): {
	name: string;
	enforce: 'pre';
	load(id: string): string | null;
};
