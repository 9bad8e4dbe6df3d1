// PGlite does not lock its data directory and two processes on one directory corrupt it: we do.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes DATA_DIR/hien-truong.lock for this process; a stale lock (dead pid) is taken over. */
export function lockDataDir(dataDir: string, pid = process.pid): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const lockPath = path.join(dataDir, 'hien-truong.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockPath, String(pid), { flag: 'wx' });
			return () => {
				try {
					if (fs.readFileSync(lockPath, 'utf8') === String(pid)) fs.unlinkSync(lockPath);
				} catch {
					// already gone: nothing to release
				}
			};
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
			if (Number.isInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) {
				throw new DataDirLockedError(
					`The data directory ${dataDir} is in use by another process (pid ${holder}). ` +
						`Stop it first, or set DATA_DIR to another directory. (Two processes on one PGlite directory corrupt it.)`
				);
			}
			fs.unlinkSync(lockPath);
		}
	}
	throw new DataDirLockedError(`Could not lock ${dataDir}`);
}
