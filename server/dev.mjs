// `npm run dev`: the API (tsx watch, PGlite under DATA_DIR or ./data-dev) on API_PORT and Vite on 5173 proxying /api.
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '3001';
const children = [
	spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], {
		stdio: 'inherit',
		env: { ...process.env, PORT: apiPort, DATA_DIR: process.env.DATA_DIR ?? 'data-dev', STATIC_DIR: '.no-static' }
	}),
	spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'dev', '--host'], {
		stdio: 'inherit',
		env: { ...process.env, API_PORT: apiPort }
	})
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
