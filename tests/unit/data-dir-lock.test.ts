import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataDirLockedError, identify, LOCK_FILE_NAME, lockDataDir } from '../../server/db/data-dir-lock';

// Every machine of this project (developers', CI's, production's) is Linux: the lock reads a process's start time
// and the boot id from /proc, and these tests run there, never skipped.

describe('PGlite data directory lock', () => {
	let dir: string;
	let lockFile: string;
	let children: ChildProcess[];
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-dirlock-'));
		lockFile = path.join(dir, LOCK_FILE_NAME);
		children = [];
	});
	afterEach(() => {
		vi.restoreAllMocks();
		for (const child of children) child.kill('SIGKILL');
		fs.rmSync(dir, { recursive: true, force: true });
	});

	/** Another live process, standing for a second server. */
	function otherProcess(): Promise<number> {
		const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
		children.push(child);
		return new Promise((resolve, reject) => {
			child.once('spawn', () => resolve(child.pid!));
			child.once('error', reject);
		});
	}

	it('names its holder by pid, start time and boot, in DATA_DIR/hien-truong.lock', () => {
		const release = lockDataDir(dir);
		const holder = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
		expect(holder).toEqual(identify(process.pid));
		expect(holder.pid).toBe(process.pid);
		expect(holder.startTicks).toMatch(/^\d+$/);
		expect(holder.bootId).toMatch(/^[0-9a-f-]{36}$/);
		release();
		expect(fs.existsSync(lockFile)).toBe(false);
	});

	it('refuses while the process that took the lock is alive, and names it', async () => {
		const server = await otherProcess();
		lockDataDir(dir, server);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
		expect(() => lockDataDir(dir)).toThrow(`in use by another process (pid ${server}), which holds ${lockFile}`);
		expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(server);
		expect(warn).not.toHaveBeenCalled();
	});

	it('takes over, with a warning, a lock naming a live process that did not write it (a reused pid)', () => {
		for (const reused of [1, process.ppid]) {
			const real = identify(reused);
			fs.writeFileSync(lockFile, JSON.stringify({ ...real, startTicks: String(Number(real.startTicks) + 12345) }));
			const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
			const release = lockDataDir(dir);
			expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
			expect(warn).toHaveBeenCalledWith(expect.stringContaining(`its holder (pid ${reused}) is gone (that pid now belongs to another process)`));
			release();
			vi.restoreAllMocks();
		}
	});

	it('takes over a lock written before the last reboot, even when its pid is alive now', () => {
		fs.writeFileSync(lockFile, JSON.stringify({ ...identify(process.ppid), bootId: '00000000-0000-0000-0000-000000000000' }));
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const release = lockDataDir(dir);
		expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
		release();
	});

	it('reads a bare pid (older servers): its process holds the lock only if it started before the file was written', async () => {
		// the test runner's parent started before this file: it may be the server that wrote it
		fs.writeFileSync(lockFile, String(process.ppid));
		expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);

		const younger = await otherProcess();
		fs.writeFileSync(lockFile, String(younger));
		const written = new Date(Date.now() - 60_000);
		fs.utimesSync(lockFile, written, written);
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const release = lockDataDir(dir);
		expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
		release();
	});

	it('takes over a lock whose process died, and one that names nobody', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		for (const stale of [JSON.stringify({ pid: 999_999_999, startTicks: '1', bootId: null }), '999999999', '', '{"pid":']) {
			fs.writeFileSync(lockFile, stale);
			const release = lockDataDir(dir);
			expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
			release();
		}
		expect(warn).toHaveBeenCalledTimes(4);
	});

	it('does not release a lock another process has taken since', () => {
		const release = lockDataDir(dir);
		const other = JSON.stringify({ pid: process.ppid, startTicks: identify(process.ppid).startTicks, bootId: identify(process.ppid).bootId });
		fs.writeFileSync(lockFile, other);
		release();
		expect(fs.readFileSync(lockFile, 'utf8')).toBe(other);
	});
});
