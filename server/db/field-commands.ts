// The SQL the field commands' server modules run (server/services/field-commands/*): what a command writes
// besides its transition, and what it reads to decide.
import { desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from './database';
import { insertRowsStatement } from './bulk-insert';
import { customers, estimates, installations, requests } from './schema';

export type InstallationInsert = typeof installations.$inferInsert;

export async function insertInstallation(db: Db, row: InstallationInsert) {
	await db.insert(installations).values(row);
}

/** A push batch's installations in one INSERT (one array per column), in the commands' order. */
export function installationsStatement(db: Db, rows: readonly InstallationInsert[]): SQL | undefined {
	return insertRowsStatement(db, installations, rows);
}

/** The request's code and its customer's contacts, for a notice. */
export async function requestContact(db: Db, requestId: string) {
	const [row] = await db
		.select({ code: requests.code, customerId: requests.customerId, name: customers.fullName, phone: customers.phone, email: customers.email })
		.from(requests)
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.where(eq(requests.id, requestId));
	return row;
}

export async function latestEstimate(db: Db, requestId: string) {
	const [row] = await db.select().from(estimates).where(eq(estimates.requestId, requestId)).orderBy(desc(estimates.submittedAt)).limit(1);
	return row;
}

/** The request's state, version and whether it is installed, as the command left it. */
export async function requestProgress(db: Db, requestId: string) {
	const [row] = await db.select({ installed: requests.installed, state: requests.state, version: requests.version }).from(requests).where(eq(requests.id, requestId));
	return row;
}
