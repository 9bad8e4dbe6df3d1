import { and, desc, eq, gt, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { anyOf } from './any-of';
import type { Db } from './database';
import { insertRowsStatement } from './bulk-insert';
import { contracts, customers, estimates, paymentRefusals, payments, portalLinks, requests, serverSecrets, signatures, signingCodes, units } from './schema';

export type ContractRow = typeof contracts.$inferSelect;
export type SigningCodeRow = typeof signingCodes.$inferSelect;
export type CodePurpose = SigningCodeRow['purpose'];

/**
 * A contract version has one code at a time whichever channel it was sent for (the crew's visit or the portal):
 * its purposes are one family. A meter check's code is its own.
 */
const CONTRACT_PURPOSES: CodePurpose[] = ['on_site', 'portal'];
export const purposesOf = (purpose: CodePurpose): CodePurpose[] => (purpose === 'meter_check' ? ['meter_check'] : CONTRACT_PURPOSES);

/** A named random secret, created once and shared by every API process through the database. */
export async function serverSecret(db: Db, name: string, generate: () => string, now: Date): Promise<string> {
	const stored = async () => (await db.select().from(serverSecrets).where(eq(serverSecrets.name, name)))[0]?.value;
	const known = await stored();
	if (known !== undefined) return known;
	// the first use: whichever process inserts first wins, and every other reads its secret
	await db.insert(serverSecrets).values({ name, value: generate(), createdAt: now }).onConflictDoNothing({ target: serverSecrets.name });
	return (await stored())!;
}

export async function findPaymentByTxn(db: Db, provider: string, txnId: string) {
	const rows = await db
		.select()
		.from(payments)
		.where(and(eq(payments.provider, provider), eq(payments.providerTxnId, txnId)))
		.limit(1);
	return rows[0];
}

export async function insertPayment(db: Db, row: typeof payments.$inferInsert) {
	await db.insert(payments).values(row);
}

export async function insertPaymentRefusal(db: Db, row: typeof paymentRefusals.$inferInsert) {
	await db.insert(paymentRefusals).values(row);
}

export async function findRequestByCode(db: Db, code: string) {
	const rows = await db.select().from(requests).where(eq(requests.code, code)).limit(1);
	return rows[0];
}

/** Everything the contract is rendered from: the request with its customer, its unit and its latest estimate (if any), in one query. */
export async function contractSources(db: Db, requestId: string) {
	return (await contractSourcesOf(db, [requestId])).get(requestId);
}

export type ContractSources = NonNullable<Awaited<ReturnType<typeof contractSources>>>;

/** contractSources of each of these requests, in one query (a push batch's installations'). */
export async function contractSourcesOf(db: Db, requestIds: readonly string[]) {
	if (requestIds.length === 0) return new Map<string, never>();
	const latestEstimate = sql`(SELECT e2.id FROM estimates e2 WHERE e2.request_id = ${requests.id} ORDER BY e2.submitted_at DESC LIMIT 1)`;
	const rows = await db
		.select({ request: requests, customer: customers, unit: units, estimate: estimates })
		.from(requests)
		.innerJoin(customers, eq(customers.id, requests.customerId))
		.innerJoin(units, eq(units.id, requests.unitId))
		.leftJoin(estimates, eq(estimates.id, latestEstimate))
		.where(anyOf(requests.id, requestIds));
	return new Map(rows.map((row) => [row.request.id, { ...row, estimate: row.estimate ?? undefined }]));
}

export async function latestContract(db: Db, requestId: string): Promise<ContractRow | undefined> {
	const rows = await db.select().from(contracts).where(eq(contracts.requestId, requestId)).orderBy(desc(contracts.version)).limit(1);
	return rows[0];
}

export async function latestContracts(db: Db, requestIds: string[]): Promise<ContractRow[]> {
	if (requestIds.length === 0) return [];
	return db
		.select()
		.from(contracts)
		.where(
			and(
				anyOf(contracts.requestId, requestIds),
				sql`${contracts.version} = (SELECT max(c2.version) FROM contracts c2 WHERE c2.request_id = ${contracts.requestId})`
			)
		);
}

export async function listContractVersions(db: Db, requestId: string): Promise<ContractRow[]> {
	return db.select().from(contracts).where(eq(contracts.requestId, requestId)).orderBy(contracts.version);
}

export async function insertContract(db: Db, row: typeof contracts.$inferInsert) {
	await db.insert(contracts).values(row);
}

export async function insertSigningCode(db: Db, row: typeof signingCodes.$inferInsert) {
	await db.insert(signingCodes).values(row);
}

/** Older active codes of the same subject (a contract version: whatever channel) stop working when a new one is issued. */
export async function supersedeActiveCodes(db: Db, subjectId: string, purpose: CodePurpose) {
	await db
		.update(signingCodes)
		.set({ status: 'superseded' })
		.where(and(eq(signingCodes.subjectId, subjectId), inArray(signingCodes.purpose, purposesOf(purpose)), eq(signingCodes.status, 'active')));
}

/** A new contract version: the active codes of the request's other versions stop working. */
export async function supersedeOtherVersionCodes(db: Db, requestId: string, keepSubjectId: string) {
	await db
		.update(signingCodes)
		.set({ status: 'superseded' })
		.where(
			and(
				eq(signingCodes.requestId, requestId),
				inArray(signingCodes.purpose, CONTRACT_PURPOSES),
				ne(signingCodes.subjectId, keepSubjectId),
				eq(signingCodes.status, 'active')
			)
		);
}

/** The request's contract codes (any status) with the version each was issued for, to name an earlier version's code. */
export async function contractCodesOfRequest(db: Db, requestId: string) {
	return db
		.select({ subjectId: signingCodes.subjectId, codeHash: signingCodes.codeHash, version: contracts.version })
		.from(signingCodes)
		.innerJoin(contracts, eq(contracts.id, signingCodes.subjectId))
		.where(and(eq(signingCodes.requestId, requestId), inArray(signingCodes.purpose, CONTRACT_PURPOSES)));
}

/** Active codes of a subject (a contract version: whatever channel), locked for the check (attempt counting must not race). */
export async function lockActiveCodes(db: Db, subjectId: string, purpose: CodePurpose): Promise<SigningCodeRow[]> {
	return db
		.select()
		.from(signingCodes)
		.where(and(eq(signingCodes.subjectId, subjectId), inArray(signingCodes.purpose, purposesOf(purpose)), eq(signingCodes.status, 'active')))
		.orderBy(desc(signingCodes.createdAt))
		.for('update');
}

/** The active codes of these requests (a push batch's), locked for their checks, newest first: one query for the batch. */
export async function lockActiveCodesOfRequests(db: Db, requestIds: readonly string[]): Promise<SigningCodeRow[]> {
	if (requestIds.length === 0) return [];
	return db
		.select()
		.from(signingCodes)
		.where(and(anyOf(signingCodes.requestId, [...requestIds]), eq(signingCodes.status, 'active')))
		.orderBy(desc(signingCodes.createdAt))
		.for('update');
}

export async function updateSigningCode(db: Db, id: string, patch: Partial<Pick<SigningCodeRow, 'attempts' | 'status' | 'usedAt'>>) {
	await db.update(signingCodes).set(patch).where(eq(signingCodes.id, id));
}

export async function latestCodeIssuedAt(db: Db, subjectId: string, purpose: CodePurpose): Promise<Date | undefined> {
	const rows = await db
		.select({ at: signingCodes.createdAt })
		.from(signingCodes)
		.where(and(eq(signingCodes.subjectId, subjectId), eq(signingCodes.purpose, purpose)))
		.orderBy(desc(signingCodes.createdAt))
		.limit(1);
	return rows[0]?.at;
}

export async function insertPortalLink(db: Db, row: typeof portalLinks.$inferInsert) {
	await db.insert(portalLinks).values(row);
}

export async function findPortalLink(db: Db, tokenHash: string) {
	const rows = await db.select().from(portalLinks).where(eq(portalLinks.tokenHash, tokenHash)).limit(1);
	return rows[0];
}

export async function insertSignature(db: Db, row: typeof signatures.$inferInsert) {
	await db.insert(signatures).values(row);
}

/** A push batch's on-site signatures in one INSERT (one array per column), in the commands' order. */
export function signaturesStatement(db: Db, rows: readonly (typeof signatures.$inferInsert)[]): SQL | undefined {
	return insertRowsStatement(db, signatures, rows);
}

export async function findSignature(db: Db, contractId: string, party: 'customer' | 'utility') {
	const rows = await db
		.select()
		.from(signatures)
		.where(and(eq(signatures.contractId, contractId), eq(signatures.party, party)))
		.limit(1);
	return rows[0];
}

export async function countCodesIssuedSince(db: Db, requestId: string, purpose: CodePurpose, since: Date): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(signingCodes)
		.where(and(eq(signingCodes.requestId, requestId), eq(signingCodes.purpose, purpose), gt(signingCodes.createdAt, since)));
	return row?.n ?? 0;
}
