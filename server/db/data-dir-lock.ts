// PGlite does not lock its data directory and two processes on one directory corrupt it: we do, with
// DATA_DIR/hien-truong.lock. A pid alone is not an identity (after a crash or a reboot the pid is soon reused by
// some unrelated process), so the lock names its holder by pid, the process's start time and the boot it belongs to.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

export const LOCK_FILE_NAME = 'hien-truong.lock';

/** Who holds the lock: enough to tell the holder from a later process that got the same pid. */
export interface LockHolder {
	pid: number;
	/** Linux: /proc/<pid>/stat field 22 (clock ticks after boot); null where /proc is missing. */
	startTicks: string | null;
	/** Linux: /proc/sys/kernel/random/boot_id; null where /proc is missing. */
	bootId: string | null;
}

function readProc(file: string): string | null {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return null;
	}
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and ')' so count from its last ')'. */
function processStartTicks(pid: number): string | null {
	const stat = readProc(`/proc/${pid}/stat`);
	if (!stat) return null;
	const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return afterName[22 - 3] ?? null;
}

function bootId(): string | null {
	return readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;
}

export function identify(pid: number): LockHolder {
	return { pid, startTicks: processStartTicks(pid), bootId: bootId() };
}

function pidIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** When a process started, in ms since the epoch (Linux: boot time + its start ticks at USER_HZ, 100 a second). */
function processStartedAtMs(pid: number): number | null {
	const ticks = processStartTicks(pid);
	const bootSeconds = /^btime (\d+)$/m.exec(readProc('/proc/stat') ?? '')?.[1];
	if (!ticks || !bootSeconds) return null;
	return Number(bootSeconds) * 1000 + Number(ticks) * 10;
}

/**
 * Whether the process named by a lock file is still the one that wrote it. Where /proc tells, it must be the same
 * boot and the same start time. A bare pid (written by servers before this one) cannot be the holder if its
 * process started after the file was written. Elsewhere a live pid counts.
 */
function holderIsLive(holder: LockHolder, writtenAtMs: number): boolean {
	if (!pidIsAlive(holder.pid)) return false;
	const now = identify(holder.pid);
	if (holder.bootId && now.bootId && holder.bootId !== now.bootId) return false;
	if (holder.startTicks && now.startTicks) return holder.startTicks === now.startTicks;
	const startedAt = processStartedAtMs(holder.pid);
	// a second of slack for the tick and btime rounding
	if (startedAt !== null && startedAt > writtenAtMs + 1000) return false;
	return true;
}

/** A lock file's holder; an unreadable or half-written file names nobody. Old servers wrote the bare pid. */
function parseHolder(text: string): LockHolder | null {
	const bare = /^\s*(\d+)\s*$/.exec(text);
	if (bare) return { pid: Number(bare[1]), startTicks: null, bootId: null };
	try {
		const parsed = JSON.parse(text) as Partial<LockHolder>;
		if (!Number.isInteger(parsed.pid) || parsed.pid! <= 0) return null;
		return { pid: parsed.pid!, startTicks: parsed.startTicks ?? null, bootId: parsed.bootId ?? null };
	} catch {
		return null;
	}
}

function writtenAtMs(file: string): number {
	try {
		return fs.statSync(file).mtimeMs;
	} catch {
		return Date.now();
	}
}

function readIfExists(file: string): string | null {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
}

/**
 * Takes DATA_DIR/hien-truong.lock for this process and returns its release. A lock whose holder is gone (dead pid,
 * or a pid now used by another process or another boot) is taken over with a warning; a live holder refuses.
 */
export function lockDataDir(dataDir: string, pid = process.pid): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const lockPath = path.join(dataDir, LOCK_FILE_NAME);
	const mine = JSON.stringify(identify(pid));
	// written whole to a private file, then linked into place: a reader never sees a half-written lock
	const draft = path.join(dataDir, `.${LOCK_FILE_NAME}.${pid}.${process.hrtime.bigint()}`);
	fs.writeFileSync(draft, mine);
	try {
		for (let attempt = 0; attempt < 5; attempt++) {
			try {
				fs.linkSync(draft, lockPath);
				return () => {
					try {
						if (fs.readFileSync(lockPath, 'utf8') === mine) fs.unlinkSync(lockPath);
					} catch {
						// already gone: nothing to release
					}
				};
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			}
			const found = readIfExists(lockPath);
			if (found === null) continue;
			const holder = parseHolder(found);
			if (holder && holder.pid !== pid && holderIsLive(holder, writtenAtMs(lockPath))) {
				throw new DataDirLockedError(
					`The data directory ${dataDir} is in use by another process (pid ${holder.pid}), which holds ${lockPath}. ` +
						`Stop it first, or set DATA_DIR to another directory. (Two processes on one PGlite directory corrupt it.)`
				);
			}
			takeOver(lockPath, found, holder);
		}
	} finally {
		fs.rmSync(draft, { force: true });
	}
	throw new DataDirLockedError(`Could not lock ${dataDir} (${lockPath} keeps changing: is another server starting?)`);
}

/**
 * Removes a stale lock, but only the one that was judged: it is moved aside first, and if what moved is not that
 * file (another process took the lock in between) it is put back.
 */
function takeOver(lockPath: string, judged: string, holder: LockHolder | null) {
	const aside = `${lockPath}.stale-${process.pid}-${process.hrtime.bigint()}`;
	try {
		fs.renameSync(lockPath, aside);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw err;
	}
	const moved = fs.readFileSync(aside, 'utf8');
	if (moved !== judged) {
		try {
			fs.linkSync(aside, lockPath);
		} catch {
			// someone holds the lock again: theirs stands, and the next attempt will see it
		}
		fs.rmSync(aside, { force: true });
		return;
	}
	fs.rmSync(aside, { force: true });
	console.warn(
		holder
			? `[start] taking over ${lockPath}: its holder (pid ${holder.pid}) is gone` +
					(pidIsAlive(holder.pid) ? ' (that pid now belongs to another process)' : '')
			: `[start] taking over ${lockPath}: it named no process`
	);
}
