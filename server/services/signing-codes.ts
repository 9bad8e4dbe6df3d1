// One-time signing codes (steps 9–11). The server keeps only an HMAC of each code under a secret shared
// through the database, compares in constant time, counts attempts, expires and locks codes.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import type { Label } from '../../src/lib/domain/workflow';
import type { Db } from '../db/database';
import { writeTogether, type Statement } from '../db/write-together';
import {
	contractCodesOfRequest,
	countCodesIssuedSince,
	insertSigningCode,
	latestCodeIssuedAt,
	lockActiveCodes,
	lockActiveCodesOfRequests,
	purposesOf,
	serverSecret,
	supersedeActiveCodes,
	supersedeOtherVersionCodes,
	updateSigningCode,
	type SigningCodeRow
} from '../db/contracts';
import { codeAttemptsStatement } from '../db/push-writes';
import { DomainError } from './domain-error';
import type { Runtime } from './clock';

import type { CodePurpose } from '../db/contracts';
import { m } from '../../src/lib/paraglide/messages.js';
import { both } from '../../src/lib/text';

export interface CodePolicy {
	onSiteTtlMs: number;
	portalTtlMs: number;
	maxAttempts: number;
}

/** Resend limits, per request and purpose, for every kind of code. */
export const CODE_RESEND_MIN_INTERVAL_MS = 60_000;
export const CODES_PER_HOUR = 5;

export const DEFAULT_CODE_POLICY: CodePolicy = {
	onSiteTtlMs: 7 * 24 * 3_600_000,
	portalTtlMs: 10 * 60_000,
	maxAttempts: 5
};

const randomFiveDigits = () => String(randomInt(0, 100_000)).padStart(5, '0');

/** Where a caller that checks many codes in one transaction (a push batch) keeps the key once read. */
export interface CodeKeyMemo {
	codeKey?: Promise<string>;
}

/** The key codes are hashed with; with a memo, read once for the transaction (a push batch reads it before its change lock). */
export async function codeKey(tx: Db, now: Date, memo?: CodeKeyMemo): Promise<string> {
	// a server secret is written once and never changed: read in this transaction, it holds for the rest of it
	if (memo) return (memo.codeKey ??= serverSecret(tx, 'signing_code_key', () => randomBytes(32).toString('hex'), now));
	return serverSecret(tx, 'signing_code_key', () => randomBytes(32).toString('hex'), now);
}

/**
 * A push batch's signing codes: the active codes of the requests whose commands verify one (`requestIds`), read and
 * locked in one query at the batch's first check. Each check's attempt changes the copy here and is written with the
 * others (writeCodeAttempts), so a later check of the same code in the batch (a wrong code, then the right one) sees
 * what the database would answer. Anything that writes codes otherwise must come after writeCodeAttempts and be
 * followed by forgetCodes.
 */
export interface BatchCodes {
	requestIds: ReadonlySet<string>;
	active?: Promise<SigningCodeRow[]>;
	/** Codes whose attempts, status or use the batch changed and has not written yet. */
	changed: Map<string, SigningCodeRow>;
	/** Requests whose codes were written otherwise than through the copy (forgetCodes of one request): read again at their next check. */
	stale: Set<string>;
}

export interface CodeMemo extends CodeKeyMemo {
	codes?: BatchCodes;
}

/** The batch's copy of its requests' active codes, with a stale request's read again (locked) in place of what the copy held of it. */
function batchActiveCodes(tx: Db, codes: BatchCodes, requestId: string): Promise<SigningCodeRow[]> {
	codes.active ??= lockActiveCodesOfRequests(tx, [...codes.requestIds]);
	if (codes.stale.delete(requestId)) {
		const held = codes.active;
		const fresh = lockActiveCodesOfRequests(tx, [requestId]);
		codes.active = Promise.all([held, fresh]).then(([rows, again]) => [...rows.filter((r) => r.requestId !== requestId), ...again]);
	}
	return codes.active;
}

