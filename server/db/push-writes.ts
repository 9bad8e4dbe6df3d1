// Set-based writes of a push batch (docs/sync-protocol.md, "How a batch is written"): the requests' new states in one
// UPDATE … FROM unnest, and their audit entries in one INSERT … SELECT FROM unnest, in the commands' order. Each is
// a statement the batch sends with its other writes (writeTogether); the caller holds the change lock and the
// requests' row locks (the push transaction).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './database';
import type { RequestState } from '../../src/lib/domain/workflow';
import { estimates, type auditLog, type signingCodes } from './schema';
import { insertRowsStatement } from './bulk-insert';

export interface RequestStatePatch {
	id: string;
	state: RequestState;
	version: number;
	installed: boolean;
	updatedAt: Date;
}

export type AuditInsert = Omit<typeof auditLog.$inferInsert, 'id'>;

// one bound parameter holding the whole array (a bare array in sql`` would expand into a list)
const pgArray = (values: readonly (string | number | boolean | null)[]) => sql.param([...values]);

/** Every request's last state of the batch (one row per request). */
export function requestStatesStatement(patches: readonly RequestStatePatch[]): SQL | undefined {
	if (patches.length === 0) return undefined;
	return sql`
			UPDATE requests r
			SET state = u.state::request_state, version = u.version, installed = u.installed, updated_at = u.updated_at, change_seq = nextval('change_seq')
			FROM unnest(${pgArray(patches.map((p) => p.id))}::text[], ${pgArray(patches.map((p) => p.state))}::text[],
				${pgArray(patches.map((p) => p.version))}::int[], ${pgArray(patches.map((p) => p.installed))}::boolean[],
				${pgArray(patches.map((p) => p.updatedAt.toISOString()))}::timestamptz[]) AS u(id, state, version, installed, updated_at)
			WHERE r.id = u.id`;
}

/** Every audit entry of the batch, in order. */
export function auditsStatement(audits: readonly AuditInsert[]): SQL | undefined {
	if (audits.length === 0) return undefined;
	const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
	return sql`
			INSERT INTO audit_log (request_id, at, actor_user_id, actor_role, transition, from_state, to_state, version, device_id, lat, lng, detail)
			SELECT a.request_id, a.at, a.actor_user_id, a.actor_role, a.transition, a.from_state::request_state, a.to_state::request_state, a.version,
				a.device_id, a.lat, a.lng, a.detail::jsonb
			FROM unnest(${pgArray(audits.map((a) => a.requestId))}::text[], ${pgArray(audits.map((a) => a.at.toISOString()))}::timestamptz[],
				${pgArray(audits.map((a) => a.actorUserId ?? null))}::text[], ${pgArray(audits.map((a) => a.actorRole))}::text[],
				${pgArray(audits.map((a) => a.transition))}::text[], ${pgArray(audits.map((a) => a.fromState ?? null))}::text[],
				${pgArray(audits.map((a) => a.toState))}::text[], ${pgArray(audits.map((a) => a.version))}::int[],
				${pgArray(audits.map((a) => a.deviceId ?? null))}::text[], ${pgArray(audits.map((a) => a.lat ?? null))}::float8[],
				${pgArray(audits.map((a) => a.lng ?? null))}::float8[], ${pgArray(audits.map((a) => json(a.detail)))}::text[])
				WITH ORDINALITY AS a(request_id, at, actor_user_id, actor_role, transition, from_state, to_state, version, device_id, lat, lng, detail, ord)
			ORDER BY a.ord`;
}

/** The batch's estimates in one INSERT (one array per column), in the commands' order. */
export function estimatesStatement(db: Db, rows: readonly (typeof estimates.$inferInsert)[]): SQL | undefined {
	return insertRowsStatement(db, estimates, rows);
}

/** Jobs done in one UPDATE … FROM unnest, each with a fresh change number (the caller holds the change lock). */
export function jobsDoneStatement(done: ReadonlyMap<string, Date>): SQL | undefined {
	if (done.size === 0) return undefined;
	const ids = [...done.keys()];
	return sql`
		UPDATE jobs j SET status = 'done', updated_at = u.updated_at, change_seq = nextval('change_seq')
		FROM unnest(${pgArray(ids)}::text[], ${pgArray(ids.map((id) => done.get(id)!.toISOString()))}::timestamptz[]) AS u(id, updated_at)
		WHERE j.id = u.id`;
}

/** Of these photos, those a member of the crew uploaded (the crew's own, whatever command names them): one query per batch. */
export async function photosOfCrew(db: Db, crewId: string, shas: readonly string[]): Promise<Set<string>> {
	if (shas.length === 0 || !crewId) return new Set();
	const result = await db.execute(sql`
		SELECT b.sha256 FROM blobs b JOIN users u ON u.id = b.uploaded_by
		WHERE u.crew_id = ${crewId} AND b.sha256 = ANY(${pgArray(shas)}::text[])`);
	return new Set((result as unknown as { rows: Array<{ sha256: string }> }).rows.map((r) => String(r.sha256)));
}

/** Signing codes' attempts, status and use as a push batch's checks left them, in one UPDATE … FROM unnest. */
export function codeAttemptsStatement(rows: readonly Pick<typeof signingCodes.$inferSelect, 'id' | 'attempts' | 'status' | 'usedAt'>[]): SQL | undefined {
	if (rows.length === 0) return undefined;
	return sql`
		UPDATE signing_codes s SET attempts = u.attempts, status = u.status, used_at = u.used_at
		FROM unnest(${pgArray(rows.map((r) => r.id))}::text[], ${pgArray(rows.map((r) => r.attempts))}::int[], ${pgArray(rows.map((r) => r.status))}::text[],
			${pgArray(rows.map((r) => r.usedAt?.toISOString() ?? null))}::timestamptz[]) AS u(id, attempts, status, used_at)
		WHERE s.id = u.id`;
}
