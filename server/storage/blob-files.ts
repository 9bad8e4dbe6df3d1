// Photo bytes on disk, content-addressed: DATA_DIR/blobs/<first two hex>/<sha256>.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export function blobPath(blobDir: string, sha256: string): string {
	return path.join(blobDir, sha256.slice(0, 2), sha256);
}

/** Writes through a temporary file and a rename, so a crash never leaves a half-written blob under its hash. */
export async function writeBlobFile(blobDir: string, sha256: string, bytes: Uint8Array): Promise<void> {
	const target = blobPath(blobDir, sha256);
	await fs.mkdir(path.dirname(target), { recursive: true });
	const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
	const handle = await fs.open(temp, 'w');
	try {
		await handle.writeFile(bytes);
		await handle.sync();
	} finally {
		await handle.close();
	}
	await fs.rename(temp, target);
}

export async function readBlobFile(blobDir: string, sha256: string): Promise<Buffer | undefined> {
	try {
		return await fs.readFile(blobPath(blobDir, sha256));
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw err;
	}
}

export async function blobFileExists(blobDir: string, sha256: string): Promise<boolean> {
	try {
		await fs.access(blobPath(blobDir, sha256));
		return true;
	} catch {
		return false;
	}
}
