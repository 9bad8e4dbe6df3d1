// Users and crews as the administrator manages them. Rules: a username is unique (case aside); a crew member belongs
// to an active crew and its unit; the last active admin cannot be disabled or lose the role; a disabled user's
// sessions end at once; a crew is deactivated only when it has no open job (the refusal names them).
import { randomInt } from 'node:crypto';
import type { SessionUser, UserRole } from '../../src/lib/domain/api';
import type { AppDeps } from '../context';
import { hashPassword } from '../auth/password';
import {
	crewById,
	crewNameTaken,
	deleteSessionsOf,
	insertCrew,
	insertUnit,
	insertUser,
	listAllCrews,
	listUnits,
	listUsers,
	openJobsOfCrew,
	otherActiveAdmins,
	unitById,
	unitNameTaken,
	updateCrew,
	updateUser,
	userById,
	usernameTaken
} from '../db/admin';
import { recordChange } from './admin-changes';
import { DomainError } from './domain-error';
import { both, bothBy, type Text } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';

/** A crew's name in a sentence: "Tổ Cáp Ngầm" as it is, "Đội 3" as "tổ Đội 3" (in English "crew Đội 3"). */
const crewWords = (name: string): Text => {
	const named = both(m.server_admin_crew, { name });
	return /^tổ\s/i.test(name) ? { vi: name, en: named.en } : named;
};
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
/** A crew's name opening a sentence. */
const crewOpening = (name: string): Text => {
	const words = crewWords(name);
	return { vi: cap(words.vi), en: cap(words.en) };
};

const ROLE_WORDS: Record<UserRole, () => Text> = {
	crew: () => both(m.server_admin_role_crew),
	supervisor: () => both(m.server_admin_role_supervisor),
	admin: () => both(m.server_admin_role_admin)
};

export async function adminOverview(deps: AppDeps) {
	const db = deps.database.db;
	const [userRows, crewRows, unitRows] = await Promise.all([listUsers(db), listAllCrews(db), listUnits(db)]);
	return {
		users: userRows.map((u) => ({ ...u, disabledAt: u.disabledAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() })),
		crews: crewRows.map((c) => ({ ...c, members: Number(c.members ?? 0), deactivatedAt: c.deactivatedAt?.toISOString() ?? null })),
		units: unitRows
	};
}

/** A password to hand over once: 12 characters without look-alikes (no 0/O, 1/l/I). */
function newPassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
	let out = '';
	for (let i = 0; i < 12; i++) out += alphabet[randomInt(alphabet.length)];
	return out;
}

interface Placement {
	role: UserRole;
	unitId: string | null;
	crewId: string | null;
}

/** Checks where a user is put: a crew member needs an active crew (its unit is the crew's), a supervisor a unit. */
async function checkedPlacement(deps: AppDeps, p: Placement): Promise<Placement> {
	const db = deps.database.db;
	if (p.role === 'crew') {
		if (!p.crewId) throw new DomainError('invalid_input', both(m.server_admin_crewMemberNeedsCrew), { crewId: both(m.server_admin_chooseCrew) });
		const crew = await crewById(db, p.crewId);
		if (!crew) throw new DomainError('invalid_input', both(m.server_admin_noSuchCrew), { crewId: both(m.server_admin_chooseCrew) });
		if (crew.deactivatedAt) throw new DomainError('invalid_input', bothBy(m.server_admin_crewDeactivated, (locale) => ({ crew: crewOpening(crew.name)[locale] })), { crewId: both(m.server_admin_chooseActiveCrew) });
		return { role: 'crew', unitId: crew.unitId, crewId: crew.id };
	}
	if (p.role === 'supervisor' && !p.unitId) throw new DomainError('invalid_input', both(m.server_admin_supervisorNeedsUnit), { unitId: both(m.server_admin_chooseUnit) });
	if (p.unitId && !(await unitById(db, p.unitId))) throw new DomainError('invalid_input', both(m.server_admin_noSuchUnit), { unitId: both(m.server_admin_chooseUnit) });
	return { role: p.role, unitId: p.unitId, crewId: null };
}

export async function createUser(
	deps: AppDeps,
	actor: SessionUser,
	input: { fullName: string; username: string; role: UserRole; unitId: string | null; crewId: string | null; phone: string | null }
) {
	return deps.database.db.transaction(async (tx) => {
		const username = input.username.toLowerCase();
		if (await usernameTaken(tx, username)) throw new DomainError('username_taken', both(m.server_admin_usernameTaken, { username }), { username: both(m.server_admin_chooseOtherUsername) });
		const placement = await checkedPlacement({ ...deps, database: { ...deps.database, db: tx } }, input);
		const password = newPassword();
		const id = deps.newId();
		await insertUser(tx, { id, username, fullName: input.fullName, phone: input.phone, passwordHash: await hashPassword(password), createdAt: deps.clock(), ...placement });
		const role = ROLE_WORDS[placement.role]();
		await recordChange(tx, deps, actor, 'user_created', bothBy(m.server_admin_userCreated, (locale) => ({ fullName: input.fullName, username, role: role[locale] })), { userId: id });
		return { id, username, password };
	});
}

