// Handovers: the work a crew did offline on a job taken from it, kept for the supervisor (server/services/handovers.ts).
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from './database';
import { crews, handovers, users } from './schema';

export type HandoverRow = typeof handovers.$inferSelect;

export async function insertHandover(db: Db, row: typeof handovers.$inferInsert) {
	await db.insert(handovers).values(row).onConflictDoNothing();
}

const toCrew = alias(crews, 'to_crew');

/** A request's handovers, oldest first, with the crews' and the crew member's names. */
export async function listRequestHandovers(db: Db, requestId: string) {
	return db
		.select({ handover: handovers, fromCrewName: crews.name, submittedByName: users.fullName, toCrewName: toCrew.name })
		.from(handovers)
		.innerJoin(crews, eq(crews.id, handovers.fromCrewId))
		.innerJoin(users, eq(users.id, handovers.submittedBy))
		.leftJoin(toCrew, eq(toCrew.id, handovers.toCrewId))
		.where(eq(handovers.requestId, requestId))
		.orderBy(asc(handovers.receivedAt), asc(handovers.id));
}

/** One handover with the names its history line needs, locked for the supervisor's decision. */
export async function lockHandover(db: Db, id: string) {
	const [row] = await db
		.select({ handover: handovers, fromCrewName: crews.name, submittedByName: users.fullName })
		.from(handovers)
		.innerJoin(crews, eq(crews.id, handovers.fromCrewId))
		.innerJoin(users, eq(users.id, handovers.submittedBy))
		.where(eq(handovers.id, id))
		.for('update', { of: handovers });
	return row;
}

export async function decideHandover(db: Db, id: string, patch: { status: 'accepted' | 'passed'; toCrewId: string; decidedBy: string; decidedAt: Date }) {
	await db.update(handovers).set(patch).where(eq(handovers.id, id));
}

/** The work passed to the crew that has the job now, by job (the latest passed one per job wins). */
export async function passedHandoversOf(db: Db, jobIds: string[], crewId: string) {
	if (jobIds.length === 0) return [];
	const rows = await db
		.select({ handover: handovers, fromCrewName: crews.name })
		.from(handovers)
		.innerJoin(crews, eq(crews.id, handovers.fromCrewId))
		.where(and(eq(handovers.status, 'passed'), eq(handovers.toCrewId, crewId), inArray(handovers.jobId, jobIds)))
		.orderBy(asc(handovers.decidedAt));
	return rows;
}
