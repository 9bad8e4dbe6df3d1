// The SQL the demo seed (server/services/demo-seed.ts) runs beyond the shared inserts.
import { and, eq } from 'drizzle-orm';
import type { Db } from './database';
import { customers, jobs } from './schema';

type JobKind = typeof jobs.$inferSelect.kind;

/** The request's job of this kind (an open one when `status` is given). */
export async function findRequestJob(db: Db, requestId: string, kind: JobKind, status?: 'assigned') {
	const [row] = await db
		.select()
		.from(jobs)
		.where(status ? and(eq(jobs.requestId, requestId), eq(jobs.kind, kind), eq(jobs.status, status)) : and(eq(jobs.requestId, requestId), eq(jobs.kind, kind)));
	return row;
}

export async function scheduleJob(db: Db, id: string, scheduledAt: Date, notes: string | null) {
	await db.update(jobs).set({ scheduledAt, notes }).where(eq(jobs.id, id));
}

export async function findCustomer(db: Db, id: string) {
	const [row] = await db.select().from(customers).where(eq(customers.id, id));
	return row;
}
