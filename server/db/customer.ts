// SQL of the customers' own portal (/khach-hang): sign-in codes, sessions, uploads, and what a signed-in customer
// may read — only the requests, meters, contracts and notices of the customer rows their phone or email is on.
import { and, asc, desc, eq, gt, inArray, lt, max, or, sql } from 'drizzle-orm';
import type { Db } from './database';
import {
	auditLog,
	blobs,
	contracts,
	customerLoginCodes,
	customerSessions,
	customerUploads,
	customers,
	jobs,
	meters,
	notifications,
	requestDocuments,
	requests,
	signatures,
	units
} from './schema';

export type LoginCodeRow = typeof customerLoginCodes.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;

export async function insertLoginCode(db: Db, row: typeof customerLoginCodes.$inferInsert) {
	await db.insert(customerLoginCodes).values(row);
}

export async function supersedeLoginCodes(db: Db, identity: string) {
	await db
		.update(customerLoginCodes)
		.set({ status: 'superseded' })
		.where(and(eq(customerLoginCodes.identity, identity), eq(customerLoginCodes.status, 'active')));
}

/** The identity's active code, locked for this transaction (parallel guesses queue on it). */
export async function lockActiveLoginCode(db: Db, identity: string): Promise<LoginCodeRow | undefined> {
	const rows = await db
		.select()
		.from(customerLoginCodes)
		.where(and(eq(customerLoginCodes.identity, identity), eq(customerLoginCodes.status, 'active')))
		.orderBy(desc(customerLoginCodes.createdAt))
		.limit(1)
		.for('update');
	return rows[0];
}

export async function updateLoginCode(db: Db, id: string, patch: Partial<Pick<LoginCodeRow, 'attempts' | 'status' | 'usedAt'>>) {
	await db.update(customerLoginCodes).set(patch).where(eq(customerLoginCodes.id, id));
}

/** When the identity's codes were issued since `since`, newest first (the resend limits). */
export async function loginCodesIssuedSince(db: Db, identity: string, since: Date): Promise<Date[]> {
	const rows = await db
		.select({ at: customerLoginCodes.createdAt })
		.from(customerLoginCodes)
		.where(and(eq(customerLoginCodes.identity, identity), gt(customerLoginCodes.createdAt, since)))
		.orderBy(desc(customerLoginCodes.createdAt));
	return rows.map((r) => r.at);
}

export async function insertCustomerSession(db: Db, row: typeof customerSessions.$inferInsert) {
	await db.insert(customerSessions).values(row);
}

export async function findCustomerSession(db: Db, tokenHash: string, now: Date) {
	const rows = await db
		.select()
		.from(customerSessions)
		.where(and(eq(customerSessions.tokenHash, tokenHash), gt(customerSessions.expiresAt, now)))
		.limit(1);
	return rows[0];
}

export async function deleteCustomerSession(db: Db, tokenHash: string) {
	await db.delete(customerSessions).where(eq(customerSessions.tokenHash, tokenHash));
}

export async function deleteExpiredCustomerSessions(db: Db, now: Date) {
	await db.delete(customerSessions).where(lt(customerSessions.expiresAt, now));
}

/** The customer rows a phone number ("0912345678") or an email address (lower case) is on. */
export async function customersOfContact(db: Db, contact: { phone?: string; email?: string }): Promise<CustomerRow[]> {
	const where = contact.phone
		? or(eq(customers.phone, contact.phone), eq(customers.phone, `+84${contact.phone.slice(1)}`))
		: sql`lower(${customers.email}) = ${contact.email ?? ''}`;
	return db.select().from(customers).where(where).orderBy(asc(customers.id));
}

export async function requestsOfCustomers(db: Db, customerIds: string[]) {
	if (customerIds.length === 0) return [];
	return db
		.select({ request: requests, customerName: customers.fullName, unitName: units.name })
		.from(requests)
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.innerJoin(units, eq(units.id, requests.unitId))
		.where(inArray(requests.customerId, customerIds))
		.orderBy(desc(requests.receivedAt), desc(requests.id));
}

/** One request, only when it is one of these customers'. */
export async function customerRequest(db: Db, requestId: string, customerIds: string[]) {
	if (customerIds.length === 0) return undefined;
	const rows = await db
		.select({ request: requests, customer: customers, unitName: units.name })
		.from(requests)
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.innerJoin(units, eq(units.id, requests.unitId))
		.where(and(eq(requests.id, requestId), inArray(requests.customerId, customerIds)))
		.limit(1);
	return rows[0];
}

