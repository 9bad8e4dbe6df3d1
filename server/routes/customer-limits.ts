// Rate limits of the customers' portal, per client address and per signed-in customer, counted in the database
// (rate_limits, rate-limiter-flexible's Drizzle store) like the login and link limits of server/limits.ts, so every
// API process on one PostgreSQL shares them. The per-number limits of the codes (one a minute, five an hour) live
// with the codes themselves (services/customer-auth.ts), counted on the server's clock.
import type { Context } from 'hono';
import { createHash } from 'node:crypto';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { m } from '../../src/lib/paraglide/messages.js';
import type { AppEnv } from '../context';
import type { Database } from '../db/database';
import { rateLimits } from '../db/rate-limits';
import { ApiFailure } from '../http';
import { both } from '../../src/lib/text';
import { clientAddress, DEFAULT_RATE_LIMITS } from '../limits';

export const CUSTOMER_LIMITS = {
	/** Code requests from one address per hour, whatever the numbers (a script trying numbers is stopped here). */
	codesPerAddressPerHour: 20,
	/** Wrong sign-in codes from one address per 15 minutes. */
	signInFailuresPerAddress: 30,
	/** Documents one customer uploads per hour, and their size. */
	uploadsPerHour: 40,
	uploadMbPerHour: 60,
	/** Requests one customer files per day. */
	filingsPerDay: 20
} as const;


function limiter(database: Database, keyPrefix: string, points: number, durationSeconds: number) {
	return new RateLimiterDrizzle({ storeClient: database.db, schema: rateLimits, keyPrefix, points, duration: durationSeconds, clearExpiredByTimeout: false });
}

function build(database: Database) {
	return {
		codeAddress: limiter(database, 'customer_code_address', CUSTOMER_LIMITS.codesPerAddressPerHour, 3600),
		signInAddress: limiter(database, 'customer_signin_address', CUSTOMER_LIMITS.signInFailuresPerAddress, 900),
		uploads: limiter(database, 'customer_uploads', CUSTOMER_LIMITS.uploadsPerHour, 3600),
		uploadKib: limiter(database, 'customer_upload_kib', CUSTOMER_LIMITS.uploadMbPerHour * 1024, 3600),
		filings: limiter(database, 'customer_filings', CUSTOMER_LIMITS.filingsPerDay, 86_400)
	};
}

type Limiters = ReturnType<typeof build>;
const byDatabase = new WeakMap<Database, Limiters>();

function limiters(c: Context<AppEnv>): Limiters {
	const database = c.var.deps.database;
	let found = byDatabase.get(database);
	if (!found) byDatabase.set(database, (found = build(database)));
	return found;
}

const keyOf = (...parts: string[]) => createHash('sha256').update(parts.join('\u0001')).digest('base64url');

function addressKey(c: Context<AppEnv>) {
	return keyOf(clientAddress(c, { ...DEFAULT_RATE_LIMITS, ...c.var.deps.rateLimits }.trustedProxies));
}

type Words = (inputs: { minutes: number }, options?: { locale?: 'vi' | 'en' }) => string;

function tooMany(c: Context<AppEnv>, refused: RateLimiterRes, words: Words): ApiFailure {
	const seconds = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
	c.header('Retry-After', String(seconds));
	return new ApiFailure(429, 'rate_limited', both(words, { minutes: Math.max(1, Math.ceil(seconds / 60)) }));
}

/**
 * Charges `points` to a budget before the action; when the action fails (`run` throws), the points are given back,
 * so only what was carried out counts (like the link limits).
 */
async function charged<T>(
	c: Context<AppEnv>,
	limiter: RateLimiterDrizzle,
	key: string,
	points: number,
	run: () => Promise<T>,
	refundOnFailure = true,
	words: Words = m.portal_acc_error_tooMany
): Promise<T> {
	try {
		await limiter.consume(key, points);
	} catch (err) {
		if (err instanceof RateLimiterRes) throw tooMany(c, err, words);
		throw err;
	}
	try {
		return await run();
	} catch (err) {
		if (refundOnFailure) await limiter.reward(key, points);
		throw err;
	}
}

/** A code request from this address (counted even when the number is unknown: the answer is the same). */
export function withCodeRequestLimit<T>(c: Context<AppEnv>, run: () => Promise<T>) {
	return charged(c, limiters(c).codeAddress, addressKey(c), 1, run, false);
}

/** A sign-in attempt: a wrong code costs the address a point; a right one gives it back. */
export async function withSignInLimit<T>(c: Context<AppEnv>, run: () => Promise<T>) {
	const { signInAddress } = limiters(c);
	const key = addressKey(c);
	const result = await charged(c, signInAddress, key, 1, run, false);
	await signInAddress.reward(key, 1);
	return result;
}

export function withUploadLimit<T>(c: Context<AppEnv>, identity: string, run: () => Promise<T>) {
	const l = limiters(c);
	const declared = Number(c.req.header('content-length'));
	const bytes = Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, c.var.deps.blobMaxBytes) : c.var.deps.blobMaxBytes;
	const kib = Math.max(1, Math.ceil(bytes / 1024));
	const words = m.portal_acc_error_tooManyUploads;
	return charged(c, l.uploads, keyOf(identity), 1, () => charged(c, l.uploadKib, keyOf(identity), kib, run, true, words), true, words);
}

export function withFilingLimit<T>(c: Context<AppEnv>, identity: string, run: () => Promise<T>) {
	return charged(c, limiters(c).filings, keyOf(identity), 1, run, true, m.portal_acc_error_tooManyFilings);
}
