// Paraglide's compiler options, shared by the vite plugin (vite.config.ts) and `npm run messages` (compile.js).
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// the language store ($lib/i18n.svelte.ts) replaces getLocale/setLocale at start; these only matter before that
	strategy: ['localStorage', 'baseLocale'],
	localStorageKey: 'hien-truong.lang',
	emitGitIgnore: false,
	emitPrettierIgnore: false,
	// .d.ts beside the .js: the API server's tsc (no allowJs) types the message functions too
	emitTsDeclarations: true
};
