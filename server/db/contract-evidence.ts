// What the contract PDF's evidence page is read from, and where the utility's signed PDF is recorded.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from './database';
import { contracts, customers, requests, signingCodes, units } from './schema';

/** The request, its customer and its unit: the parties the PDF names. */
export async function contractParties(db: Db, requestId: string) {
	const [row] = await db
		.select({ code: requests.code, state: requests.state, serviceNumber: requests.serviceNumber, customerName: customers.fullName, customerPhone: customers.phone, unitId: units.id, unitName: units.name })
		.from(requests)
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.innerJoin(units, eq(units.id, requests.unitId))
		.where(eq(requests.id, requestId));
	return row;
}

/** Every contract code of the request (on site or portal, any status) with the version it was issued for, oldest first. */
export async function contractCodeHistory(db: Db, requestId: string) {
	return db
		.select({
			version: contracts.version,
			status: signingCodes.status,
			attempts: signingCodes.attempts,
			createdAt: signingCodes.createdAt,
			expiresAt: signingCodes.expiresAt,
			usedAt: signingCodes.usedAt
		})
		.from(signingCodes)
		.innerJoin(contracts, eq(contracts.id, signingCodes.subjectId))
		.where(and(eq(signingCodes.requestId, requestId), inArray(signingCodes.purpose, ['on_site', 'portal'])))
		.orderBy(asc(signingCodes.createdAt), asc(signingCodes.id));
}

/** The utility's digitally signed PDF of a version (a content-addressed blob). */
export async function setSignedPdf(db: Db, contractId: string, sha256: string) {
	await db.update(contracts).set({ signedPdfSha256: sha256 }).where(eq(contracts.id, contractId));
}