/** Role, unit or crew of a user (moving a member between crews and units). */
export async function updateUserPlacement(deps: AppDeps, actor: SessionUser, userId: string, input: Placement & { fullName?: string }) {
	return deps.database.db.transaction(async (tx) => {
		const user = await userById(tx, userId);
		if (!user) throw new DomainError('not_found', both(m.server_admin_userNotFound));
		if (user.role === 'admin' && input.role !== 'admin' && !user.disabledAt && (await otherActiveAdmins(tx, userId)) === 0) {
			throw new DomainError('last_admin', both(m.server_admin_lastAdminRole));
		}
		const placement = await checkedPlacement({ ...deps, database: { ...deps.database, db: tx } }, input);
		const fullName = input.fullName ?? user.fullName;
		await updateUser(tx, userId, { ...placement, fullName });
		const crewName = placement.crewId ? (await crewById(tx, placement.crewId))?.name : null;
		const role = ROLE_WORDS[placement.role]();
		const words = crewName
			? bothBy(m.server_admin_userUpdatedCrew, (locale) => ({ fullName, username: user.username, role: role[locale], crew: crewWords(crewName)[locale] }))
			: bothBy(m.server_admin_userUpdated, (locale) => ({ fullName, username: user.username, role: role[locale] }));
		await recordChange(tx, deps, actor, 'user_updated', words, { userId });
	});
}

export async function setUserDisabled(deps: AppDeps, actor: SessionUser, userId: string, disabled: boolean) {
	return deps.database.db.transaction(async (tx) => {
		const user = await userById(tx, userId);
		if (!user) throw new DomainError('not_found', both(m.server_admin_userNotFound));
		if (disabled && user.role === 'admin' && (await otherActiveAdmins(tx, userId)) === 0) {
			throw new DomainError('last_admin', both(m.server_admin_lastAdminDisable));
		}
		await updateUser(tx, userId, { disabledAt: disabled ? deps.clock() : null });
		if (disabled) await deleteSessionsOf(tx, userId);
		const who = { fullName: user.fullName, username: user.username };
		await recordChange(tx, deps, actor, disabled ? 'user_disabled' : 'user_enabled', both(disabled ? m.server_admin_userDisabled : m.server_admin_userEnabled, who), { userId });
	});
}

/** A new password, shown once to the admin; the user's sessions end. */
export async function resetPassword(deps: AppDeps, actor: SessionUser, userId: string) {
	return deps.database.db.transaction(async (tx) => {
		const user = await userById(tx, userId);
		if (!user) throw new DomainError('not_found', both(m.server_admin_userNotFound));
		const password = newPassword();
		await updateUser(tx, userId, { passwordHash: await hashPassword(password) });
		await deleteSessionsOf(tx, userId);
		await recordChange(tx, deps, actor, 'password_reset', both(m.server_admin_passwordReset, { fullName: user.fullName, username: user.username }), { userId });
		return { username: user.username, password };
	});
}

/** A new unit (điện lực); its supervisors and crews are then put in it. The name is unique, whatever its case. */
export async function createUnit(deps: AppDeps, actor: SessionUser, input: { name: string; address: string; representative: string }) {
	return deps.database.db.transaction(async (tx) => {
		if (await unitNameTaken(tx, input.name)) throw new DomainError('invalid_input', both(m.server_admin_unitNameTaken, { name: input.name }), { name: both(m.server_admin_chooseOtherName) });
		const id = deps.newId();
		await insertUnit(tx, { id, name: input.name, address: input.address, representative: input.representative });
		await recordChange(tx, deps, actor, 'unit_created', both(m.server_admin_unitCreated, { name: input.name, address: input.address }), { unitId: id });
		return { id };
	});
}

export async function createCrew(deps: AppDeps, actor: SessionUser, input: { unitId: string; name: string }) {
	return deps.database.db.transaction(async (tx) => {
		const unit = await unitById(tx, input.unitId);
		if (!unit) throw new DomainError('invalid_input', both(m.server_admin_noSuchUnit), { unitId: both(m.server_admin_chooseUnit) });
		if (await crewNameTaken(tx, input.unitId, input.name)) throw new DomainError('invalid_input', both(m.server_admin_crewNameTaken, { name: input.name }), { name: both(m.server_admin_chooseOtherName) });
		const id = deps.newId();
		await insertCrew(tx, { id, unitId: input.unitId, name: input.name });
		await recordChange(tx, deps, actor, 'crew_created', bothBy(m.server_admin_crewCreated, (locale) => ({ crew: crewWords(input.name)[locale], unit: unit.name })), { crewId: id });
		return { id };
	});
}

export async function renameCrew(deps: AppDeps, actor: SessionUser, crewId: string, name: string) {
	return deps.database.db.transaction(async (tx) => {
		const crew = await crewById(tx, crewId);
		if (!crew) throw new DomainError('not_found', both(m.server_admin_crewNotFound));
		if (await crewNameTaken(tx, crew.unitId, name, crewId)) throw new DomainError('invalid_input', both(m.server_admin_crewNameTaken, { name }), { name: both(m.server_admin_chooseOtherName) });
		await updateCrew(tx, crewId, { name });
		await recordChange(tx, deps, actor, 'crew_renamed', bothBy(m.server_admin_crewRenamed, (locale) => ({ crew: crewWords(crew.name)[locale], name })), { crewId });
	});
}

export async function deactivateCrew(deps: AppDeps, actor: SessionUser, crewId: string) {
	return deps.database.db.transaction(async (tx) => {
		const crew = await crewById(tx, crewId);
		if (!crew) throw new DomainError('not_found', both(m.server_admin_crewNotFound));
		if (crew.deactivatedAt) return;
		const open = await openJobsOfCrew(tx, crewId);
		if (open.length > 0) {
			const codes = [...new Set(open.map((j) => j.requestCode))];
			throw new DomainError('crew_has_open_jobs', bothBy(m.server_admin_crewHasOpenJobs, (locale) => ({ crew: crewOpening(crew.name)[locale], count: open.length, codes: codes.join(', ') })));
		}
		await updateCrew(tx, crewId, { deactivatedAt: deps.clock() });
		await recordChange(tx, deps, actor, 'crew_deactivated', bothBy(m.server_admin_crewDeactivatedChange, (locale) => ({ crew: crewWords(crew.name)[locale] })), { crewId });
	});
}
