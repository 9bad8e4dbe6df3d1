// The e2e server: a fresh demo database each run, then `npm start` (which builds the PWA if needed).
import { spawn } from 'node:child_process';
import fs from 'node:fs';

fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true });
const server = spawn(process.execPath, ['server/start.mjs'], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
