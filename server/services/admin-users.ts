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

/** "Tổ Cáp Ngầm" as it is, "Đội 3" as "tổ Đội 3": a crew's name in a sentence. */
const crewVi = (name: string) => (/^tổ\s/i.test(name) ? name : `tổ ${name}`);
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const crewEn = (name: string) => `crew ${name}`;

const ROLE_WORDS: Record<UserRole, { vi: string; en: string }> = {
	crew: { vi: 'nhân viên tổ đội', en: 'crew member' },
	supervisor: { vi: 'giám sát', en: 'supervisor' },
	admin: { vi: 'quản trị', en: 'administrator' }
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
		if (!p.crewId) throw new DomainError('invalid_input', 'Nhân viên tổ đội phải thuộc một tổ', { crewId: 'Chọn tổ' });
		const crew = await crewById(db, p.crewId);
		if (!crew) throw new DomainError('invalid_input', 'Không có tổ này', { crewId: 'Chọn tổ' });
		if (crew.deactivatedAt) throw new DomainError('invalid_input', `${cap(crewVi(crew.name))} đã ngừng hoạt động`, { crewId: 'Chọn một tổ đang hoạt động' });
		return { role: 'crew', unitId: crew.unitId, crewId: crew.id };
	}
	if (p.role === 'supervisor' && !p.unitId) throw new DomainError('invalid_input', 'Giám sát phải thuộc một đơn vị', { unitId: 'Chọn đơn vị' });
	if (p.unitId && !(await unitById(db, p.unitId))) throw new DomainError('invalid_input', 'Không có đơn vị này', { unitId: 'Chọn đơn vị' });
	return { role: p.role, unitId: p.unitId, crewId: null };
}

export async function createUser(
	deps: AppDeps,
	actor: SessionUser,
	input: { fullName: string; username: string; role: UserRole; unitId: string | null; crewId: string | null; phone: string | null }
) {
	return deps.database.db.transaction(async (tx) => {
		const username = input.username.toLowerCase();
		if (await usernameTaken(tx, username)) throw new DomainError('username_taken', `Tên đăng nhập "${username}" đã có người dùng`, { username: 'Chọn tên đăng nhập khác' });
		const placement = await checkedPlacement({ ...deps, database: { ...deps.database, db: tx } }, input);
		const password = newPassword();
		const id = deps.newId();
		await insertUser(tx, { id, username, fullName: input.fullName, phone: input.phone, passwordHash: await hashPassword(password), createdAt: deps.clock(), ...placement });
		const role = ROLE_WORDS[placement.role];
		await recordChange(tx, deps, actor, 'user_created', {
			vi: `Tạo tài khoản ${input.fullName} (${username}), vai trò ${role.vi}`,
			en: `Created the account ${input.fullName} (${username}), role ${role.en}`
		}, { userId: id });
		return { id, username, password };
	});
}

/** Role, unit or crew of a user (moving a member between crews and units). */
export async function updateUserPlacement(deps: AppDeps, actor: SessionUser, userId: string, input: Placement & { fullName?: string }) {
	return deps.database.db.transaction(async (tx) => {
		const user = await userById(tx, userId);
		if (!user) throw new DomainError('not_found', 'Không tìm thấy tài khoản');
		if (user.role === 'admin' && input.role !== 'admin' && !user.disabledAt && (await otherActiveAdmins(tx, userId)) === 0) {
			throw new DomainError('last_admin', 'Đây là quản trị viên cuối cùng đang hoạt động: không thể đổi vai trò');
		}
		const placement = await checkedPlacement({ ...deps, database: { ...deps.database, db: tx } }, input);
		const fullName = input.fullName ?? user.fullName;
		await updateUser(tx, userId, { ...placement, fullName });
		const crewName = placement.crewId ? (await crewById(tx, placement.crewId))?.name : null;
		const role = ROLE_WORDS[placement.role];
		await recordChange(tx, deps, actor, 'user_updated', {
			vi: `Cập nhật tài khoản ${fullName} (${user.username}): vai trò ${role.vi}${crewName ? `, ${crewVi(crewName)}` : ''}`,
			en: `Updated the account ${fullName} (${user.username}): role ${role.en}${crewName ? `, crew ${crewName}` : ''}`
		}, { userId });
	});
}

export async function setUserDisabled(deps: AppDeps, actor: SessionUser, userId: string, disabled: boolean) {
	return deps.database.db.transaction(async (tx) => {
		const user = await userById(tx, userId);
		if (!user) throw new DomainError('not_found', 'Không tìm thấy tài khoản');
		if (disabled && user.role === 'admin' && (await otherActiveAdmins(tx, userId)) === 0) {
			throw new DomainError('last_admin', 'Đây là quản trị viên cuối cùng đang hoạt động: không thể khoá tài khoản này');
		}
		await updateUser(tx, userId, { disabledAt: disabled ? deps.clock() : null });
		if (disabled) await deleteSessionsOf(tx, userId);
		await recordChange(tx, deps, actor, disabled ? 'user_disabled' : 'user_enabled', disabled
			? { vi: `Khoá tài khoản ${user.fullName} (${user.username}); các phiên đăng nhập đã kết thúc`, en: `Disabled the account ${user.fullName} (${user.username}); its sessions ended` }
			: { vi: `Mở lại tài khoản ${user.fullName} (${user.username})`, en: `Enabled the account ${user.fullName} (${user.username})` }, { userId });
	});
}

