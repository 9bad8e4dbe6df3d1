// Storage of the administration: users and crews as the administrator manages them, the dated price list, VAT rates,
// holidays and the record of every change (services/admin-*.ts hold the rules).
import { and, asc, count, desc, eq, gte, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from './database';
import { adminChanges, crews, holidays, jobs, materialPrices, requests, sessions, units, users, vatRates } from './schema';

// --- users -------------------------------------------------------------------------------------------------------

export async function listUsers(db: Db) {
	return db
		.select({
			id: users.id,
			username: users.username,
			fullName: users.fullName,
			role: users.role,
			unitId: users.unitId,
			unitName: units.name,
			crewId: users.crewId,
			crewName: crews.name,
			phone: users.phone,
			disabledAt: users.disabledAt,
			createdAt: users.createdAt
		})
		.from(users)
		.leftJoin(units, eq(units.id, users.unitId))
		.leftJoin(crews, eq(crews.id, users.crewId))
		.orderBy(asc(users.fullName), asc(users.username));
}

export async function userById(db: Db, id: string) {
	const [row] = await db.select().from(users).where(eq(users.id, id));
	return row;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
	const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
	return rows.length > 0;
}

export async function insertUser(db: Db, row: typeof users.$inferInsert) {
	await db.insert(users).values(row);
}

export async function updateUser(db: Db, id: string, set: Partial<typeof users.$inferInsert>) {
	await db.update(users).set(set).where(eq(users.id, id));
}

/** Active admins other than this user; the rows are locked so two admins cannot disable each other at once. */
export async function otherActiveAdmins(db: Db, exceptUserId: string): Promise<number> {
	const rows = await db
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, exceptUserId)))
		.for('update');
	return rows.length;
}

export async function deleteSessionsOf(db: Db, userId: string) {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

// --- units and crews -----------------------------------------------------------------------------------------------

export async function listUnits(db: Db) {
	return db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.name));
}

export async function unitById(db: Db, id: string) {
	const [row] = await db.select().from(units).where(eq(units.id, id));
	return row;
}

export async function listAllCrews(db: Db) {
	const members = db
		.select({ crewId: users.crewId, members: count().as('members') })
		.from(users)
		.where(isNull(users.disabledAt))
		.groupBy(users.crewId)
		.as('members');
	return db
		.select({ id: crews.id, name: crews.name, unitId: crews.unitId, unitName: units.name, deactivatedAt: crews.deactivatedAt, members: members.members })
		.from(crews)
		.innerJoin(units, eq(units.id, crews.unitId))
		.leftJoin(members, eq(members.crewId, crews.id))
		.orderBy(asc(units.name), asc(crews.name));
}

export async function crewById(db: Db, id: string) {
	const [row] = await db.select().from(crews).where(eq(crews.id, id));
	return row;
}

export async function unitNameTaken(db: Db, name: string): Promise<boolean> {
	const rows = await db.select({ id: units.id }).from(units).where(sql`lower(${units.name}) = lower(${name})`).limit(1);
	return rows.length > 0;
}

export async function crewNameTaken(db: Db, unitId: string, name: string, exceptCrewId?: string): Promise<boolean> {
	const rows = await db
		.select({ id: crews.id })
		.from(crews)
		.where(and(eq(crews.unitId, unitId), sql`lower(${crews.name}) = lower(${name})`, exceptCrewId ? ne(crews.id, exceptCrewId) : undefined))
		.limit(1);
	return rows.length > 0;
}

export async function insertUnit(db: Db, row: typeof units.$inferInsert) {
	await db.insert(units).values(row);
}

export async function insertCrew(db: Db, row: typeof crews.$inferInsert) {
	await db.insert(crews).values(row);
}

export async function updateCrew(db: Db, id: string, set: Partial<typeof crews.$inferInsert>) {
	await db.update(crews).set(set).where(eq(crews.id, id));
}

/** The crew's jobs still to do, with their request's code and customer, for the refusal's words. */
export async function openJobsOfCrew(db: Db, crewId: string) {
	return db
		.select({ jobId: jobs.id, requestCode: requests.code })
		.from(jobs)
		.innerJoin(requests, eq(requests.id, jobs.requestId))
		.where(and(eq(jobs.crewId, crewId), eq(jobs.status, 'assigned')))
		.orderBy(asc(requests.code));
}

// --- the price list, VAT, holidays ----------------------------------------------------------------------------------

export async function listMaterialPrices(db: Db) {
	return db.select().from(materialPrices).orderBy(asc(materialPrices.code), asc(materialPrices.effectiveFrom));
}

/** One entry per code and date: a second price for the same day replaces the first (a correction before it starts). */
export async function upsertMaterialPrice(db: Db, row: typeof materialPrices.$inferInsert) {
	await db
		.insert(materialPrices)
		.values(row)
		.onConflictDoUpdate({
			target: [materialPrices.code, materialPrices.effectiveFrom],
			set: { name: row.name, unit: row.unit, unitPrice: row.unitPrice, side: row.side, perMetre: row.perMetre, phases: row.phases, createdBy: row.createdBy, createdAt: row.createdAt }
		});
}

export async function listVatRates(db: Db) {
	return db.select().from(vatRates).orderBy(asc(vatRates.effectiveFrom));
}

export async function upsertVatRate(db: Db, row: typeof vatRates.$inferInsert) {
	await db.insert(vatRates).values(row).onConflictDoUpdate({ target: vatRates.effectiveFrom, set: { percent: row.percent, createdBy: row.createdBy, createdAt: row.createdAt } });
}

export async function listHolidays(db: Db) {
	return db.select({ date: holidays.date, name: holidays.name }).from(holidays).orderBy(asc(holidays.date));
}

export async function holidaysOfYear(db: Db, year: number) {
	return db
		.select({ date: holidays.date, name: holidays.name })
		.from(holidays)
		.where(and(gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`)))
		.orderBy(asc(holidays.date));
}

export async function insertHolidays(db: Db, rows: (typeof holidays.$inferInsert)[]) {
	if (rows.length === 0) return;
	await db.insert(holidays).values(rows).onConflictDoNothing();
}

export async function upsertHoliday(db: Db, row: typeof holidays.$inferInsert) {
	await db.insert(holidays).values(row).onConflictDoUpdate({ target: holidays.date, set: { name: row.name, createdBy: row.createdBy, createdAt: row.createdAt } });
}

export async function deleteHoliday(db: Db, date: string): Promise<boolean> {
	const rows = await db.delete(holidays).where(eq(holidays.date, date)).returning({ date: holidays.date });
	return rows.length > 0;
}

// --- the record of changes ------------------------------------------------------------------------------------------

export async function insertAdminChange(db: Db, row: typeof adminChanges.$inferInsert) {
	await db.insert(adminChanges).values(row);
}

export async function listAdminChanges(db: Db, limit: number) {
	return db
		.select({ id: adminChanges.id, at: adminChanges.at, kind: adminChanges.kind, wordsVi: adminChanges.wordsVi, wordsEn: adminChanges.wordsEn, actorName: users.fullName })
		.from(adminChanges)
		.innerJoin(users, eq(users.id, adminChanges.actorUserId))
		.orderBy(desc(adminChanges.id))
		.limit(limit);
}


