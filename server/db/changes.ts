// Change cursor for pulls. Writers take CHANGE_LOCK exclusively for the rest of their transaction
// before drawing from change_seq, readers take it shared: so a reader never sees seq N while a
// smaller seq is still uncommitted, and "everything up to the sequence's last value" is a safe cursor.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './database';

const CHANGE_LOCK = 727_002;

// Transactions known to hold CHANGE_LOCK already (it lasts until they end), so they skip asking again.
const lockHolders = new WeakSet<object>();

/** Takes the writers' change lock for the rest of the transaction (once per transaction object); only inside a transaction. */
export async function lockChanges(tx: Db): Promise<void> {
	if (lockHolders.has(tx)) return;
	await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHANGE_LOCK})`);
	lockHolders.add(tx);
}

export async function nextChangeSeq(tx: Db): Promise<number> {
	if (!lockHolders.has(tx)) {
		// one round trip: the lock is taken in the FROM clause before nextval is evaluated for the row
		const result = await tx.execute(sql`SELECT nextval('change_seq') AS seq FROM (SELECT pg_advisory_xact_lock(${CHANGE_LOCK})) AS change_lock`);
		return Number(rowsOf(result)[0]!.seq);
	}
	const result = await tx.execute(sql`SELECT nextval('change_seq') AS seq`);
	return Number(rowsOf(result)[0]!.seq);
}

/**
 * What a write sets change_seq to: nextval in the write's own statement when the transaction holds the change lock
 * already (one round trip instead of two), else a value drawn now under the lock.
 */
export async function changeSeqFor(tx: Db): Promise<SQL | number> {
	return lockHolders.has(tx) ? sql`nextval('change_seq')` : nextChangeSeq(tx);
}

/** Call first inside a read transaction; returns the highest change every reader may now see. */
export async function stableChangeCursor(tx: Db): Promise<number> {
	await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${CHANGE_LOCK})`);
	const result = await tx.execute(sql`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS seq FROM change_seq`);
	return Number(rowsOf(result)[0]!.seq);
}

/** PGlite and node-postgres both answer execute() with { rows }. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
	return (result as { rows: Record<string, unknown>[] }).rows;
}
