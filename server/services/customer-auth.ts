// Customers sign in to their own portal without a password: a one-time code sent by SMS or email to the phone
// number or address on their request or contract. The same rules as the signing codes (src/lib/domain/signing-code,
// server/services/signing-codes.ts): a 6-digit code with its check digit, only an HMAC kept under a server secret,
// 10 minutes, 5 attempts then locked, one a minute and five an hour per number or address. Whether a number is known
// is never told: an unknown one gets the same answer and a code row of its own, which nobody receives.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { signingCodeFrom } from '../../src/lib/domain/signing-code';
import { m } from '../../src/lib/paraglide/messages.js';
import { hashToken, newToken } from '../auth/tokens';
import { serverSecret } from '../db/contracts';
import {
	customersOfContact,
	deleteCustomerSession,
	findCustomerSession,
	insertCustomerSession,
	insertLoginCode,
	lockActiveLoginCode,
	loginCodesIssuedSince,
	supersedeLoginCodes,
	updateLoginCode,
	type CustomerRow
} from '../db/customer';
import type { Db } from '../db/database';
import { queueNotice } from '../notify/outbox';
import type { Runtime } from './clock';
import { DomainError } from './domain-error';
import { both, type Text } from '../../src/lib/text';
import { CODE_RESEND_MIN_INTERVAL_MS, CODES_PER_HOUR, DEFAULT_CODE_POLICY, type CodePolicy } from './signing-codes';

/** A customer stays signed in on a device this long (until they sign out). */
export const CUSTOMER_SESSION_TTL_MS = 30 * 24 * 3_600_000;

/** A phone number or an email address, normalized: the key of codes, sessions and limits. */
export type Contact = { channel: 'sms'; phone: string } | { channel: 'email'; email: string };

const VN_MOBILE = /^0(3|5|7|8|9)\d{8}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,40}$/;