export async function auditOfRequest(db: Db, requestId: string) {
	return db.select().from(auditLog).where(eq(auditLog.requestId, requestId)).orderBy(asc(auditLog.at), asc(auditLog.id));
}

export async function documentsOfRequest(db: Db, requestId: string) {
	return db
		.select({ sha256: requestDocuments.sha256, mime: blobs.mime, size: blobs.size, attachedAt: requestDocuments.attachedAt })
		.from(requestDocuments)
		.innerJoin(blobs, eq(blobs.sha256, requestDocuments.sha256))
		.where(eq(requestDocuments.requestId, requestId))
		.orderBy(asc(requestDocuments.position));
}

export async function openJobsOfRequest(db: Db, requestId: string) {
	return db.select().from(jobs).where(eq(jobs.requestId, requestId)).orderBy(desc(jobs.scheduledAt));
}

/** The SMS and emails about these requests or sent to these addresses, newest first. */
export async function noticesOf(db: Db, input: { requestIds: string[]; recipients: string[]; limit: number }) {
	const conditions = [
		input.requestIds.length > 0 ? inArray(notifications.requestId, input.requestIds) : undefined,
		input.recipients.length > 0 ? inArray(notifications.recipient, input.recipients) : undefined
	].filter((c) => c !== undefined);
	if (conditions.length === 0) return [];
	return db
		.select({ notice: notifications, requestCode: requests.code })
		.from(notifications)
		.leftJoin(requests, eq(requests.id, notifications.requestId))
		.where(or(...conditions))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(input.limit);
}

export async function metersOfCustomers(db: Db, customerIds: string[]) {
	if (customerIds.length === 0) return [];
	return db.select().from(meters).where(inArray(meters.customerId, customerIds)).orderBy(asc(meters.serial));
}

export async function contractsOfRequests(db: Db, requestIds: string[]) {
	if (requestIds.length === 0) return [];
	return db.select().from(contracts).where(inArray(contracts.requestId, requestIds)).orderBy(desc(contracts.draftedAt));
}

export async function signaturesOfContracts(db: Db, contractIds: string[]) {
	if (contractIds.length === 0) return [];
	return db
		.select({ contractId: signatures.contractId, party: signatures.party, signedAt: signatures.serverTime })
		.from(signatures)
		.where(inArray(signatures.contractId, contractIds));
}

export async function insertCustomerUpload(db: Db, row: typeof customerUploads.$inferInsert) {
	await db.insert(customerUploads).values(row).onConflictDoNothing();
}

export async function uploadsOfIdentity(db: Db, identity: string, shas: string[]): Promise<Set<string>> {
	if (shas.length === 0) return new Set();
	const rows = await db
		.select({ sha256: customerUploads.sha256 })
		.from(customerUploads)
		.where(and(eq(customerUploads.identity, identity), inArray(customerUploads.sha256, shas)));
	return new Set(rows.map((r) => r.sha256));
}

/** Whether a file is a document of one of these requests. */
export async function isDocumentOfRequests(db: Db, sha256: string, requestIds: string[]) {
	if (requestIds.length === 0) return false;
	const rows = await db
		.select({ sha256: requestDocuments.sha256 })
		.from(requestDocuments)
		.where(and(eq(requestDocuments.sha256, sha256), inArray(requestDocuments.requestId, requestIds)))
		.limit(1);
	return rows.length > 0;
}

/** What the customer's live stream watches: their requests' and jobs' change numbers and their newest notice. */
export async function customerChangeMarker(db: Db, customerIds: string[], recipients: string[]): Promise<string> {
	if (customerIds.length === 0) return '0';
	const [r] = await db.select({ seq: max(requests.changeSeq) }).from(requests).where(inArray(requests.customerId, customerIds));
	const [j] = await db
		.select({ seq: max(jobs.changeSeq) })
		.from(jobs)
		.innerJoin(requests, eq(requests.id, jobs.requestId))
		.where(inArray(requests.customerId, customerIds));
	const [a] = await db
		.select({ id: max(auditLog.id) })
		.from(auditLog)
		.innerJoin(requests, eq(requests.id, auditLog.requestId))
		.where(inArray(requests.customerId, customerIds));
	const [n] = await db
		.select({ at: max(notifications.createdAt) })
		.from(notifications)
		.leftJoin(requests, eq(requests.id, notifications.requestId))
		.where(or(inArray(requests.customerId, customerIds), recipients.length > 0 ? inArray(notifications.recipient, recipients) : undefined));
	return `${r?.seq ?? 0}:${j?.seq ?? 0}:${a?.id ?? 0}:${n?.at ? new Date(n.at).getTime() : 0}`;
}
