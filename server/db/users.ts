import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from './database';
import { crews, sessions, users } from './schema';

export type UserRow = typeof users.$inferSelect & { crewName: string | null };

const userColumns = {
	id: users.id,
	username: users.username,
	passwordHash: users.passwordHash,
	fullName: users.fullName,
	role: users.role,
	unitId: users.unitId,
	crewId: users.crewId,
	phone: users.phone,
	createdAt: users.createdAt,
	disabledAt: users.disabledAt,
	crewName: crews.name
};

/** A user who may log in (a disabled account reads as unknown). */
export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
	const rows = await db
		.select(userColumns)
		.from(users)
		.leftJoin(crews, eq(crews.id, users.crewId))
		.where(and(eq(users.username, username), isNull(users.disabledAt)))
		.limit(1);
	return rows[0];
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
	await db.insert(sessions).values(row);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** The user behind a live session, or undefined when the token is unknown or expired. */
export async function findUserBySession(db: Db, tokenHash: string, now: Date): Promise<UserRow | undefined> {
	const rows = await db
		.select(userColumns)
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.leftJoin(crews, eq(crews.id, users.crewId))
		.where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
		.limit(1);
	return rows[0];
}

/** When a session ends by itself (its expiry); undefined for an unknown token. */
export async function sessionExpiry(db: Db, tokenHash: string): Promise<Date | undefined> {
	const rows = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
	return rows[0]?.expiresAt;
}