/** The subject's active codes (newest first), locked, and how to record an attempt on one: in the batch's copy when it holds the request's codes. */
async function activeCodesOf(
	tx: Db,
	input: { requestId?: string; subjectId: string; purpose: CodePurpose; memo?: CodeMemo }
): Promise<{ active: SigningCodeRow[]; save: (row: SigningCodeRow, patch: Partial<Pick<SigningCodeRow, 'attempts' | 'status' | 'usedAt'>>) => Promise<void> }> {
	const codes = input.memo?.codes;
	if (!codes || !input.requestId || !codes.requestIds.has(input.requestId)) {
		return { active: await lockActiveCodes(tx, input.subjectId, input.purpose), save: (row, patch) => updateSigningCode(tx, row.id, patch) };
	}
	const purposes = purposesOf(input.purpose);
	const active = (await batchActiveCodes(tx, codes, input.requestId)).filter((r) => r.subjectId === input.subjectId && purposes.includes(r.purpose) && r.status === 'active');
	return {
		active,
		save: async (row, patch) => {
			Object.assign(row, patch);
			codes.changed.set(row.id, row);
		}
	};
}

/** Whether the subject has an active code (the request's, from the batch's copy when it holds them). */
export async function hasActiveCode(tx: Db, input: { requestId: string; subjectId: string; purpose: CodePurpose; memo?: CodeMemo }): Promise<boolean> {
	return (await activeCodesOf(tx, input)).active.length > 0;
}

/** Writes the attempts a push batch's checks recorded in its copy (one statement): all of them, or one request's. */
export async function writeCodeAttempts(tx: Db, memo?: CodeMemo, requestId?: string): Promise<void> {
	await writeTogether(tx, [takeCodeAttempts(memo, requestId)]);
}

/** The statement writeCodeAttempts sends, the attempts taken out of the copy: for a caller that sends it with its own. */
export function takeCodeAttempts(memo?: CodeMemo, requestId?: string): Statement | undefined {
	const codes = memo?.codes;
	if (!codes || codes.changed.size === 0) return undefined;
	const rows = [...codes.changed.values()].filter((row) => requestId === undefined || row.requestId === requestId);
	for (const row of rows) codes.changed.delete(row.id);
	return codeAttemptsStatement(rows);
}

/**
 * After codes were written otherwise than through the batch's copy (issued, superseded): written first, read again
 * at the next check; only one request's when the command that wrote them touched no other (ownRequestOnly).
 */
export async function forgetCodes(tx: Db, memo?: CodeMemo, requestId?: string): Promise<void> {
	if (!memo?.codes) return;
	await writeCodeAttempts(tx, memo, requestId);
	if (requestId === undefined) {
		memo.codes.active = undefined;
		memo.codes.stale.clear();
	} else if (memo.codes.active && memo.codes.requestIds.has(requestId)) {
		memo.codes.stale.add(requestId);
	}
}

function hashCode(key: string, subjectId: string, code: string): Buffer {
	return createHmac('sha256', key).update(`${subjectId}:${code}`).digest();
}

/**
 * Issues a fresh code for a subject and returns it for sending. A contract version has one code at a time, usable on
 * the tablet or the portal whatever channel it was sent for: the version's older active codes stop working.
 */
export async function issueSigningCode(
	tx: Db,
	runtime: Runtime,
	input: { requestId: string; subjectId: string; purpose: CodePurpose; policy: CodePolicy; ttlMs?: number }
): Promise<{ code: string; expiresAt: Date }> {
	const now = runtime.clock();
	const code = signingCodeFrom(randomFiveDigits());
	// codes sent with a version (contract or meter check) must outlast days offline; one asked for on the portal is typed minutes later
	const ttl = input.ttlMs ?? (input.purpose === 'portal' ? input.policy.portalTtlMs : input.policy.onSiteTtlMs);
	const expiresAt = new Date(now.getTime() + ttl);
	await supersedeActiveCodes(tx, input.subjectId, input.purpose);
	await insertSigningCode(tx, {
		id: runtime.newId(),
		requestId: input.requestId,
		subjectId: input.subjectId,
		purpose: input.purpose,
		codeHash: hashCode(await codeKey(tx, now), input.subjectId, code).toString('hex'),
		expiresAt,
		attempts: 0,
		status: 'active',
		createdAt: now
	});
	return { code, expiresAt };
}