/** "0912 345 678", "+84912345678", "84912345678" → 0912345678; "An@Mail.VN" → an@mail.vn; anything else: null. */
export function parseContact(raw: string): Contact | null {
	const text = raw.normalize('NFC').trim();
	if (text.includes('@')) {
		const email = text.toLowerCase();
		return EMAIL.test(email) && email.length <= 254 ? { channel: 'email', email } : null;
	}
	let digits = text.replace(/[\s.()-]/g, '');
	if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
	else if (/^84\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
	return VN_MOBILE.test(digits) ? { channel: 'sms', phone: digits } : null;
}

export function identityOf(contact: Contact): string {
	return contact.channel === 'sms' ? `phone:${contact.phone}` : `email:${contact.email}`;
}

export function contactOfIdentity(identity: string): Contact {
	return identity.startsWith('phone:') ? { channel: 'sms', phone: identity.slice(6) } : { channel: 'email', email: identity.slice(6) };
}

export function customersOf(db: Db, contact: Contact): Promise<CustomerRow[]> {
	return customersOfContact(db, contact.channel === 'sms' ? { phone: contact.phone } : { email: contact.email });
}

function contactOrRefuse(raw: string): Contact {
	const contact = parseContact(raw);
	if (!contact) {
		const words = both(m.portal_acc_error_contact);
		throw new DomainError('invalid_input', words, { contact: words });
	}
	return contact;
}

const randomFiveDigits = () => String(randomInt(0, 100_000)).padStart(5, '0');

function hashCode(key: string, identity: string, code: string): Buffer {
	return createHmac('sha256', key).update(`login:${identity}:${code}`).digest();
}

function loginKey(tx: Db, now: Date) {
	return serverSecret(tx, 'customer_login_key', () => randomBytes(32).toString('hex'), now);
}

/** "09xx xxx 678" / "a•••@mail.vn": where the code went, without handing a stranger the whole address. */
export function maskedContact(contact: Contact): string {
	if (contact.channel === 'sms') return `${contact.phone.slice(0, 4)} ••• ${contact.phone.slice(-3)}`;
	const [name = '', domain = ''] = contact.email.split('@');
	return `${name.slice(0, 1)}•••@${domain}`;
}

/** Sends a sign-in code in its own transaction (the route's entry point; see sendLoginCode). */
export async function requestLoginCode(db: Db, runtime: Runtime, contact: string, policy: CodePolicy = DEFAULT_CODE_POLICY) {
	return db.transaction((tx) => sendLoginCode(tx, runtime, contact, policy));
}

/**
 * Signs in with a typed code: the attempt is committed before a refusal is thrown, so a wrong code counts (the route's
 * entry point; see checkLoginCode).
 */
export async function signInWithCode(db: Db, runtime: Runtime, input: { contact: string; code: string }, policy: CodePolicy = DEFAULT_CODE_POLICY) {
	const check = await db.transaction((tx) => checkLoginCode(tx, runtime, input, policy));
	if (!check.ok) throw check.error;
	return check;
}

/**
 * Sends a sign-in code when the number or address is on a customer's record, and answers the same either way. The
 * resend limits count every code issued for the number (known or not), so they tell nothing either.
 */
export async function sendLoginCode(tx: Db, runtime: Runtime, rawContact: string, policy: CodePolicy = DEFAULT_CODE_POLICY) {
	const contact = contactOrRefuse(rawContact);
	const identity = identityOf(contact);
	const now = runtime.clock();
	const issued = await loginCodesIssuedSince(tx, identity, new Date(now.getTime() - 3_600_000));
	const last = issued[0];
	if (last && now.getTime() - last.getTime() < CODE_RESEND_MIN_INTERVAL_MS) {
		const seconds = Math.ceil((CODE_RESEND_MIN_INTERVAL_MS - (now.getTime() - last.getTime())) / 1000);
		throw new DomainError('too_soon', both(m.server_refusal_too_soon, { seconds }));
	}
	if (issued.length >= CODES_PER_HOUR) throw new DomainError('too_many_codes', both(m.server_refusal_too_many_codes));
	const code = signingCodeFrom(randomFiveDigits());
	await supersedeLoginCodes(tx, identity);
	await insertLoginCode(tx, {
		id: runtime.newId(),
		identity,
		codeHash: hashCode(await loginKey(tx, now), identity, code).toString('hex'),
		expiresAt: new Date(now.getTime() + policy.portalTtlMs),
		attempts: 0,
		status: 'active',
		createdAt: now
	});
	const minutes = Math.round(policy.portalTtlMs / 60_000);
	if ((await customersOf(tx, contact)).length > 0) {
		await queueNotice(
			tx,
			runtime,
			contact.channel === 'sms' ? { phone: contact.phone, email: null } : { phone: null, email: contact.email },
			{
				requestId: null,
				kind: 'customer_login_code',
				text: (locale) => ({
					sms: m.server_notice_customerLogin_sms({ code, minutes }, { locale }),
					email: { subject: m.server_notice_customerLogin_subject({}, { locale }), body: m.server_notice_customerLogin_body({ code, minutes }, { locale }) }
				})
			}
		);
	}
	return { sentTo: maskedContact(contact), validMinutes: minutes };
}

export type SignInCheck =
	| { ok: true; token: string; expiresAt: Date }
	| { ok: false; error: DomainError };

/**
 * Checks a typed code; a right one opens a session on this device. Attempts are written whatever the outcome (the
 * caller commits, then throws the refusal), so guessing is bounded by the code's five attempts.
 */
export async function checkLoginCode(tx: Db, runtime: Runtime, input: { contact: string; code: string }, policy: CodePolicy = DEFAULT_CODE_POLICY): Promise<SignInCheck> {
	const contact = contactOrRefuse(input.contact);
	const identity = identityOf(contact);
	const now = runtime.clock();
	const refuse = (code: 'no_code' | 'expired_code' | 'wrong_code' | 'locked_code', words: Text) => ({
		ok: false as const,
		error: new DomainError(code, words, { code: words })
	});
	const active = await lockActiveLoginCode(tx, identity);
	if (!active) return refuse('no_code', both(m.portal_acc_error_noCode));
	if (active.expiresAt.getTime() <= now.getTime()) return refuse('expired_code', both(m.server_refusal_expired_code));
	const expected = Buffer.from(active.codeHash, 'hex');
	const typed = hashCode(await loginKey(tx, now), identity, input.code.trim());
	const attempts = active.attempts + 1;
	if (expected.length === typed.length && timingSafeEqual(expected, typed)) {
		// an unknown number's code is never sent, so a right code always belongs to a customer on record
		if ((await customersOf(tx, contact)).length === 0) return refuse('wrong_code', both(m.server_refusal_wrong_code, { left: policy.maxAttempts - attempts }));
		await updateLoginCode(tx, active.id, { status: 'used', usedAt: now, attempts });
		const token = newToken();
		const expiresAt = new Date(now.getTime() + CUSTOMER_SESSION_TTL_MS);
		await insertCustomerSession(tx, { tokenHash: hashToken(token), identity, createdAt: now, expiresAt });
		return { ok: true, token, expiresAt };
	}
	if (attempts >= policy.maxAttempts) {
		await updateLoginCode(tx, active.id, { attempts, status: 'locked' });
		return refuse('locked_code', both(m.server_refusal_locked_code, { times: attempts }));
	}
	await updateLoginCode(tx, active.id, { attempts });
	return refuse('wrong_code', both(m.server_refusal_wrong_code, { left: policy.maxAttempts - attempts }));
}

/** The signed-in customer behind a session token: their contact and the customer rows it is on. */
export interface CustomerSession {
	identity: string;
	contact: Contact;
	customers: CustomerRow[];
}

export async function customerSession(db: Db, token: string, now: Date): Promise<CustomerSession | undefined> {
	if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
	const session = await findCustomerSession(db, hashToken(token), now);
	if (!session) return undefined;
	const contact = contactOfIdentity(session.identity);
	return { identity: session.identity, contact, customers: await customersOf(db, contact) };
}

export async function endCustomerSession(db: Db, token: string) {
	await deleteCustomerSession(db, hashToken(token));
}