/** A new password, shown once to the admin; the user's sessions end. */
export async function resetPassword(deps: AppDeps, actor: SessionUser, userId: string) {
	return deps.database.db.transaction(async (tx) => {
		const user = await userById(tx, userId);
		if (!user) throw new DomainError('not_found', 'Không tìm thấy tài khoản');
		const password = newPassword();
		await updateUser(tx, userId, { passwordHash: await hashPassword(password) });
		await deleteSessionsOf(tx, userId);
		await recordChange(tx, deps, actor, 'password_reset', {
			vi: `Đặt lại mật khẩu của ${user.fullName} (${user.username})`,
			en: `Reset the password of ${user.fullName} (${user.username})`
		}, { userId });
		return { username: user.username, password };
	});
}

/** A new unit (điện lực); its supervisors and crews are then put in it. The name is unique, whatever its case. */
export async function createUnit(deps: AppDeps, actor: SessionUser, input: { name: string; address: string; representative: string }) {
	return deps.database.db.transaction(async (tx) => {
		if (await unitNameTaken(tx, input.name)) throw new DomainError('invalid_input', `Đã có đơn vị tên "${input.name}"`, { name: 'Chọn tên khác' });
		const id = deps.newId();
		await insertUnit(tx, { id, name: input.name, address: input.address, representative: input.representative });
		await recordChange(tx, deps, actor, 'unit_created', { vi: `Tạo đơn vị ${input.name} (${input.address})`, en: `Created the unit ${input.name} (${input.address})` }, { unitId: id });
		return { id };
	});
}

export async function createCrew(deps: AppDeps, actor: SessionUser, input: { unitId: string; name: string }) {
	return deps.database.db.transaction(async (tx) => {
		const unit = await unitById(tx, input.unitId);
		if (!unit) throw new DomainError('invalid_input', 'Không có đơn vị này', { unitId: 'Chọn đơn vị' });
		if (await crewNameTaken(tx, input.unitId, input.name)) throw new DomainError('invalid_input', `Đơn vị đã có tổ tên "${input.name}"`, { name: 'Chọn tên khác' });
		const id = deps.newId();
		await insertCrew(tx, { id, unitId: input.unitId, name: input.name });
		await recordChange(tx, deps, actor, 'crew_created', { vi: `Tạo ${crewVi(input.name)} thuộc ${unit.name}`, en: `Created the ${crewEn(input.name)} in ${unit.name}` }, { crewId: id });
		return { id };
	});
}

export async function renameCrew(deps: AppDeps, actor: SessionUser, crewId: string, name: string) {
	return deps.database.db.transaction(async (tx) => {
		const crew = await crewById(tx, crewId);
		if (!crew) throw new DomainError('not_found', 'Không tìm thấy tổ');
		if (await crewNameTaken(tx, crew.unitId, name, crewId)) throw new DomainError('invalid_input', `Đơn vị đã có tổ tên "${name}"`, { name: 'Chọn tên khác' });
		await updateCrew(tx, crewId, { name });
		await recordChange(tx, deps, actor, 'crew_renamed', { vi: `Đổi tên ${crewVi(crew.name)} thành ${name}`, en: `Renamed the ${crewEn(crew.name)} to ${name}` }, { crewId });
	});
}

export async function deactivateCrew(deps: AppDeps, actor: SessionUser, crewId: string) {
	return deps.database.db.transaction(async (tx) => {
		const crew = await crewById(tx, crewId);
		if (!crew) throw new DomainError('not_found', 'Không tìm thấy tổ');
		if (crew.deactivatedAt) return;
		const open = await openJobsOfCrew(tx, crewId);
		if (open.length > 0) {
			const codes = [...new Set(open.map((j) => j.requestCode))];
			throw new DomainError('crew_has_open_jobs', `${cap(crewVi(crew.name))} còn ${open.length} công việc chưa xong (${codes.join(', ')}): hãy giao lại hoặc hoàn thành trước khi ngừng hoạt động tổ`);
		}
		await updateCrew(tx, crewId, { deactivatedAt: deps.clock() });
		await recordChange(tx, deps, actor, 'crew_deactivated', { vi: `Ngừng hoạt động ${crewVi(crew.name)}`, en: `Deactivated the ${crewEn(crew.name)}` }, { crewId });
	});
}
