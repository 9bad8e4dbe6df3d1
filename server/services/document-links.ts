// Long-lived links to a request's documents (the countersigned contract, a payment receipt): a token signed with a
// server secret, valid as long as the request exists (never a 30-day portal link). The token names the document and
// what it is of; the HMAC makes it unguessable and unforgeable; nothing is stored per link.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Db } from '../db/database';
import { serverSecret } from '../db/contracts';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';

export type DocumentKind = 'contract' | 'receipt';

const KEY_NAME = 'document_link_key';

const documentKey = (db: Db, now: Date) => serverSecret(db, KEY_NAME, () => randomBytes(32).toString('hex'), now);

function mac(key: string, kind: DocumentKind, subjectId: string): Buffer {
	return createHmac('sha256', key).update(`${kind}:${subjectId}`, 'utf8').digest().subarray(0, 20);
}

/** `<kind>.<subject id, base64url>.<HMAC, base64url>` */
export async function documentToken(db: Db, now: Date, kind: DocumentKind, subjectId: string): Promise<string> {
	const key = await documentKey(db, now);
	return `${kind}.${Buffer.from(subjectId, 'utf8').toString('base64url')}.${mac(key, kind, subjectId).toString('base64url')}`;
}

/** The absolute link the customer keeps (SMS, email, the receipt). */
export async function documentUrl(db: Db, publicUrl: string, now: Date, kind: DocumentKind, subjectId: string): Promise<string> {
	return `${publicUrl.replace(/\/$/, '')}/api/documents/${await documentToken(db, now, kind, subjectId)}`;
}

/** The subject a token is for, when its HMAC is right (refused in words otherwise; the same refusal for any fault). */
export async function documentSubject(db: Db, now: Date, kind: DocumentKind, token: string): Promise<string> {
	const invalid = new DomainError('link_invalid', both(m.server_document_linkInvalid));
	const parts = token.split('.');
	if (parts.length !== 3 || parts[0] !== kind || !/^[A-Za-z0-9_-]{1,200}$/.test(parts[1]!) || !/^[A-Za-z0-9_-]{27}$/.test(parts[2]!)) throw invalid;
	const subjectId = Buffer.from(parts[1]!, 'base64url').toString('utf8');
	const expected = mac(await documentKey(db, now), kind, subjectId);
	const given = Buffer.from(parts[2]!, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
	return subjectId;
}

/** Which document a token names (for the route that serves either). */
export function documentKindOf(token: string): DocumentKind | null {
	const kind = token.split('.')[0];
	return kind === 'contract' || kind === 'receipt' ? kind : null;
}
