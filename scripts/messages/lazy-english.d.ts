// Types of lazy-english.js for the tsc runs without allowJs (server/tsconfig.json covers tests/unit).
import type { Plugin } from 'vite';

export const TABLE_ID: string;
export const LOADER: string;
export function englishOf(code: string, file: string): { key: string; start: number; end: number; source: string; imports: unknown[] };
export function withoutEnglish(code: string, file: string, registry: string): string;
export function englishTable(dir: string): string;
export function lazyEnglish(options: { outdir: string }): Plugin;