export type CodeCheck = { ok: true } | { ok: false; code: 'no_code' | 'expired_code' | 'wrong_code' | 'locked_code'; reason: Label; attemptsLeft?: number };

/** A new contract version: the codes of the request's earlier versions stop working. */
export async function retireEarlierCodes(tx: Db, requestId: string, contractId: string) {
	await supersedeOtherVersionCodes(tx, requestId, contractId);
}

/**
 * The version a typed code was issued for, when it is a code of another version of the request's contract than
 * `contractId` (and not the current one's): the refusal then says which version it was for. Counts no attempt.
 */
export async function versionOfOtherCode(tx: Db, input: { requestId: string; contractId: string; code: string }, now: Date): Promise<number | null> {
	const key = await codeKey(tx, now);
	const rows = await contractCodesOfRequest(tx, input.requestId);
	const matches = (row: { subjectId: string; codeHash: string }) => {
		const expected = Buffer.from(row.codeHash, 'hex');
		const typed = hashCode(key, row.subjectId, input.code);
		return expected.length === typed.length && timingSafeEqual(expected, typed);
	};
	if (rows.some((r) => r.subjectId === input.contractId && matches(r))) return null;
	const other = rows.find((r) => r.subjectId !== input.contractId && matches(r));
	return other ? other.version : null;
}

/**
 * Checks a typed code against the subject's active code (a contract version: the one code of that version, sent for
 * the tablet or the portal; `purpose` 'on_site' and 'portal' are the same family). Attempts are written in the caller's transaction:
 * a caller that rolls back on a wrong code must record the attempt outside that rollback. `requestId`: the subject's
 * request, whose codes a push batch's memo may hold (then the attempt is recorded there, written with the batch's).
 */
export async function verifySigningCode(
	tx: Db,
	runtime: Runtime,
	input: { requestId?: string; subjectId: string; purpose: CodePurpose; code: string; policy: CodePolicy; memo?: CodeMemo }
): Promise<CodeCheck> {
	const now = runtime.clock();
	const { active: [active], save } = await activeCodesOf(tx, input);
	if (!active) {
		return { ok: false, code: 'no_code', reason: both(m.server_refusal_no_code) };
	}
	if (active.expiresAt.getTime() <= now.getTime()) {
		return { ok: false, code: 'expired_code', reason: both(m.server_refusal_expired_code) };
	}
	const expected = Buffer.from(active.codeHash, 'hex');
	const typed = hashCode(await codeKey(tx, now, input.memo), input.subjectId, input.code);
	if (expected.length === typed.length && timingSafeEqual(expected, typed)) {
		await save(active, { status: 'used', usedAt: now, attempts: active.attempts + 1 });
		return { ok: true };
	}
	const attempts = active.attempts + 1;
	if (attempts >= input.policy.maxAttempts) {
		await save(active, { attempts, status: 'locked' });
		return {
			ok: false,
			code: 'locked_code',
			reason: both(m.server_refusal_locked_code, { times: attempts })
		};
	}
	await save(active, { attempts });
	const left = input.policy.maxAttempts - attempts;
	return { ok: false, code: 'wrong_code', attemptsLeft: left, reason: both(m.server_refusal_wrong_code, { left }) };
}

/** At most one code a minute and five an hour per request and purpose (the codes a customer or crew asks for; a version's own code does not count). */
export async function limitResends(tx: Db, requestId: string, subjectId: string, purpose: CodePurpose, now: Date) {
	const last = await latestCodeIssuedAt(tx, subjectId, purpose);
	if (last && now.getTime() - last.getTime() < CODE_RESEND_MIN_INTERVAL_MS) {
		const wait = Math.ceil((CODE_RESEND_MIN_INTERVAL_MS - (now.getTime() - last.getTime())) / 1000);
		throw new DomainError('too_soon', both(m.server_refusal_too_soon, { seconds: wait }));
	}
	if ((await countCodesIssuedSince(tx, requestId, purpose, new Date(now.getTime() - 3_600_000))) >= CODES_PER_HOUR) {
		throw new DomainError('too_many_codes', both(m.server_refusal_too_many_codes));
	}
}
