// The record of the administration: who changed what and when, in words written at the time of the change (a later
// rename of a crew or a user does not rewrite what was done).
import type { SessionUser } from '../../src/lib/domain/api';
import type { AppDeps } from '../context';
import { insertAdminChange, listAdminChanges } from '../db/admin';
import type { Db } from '../db/database';
import { m } from '../../src/lib/paraglide/messages.js';

export type AdminChangeKind =
	| 'user_created'
	| 'user_updated'
	| 'user_disabled'
	| 'user_enabled'
	| 'password_reset'
	| 'unit_created'
	| 'crew_created'
	| 'crew_renamed'
	| 'crew_deactivated'
	| 'material_price_set'
	| 'vat_rate_set'
	| 'holiday_set'
	| 'holiday_removed';

export interface ChangeWords {
	vi: string;
	en: string;
}

export async function recordChange(db: Db, deps: Pick<AppDeps, 'clock'>, actor: SessionUser, kind: AdminChangeKind, words: ChangeWords, detail?: Record<string, unknown>) {
	await insertAdminChange(db, { at: deps.clock(), actorUserId: actor.id, kind, wordsVi: words.vi, wordsEn: words.en, detail: detail ?? null });
}

export async function recentChanges(db: Db, limit = 200) {
	const rows = await listAdminChanges(db, limit);
	return rows.map((r) => ({ at: r.at.toISOString(), actorName: r.actorName, words: { vi: r.wordsVi, en: r.wordsEn } }));
}

/** Money as people write it: "165.000 đồng". */
export const dong = (amount: number, locale: 'vi' | 'en') => m.server_money_dong({ amount: String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.') }, { locale });
/** 'YYYY-MM-DD' as dd/mm/yyyy. */
export const dayText = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
