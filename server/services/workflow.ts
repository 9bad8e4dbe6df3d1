// Applies one workflow transition authoritatively: lock the request, run the shared domain rules,
// save the new state and version, and append the audit entry, all in the caller's transaction.
import { applyTransition, type Role, type TransitionName, type TransitionResult } from '../../src/lib/domain/workflow';
import type { Db } from '../db/database';
import type { AuditDetail } from '../db/schema';
import { lockChanges } from '../db/changes';
import { lockRequest, saveStateWithAudit, type RequestRow } from '../db/requests';
import { m } from '../../src/lib/paraglide/messages.js';
import { both } from '../../src/lib/text';

export interface Actor {
	userId: string | null;
	role: Role;
}

export interface TransitionInput {
	requestId: string;
	name: TransitionName;
	actor: Actor;
	at: Date;
	baseVersion?: number;
	deviceId?: string;
	location?: { lat: number; lng: number } | null;
	detail?: AuditDetail;
	/**
	 * Rows this transaction already locked (a push batch locks all its requests at once). Used instead of locking
	 * again, and kept up to date with the new state.
	 */
	locked?: Map<string, RequestRow>;
}

export type TransitionOutcome =
	| Extract<TransitionResult, { ok: true }>
	| Extract<TransitionResult, { ok: false }>
	| { ok: false; code: 'not_found'; reason: { vi: string; en: string } };

export async function transitionRequest(tx: Db, input: TransitionInput): Promise<TransitionOutcome> {
	// the change lock first: concurrent transitions queue on it before they touch any row
	await lockChanges(tx);
	const row = input.locked?.get(input.requestId) ?? (await lockRequest(tx, input.requestId));
	if (!row) {
		return {
			ok: false,
			code: 'not_found',
			reason: both(m.server_refusal_not_found)
		};
	}
	const snapshot = { state: row.state, version: row.version, installed: row.installed, serviceNumber: row.serviceNumber };
	const result = applyTransition(snapshot, input.name, input.actor.role, { baseVersion: input.baseVersion });
	if (!result.ok) return result;
	const { state, version, installed } = result.request;
	input.locked?.set(row.id, { ...row, state, version, installed, updatedAt: input.at });
	await saveStateWithAudit(tx, { id: row.id, state, version, installed, updatedAt: input.at }, auditEntryOf(input, result));
	return result;
}

/** The audit entry of an applied transition: who, when, where, from which state to which, with its detail. */
export function auditEntryOf(input: TransitionInput, result: Extract<TransitionResult, { ok: true }>) {
	return {
		requestId: input.requestId,
		at: input.at,
		actorUserId: input.actor.userId,
		actorRole: input.actor.role,
		transition: input.name,
		fromState: result.from,
		toState: result.to,
		version: result.request.version,
		deviceId: input.deviceId ?? null,
		lat: input.location?.lat ?? null,
		lng: input.location?.lng ?? null,
		detail: input.detail ?? null
	};
}
