import type { SessionUser, LoginResponse } from '../../src/lib/domain/api';
import { hashPassword, verifyPassword } from '../auth/password';
import { hashToken, newToken } from '../auth/tokens';
import type { Db } from '../db/database';
import { deleteSession, findUserBySession, findUserByUsername, insertSession, type UserRow } from '../db/users';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';

// Compared against when the username is unknown, so both failures take the same time.
const DUMMY_HASH = hashPassword('not-a-password');

export function toSessionUser(row: UserRow): SessionUser {
	return {
		id: row.id,
		username: row.username,
		fullName: row.fullName,
		role: row.role,
		crewId: row.crewId,
		crewName: row.crewName,
		unitId: row.unitId
	};
}

export async function login(
	db: Db,
	input: { username: string; password: string },
	now: Date,
	tokenTtlMs: number
): Promise<LoginResponse> {
	const user = await findUserByUsername(db, input.username.toLowerCase());
	const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH));
	if (!user || !ok) {
		throw new DomainError('bad_credentials', both(m.server_refusal_badCredentials));
	}
	const token = newToken();
	const expiresAt = new Date(now.getTime() + tokenTtlMs);
	await insertSession(db, { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
	return { token, expiresAt: expiresAt.toISOString(), user: toSessionUser(user) };
}

export async function authenticate(db: Db, token: string, now: Date): Promise<SessionUser | undefined> {
	const user = await findUserBySession(db, hashToken(token), now);
	return user && toSessionUser(user);
}

export async function logout(db: Db, token: string): Promise<void> {
	await deleteSession(db, hashToken(token));
}
