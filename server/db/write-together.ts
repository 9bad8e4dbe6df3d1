// A push batch's writes in one round trip: every statement a data-modifying CTE of one statement. The push holds the
// change lock from its requests' locks to its commit, so each round trip it saves there is time no other push waits.
// PostgreSQL runs every data-modifying CTE whether or not it is referenced, all on the statement's one snapshot: the
// statements given must not read what another of them writes, nor change a row another of them changes (each table
// here once). Constraints and triggers fire as for separate statements, and a failure aborts the whole statement.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './database';

/** A write built in server/db for a caller to send with others; services hold it without knowing its SQL. */
export type Statement = SQL;

/** Sends the statements (undefined: nothing to write) as one; none, nothing is sent. */
export async function writeTogether(db: Db, statements: readonly (Statement | undefined)[]): Promise<void> {
	const due = statements.filter((statement): statement is SQL => statement !== undefined);
	if (due.length === 0) return;
	if (due.length === 1) {
		await db.execute(due[0]!);
		return;
	}
	const parts = due.map((statement, i) => sql`${sql.raw(`w${i}`)} AS (${statement})`);
	await db.execute(sql`WITH ${sql.join(parts, sql`, `)} SELECT 1`);
}
