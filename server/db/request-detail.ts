// What the supervisor's request detail reads (services/request-detail.ts), one query per section.
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from './database';
import { auditLog, blobs, crews, customers, jobs, payments, requestDocuments, requests, signatures, users } from './schema';

export async function requestWithCustomer(db: Db, requestId: string) {
	const [row] = await db.select({ request: requests, customer: customers }).from(requests).innerJoin(customers, eq(customers.id, requests.customerId)).where(eq(requests.id, requestId));
	return row;
}

/** The audit trail, oldest first, with the actor's name where a person acted. */
export async function auditTrail(db: Db, requestId: string) {
	return db
		.select({ at: auditLog.at, transition: auditLog.transition, fromState: auditLog.fromState, toState: auditLog.toState, actorRole: auditLog.actorRole, actorName: users.fullName, deviceId: auditLog.deviceId, lat: auditLog.lat, lng: auditLog.lng, detail: auditLog.detail })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorUserId))
		.where(eq(auditLog.requestId, requestId))
		.orderBy(asc(auditLog.id));
}

/** Crews' names by id (the history names a crew, never its id). */
export async function crewNamesByIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db.select({ id: crews.id, name: crews.name }).from(crews).where(inArray(crews.id, [...ids]));
	return new Map(rows.map((r) => [r.id, r.name]));
}

export async function requestJobs(db: Db, requestId: string) {
	return db.select({ job: jobs, crewName: crews.name }).from(jobs).innerJoin(crews, eq(crews.id, jobs.crewId)).where(eq(jobs.requestId, requestId)).orderBy(asc(jobs.scheduledAt));
}

export async function requestSignatures(db: Db, requestId: string) {
	return db.select().from(signatures).where(eq(signatures.requestId, requestId)).orderBy(asc(signatures.serverTime));
}

/** A contract version's signatures, in the order they were given. */
export async function contractSignatures(db: Db, contractId: string) {
	return db.select().from(signatures).where(eq(signatures.contractId, contractId)).orderBy(asc(signatures.serverTime));
}

export async function requestPayments(db: Db, requestId: string) {
	return db.select().from(payments).where(eq(payments.requestId, requestId)).orderBy(desc(payments.receivedAt));
}

/** The documents attached at intake, in the order the supervisor attached them. */
export async function requestDocumentsOf(db: Db, requestId: string) {
	return db
		.select({ sha256: blobs.sha256, mime: blobs.mime, size: blobs.size })
		.from(requestDocuments)
		.innerJoin(blobs, eq(blobs.sha256, requestDocuments.sha256))
		.where(eq(requestDocuments.requestId, requestId))
		.orderBy(asc(requestDocuments.attachedAt), asc(requestDocuments.position));
}

export async function requestCode(db: Db, requestId: string): Promise<string | undefined> {
	const [row] = await db.select({ code: requests.code }).from(requests).where(eq(requests.id, requestId));
	return row?.code;
}
