// CI guard: every test level (unit, api, e2e) must have run at least one test and failed none.
import fs from 'node:fs';

const log = fs.readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
const levels = [];
// vitest prints one run per project: " RUN  v4 …" then "Tests  12 passed (12)" (or "2 failed | 10 passed")
for (const match of log.matchAll(/^\s*Tests\s+(.+?)\s*\((\d+)\)\s*$/gm)) {
	const passed = Number(/(\d+) passed/.exec(match[1])?.[1] ?? 0);
	const failed = Number(/(\d+) failed/.exec(match[1])?.[1] ?? 0);
	levels.push({ runner: 'vitest', passed, failed });
}
// playwright ends with "  5 passed (20.1s)" (or "(1.6m)", "(850ms)") and maybe "  1 failed"
const pw = /^\s*(\d+) passed \([\d.]+(?:ms|s|m|h)\)\s*$/m.exec(log);
const pwFailed = /^\s*(\d+) failed\s*$/m.exec(log);
if (pw || pwFailed) levels.push({ runner: 'playwright', passed: Number(pw?.[1] ?? 0), failed: Number(pwFailed?.[1] ?? 0) });

const names = ['unit', 'api', 'e2e'];
let ok = levels.length === 3;
let passed = 0;
let failed = 0;
levels.forEach((level, i) => {
	passed += level.passed;
	failed += level.failed;
	console.log(`ci: ${names[i] ?? '?'} (${level.runner}): ${level.passed} passed, ${level.failed} failed`);
	if (level.passed === 0 || level.failed > 0) ok = false;
});
if (levels.length !== 3) console.log(`ci: expected 3 test levels (unit, api, e2e), found ${levels.length}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
