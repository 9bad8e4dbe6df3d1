// Types of crew-preload.js (plain JS, loaded by vite.config.ts as it is) for the tsc runs without allowJs
// (server/tsconfig.json covers tests/unit).
import type { Plugin } from 'vite';

export function routeFiles(outDir: string, routeId: string): string[];
export function withPreload(html: string, files: string[]): string;
export function crewPreload(options: { outDir: string; buildDir: string }): Plugin;
