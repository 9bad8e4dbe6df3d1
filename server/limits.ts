// Rate limits: login attempts per account and per client address, and the customer links' costly actions
// (portal corrections, self-reading photo uploads, code and link sends). The counters live in the database
// (rate_limits, through rate-limiter-flexible's Drizzle store) so every API process on one PostgreSQL shares them.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppDeps, AppEnv } from './context';
import type { Database } from './db/database';
import { rateLimits } from './db/rate-limits';
import { errorBody, requestLocale } from './http';
import { both, type Text } from '../src/lib/text';
import { m } from '../src/lib/paraglide/messages.js';

export interface RateLimitPolicy {
	/** Failed logins of one account within loginLockoutSeconds; the next attempt is refused for loginLockoutSeconds. */
	loginFailuresPerAccount: number;
	/** The same, counted per client address (every account together). */
	loginFailuresPerAddress: number;
	loginLockoutSeconds: number;
	/** Correction requests per portal link per hour. */
	portalCorrectionsPerHour: number;
	/** Photo uploads per self-reading link per hour, and their total size. */
	selfReadingUploadsPerHour: number;
	selfReadingUploadMbPerHour: number;
	/** Requests to send a signing code or a customer link, per link, request or meter per hour. */
	codeSendsPerHour: number;
	/** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: the socket's address). */
	trustedProxies: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitPolicy = {
	loginFailuresPerAccount: 10,
	loginFailuresPerAddress: 50,
	loginLockoutSeconds: 5 * 60,
	portalCorrectionsPerHour: 5,
	selfReadingUploadsPerHour: 20,
	selfReadingUploadMbPerHour: 20,
	codeSendsPerHour: 10,
	trustedProxies: 0
};

const HOUR_SECONDS = 3600;
/** Requests served in-process (tests through app.request) have no socket: they all count as this one address. */
const NO_SOCKET_ADDRESS = 'in-process';
const LINK_TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

function policyOf(deps: AppDeps): RateLimitPolicy {
	return { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
}

function limiter(database: Database, keyPrefix: string, points: number, durationSeconds: number, blockSeconds = 0) {
	// expired rows are swept by the server's timer (main.ts), not by a timer per limiter
	return new RateLimiterDrizzle({
		storeClient: database.db,
		schema: rateLimits,
		keyPrefix,
		points,
		duration: durationSeconds,
		blockDuration: blockSeconds,
		clearExpiredByTimeout: false
	});
}

function buildLimiters(database: Database, policy: RateLimitPolicy) {
	return {
		loginAccount: limiter(database, 'login_account', policy.loginFailuresPerAccount, policy.loginLockoutSeconds, policy.loginLockoutSeconds),
		loginAddress: limiter(database, 'login_address', policy.loginFailuresPerAddress, policy.loginLockoutSeconds, policy.loginLockoutSeconds),
		portalCorrection: limiter(database, 'portal_correction', policy.portalCorrectionsPerHour, HOUR_SECONDS),
		readingUploads: limiter(database, 'reading_uploads', policy.selfReadingUploadsPerHour, HOUR_SECONDS),
		// counted in KiB so a day's worth fits the integer column
		readingUploadKib: limiter(database, 'reading_upload_kib', policy.selfReadingUploadMbPerHour * 1024, HOUR_SECONDS),
		codeSends: limiter(database, 'code_sends', policy.codeSendsPerHour, HOUR_SECONDS)
	};
}

type Limiters = ReturnType<typeof buildLimiters>;
const limitersByDatabase = new WeakMap<Database, Limiters>();

function limitersFor(deps: AppDeps): Limiters {
	let limiters = limitersByDatabase.get(deps.database);
	if (!limiters) {
		limiters = buildLimiters(deps.database, policyOf(deps));
		limitersByDatabase.set(deps.database, limiters);
	}
	return limiters;
}

/** Keys are hashed: a username or token is hostile input of any length and any characters. */
function keyOf(...parts: string[]): string {
	return createHash('sha256').update(parts.join('\u0001')).digest('base64url');
}

/** The client's address: the socket's, or the one the trusted proxies saw when TRUST_PROXY says so. */
export function clientAddress(c: Context<AppEnv>, trustedProxies: number): string {
	if (trustedProxies > 0) {
		const forwarded = (c.req.header('x-forwarded-for') ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean);
		// each trusted proxy appends the address it saw: the client is the entry the outermost one added
		const seen = forwarded[Math.max(forwarded.length - trustedProxies, 0)];
		if (seen) return seen;
	}
	try {
		const address = getConnInfo(c).remote.address;
		if (address) return address.replace(/^::ffff:/, '');
	} catch {
		// no Node socket behind this request
	}
	return NO_SOCKET_ADDRESS;
}

/** A refusal from a limiter (not a store failure, which is an infrastructure error and stays a 5xx). */
function refusal(err: unknown): RateLimiterRes | undefined {
	return err instanceof RateLimiterRes ? err : undefined;
}

function minutesOf(ms: number): number {
	return Math.max(1, Math.ceil(ms / 60_000));
}

function tooManyRequests(c: Context, code: string, message: (minutes: number) => Text, msBeforeNext: number, closeConnection = false) {
	c.header('Retry-After', String(Math.max(1, Math.ceil(msBeforeNext / 1000))));
	// the body of a refused upload is left unread: the connection cannot carry another request
	if (closeConnection) c.header('Connection', 'close');
	return c.json(errorBody(code, message(minutesOf(msBeforeNext)), requestLocale(c)), 429);
}

const loginMessage = (minutes: number) => both(m.server_refusal_loginThrottled, { minutes });

/**
 * Runs one login attempt under the limits. The attempt is counted before the password is checked, so a burst of
 * parallel guesses cannot all slip through; a success gives the address its point back and clears the account's
 * failures. During a lockout even the right password is refused (429), or a guessing streak would end in a login.
 */
export async function withLoginThrottle<R extends Response>(c: Context<AppEnv>, username: string, attempt: () => Promise<R>): Promise<R | Response> {
	const deps = c.var.deps;
	const limiters = limitersFor(deps);
	const addressKey = keyOf(clientAddress(c, policyOf(deps).trustedProxies));
	const accountKey = keyOf(username.normalize('NFC').trim().toLowerCase());
	try {
		await limiters.loginAddress.consume(addressKey);
		await limiters.loginAccount.consume(accountKey);
	} catch (err) {
		const refused = refusal(err);
		if (!refused) throw err;
		return tooManyRequests(c, 'too_many_attempts', loginMessage, refused.msBeforeNext);
	}
	const response = await attempt();
	if (response.ok) {
		await limiters.loginAccount.delete(accountKey);
		await limiters.loginAddress.reward(addressKey);
	}
	return response;
}

interface Charge {
	limiter: (limiters: Limiters) => RateLimiterDrizzle;
	points?: (c: Context<AppEnv>) => number;
	message: (minutes: number) => Text;
}

interface LinkRule {
	method: string;
	/** The path parameter naming the link, request or meter the budget belongs to. */
	param: string;
	/** A value that cannot be a link token is left to the route to refuse, without a counter row. */
	accepts?: (value: string) => boolean;
	charges: Charge[];
	/** The refused request still has its body unread (an upload). */
	closeConnection?: boolean;
}

/**
 * Charges the budgets of the link named in the path before the route runs (atomically, so parallel requests
 * cannot overdraw them) and gives the points back when the route did not carry the action out (an unknown
 * link, a refused or invalid request): only what was done counts, and nobody locks a link by knocking on it.
 */
function limitPerLink(path: string, rule: LinkRule): MiddlewareHandler<AppEnv> {
	return async (c, next) => {
		if (c.req.method !== rule.method) return next();
		const value = c.req.param(rule.param) ?? '';
		if (rule.accepts && !rule.accepts(value)) return next();
		const limiters = limitersFor(c.var.deps);
		const key = keyOf(path, value);
		const charged: Array<{ limiter: RateLimiterDrizzle; points: number }> = [];
		const refund = () => Promise.all(charged.map(({ limiter, points }) => limiter.reward(key, points)));
		for (const charge of rule.charges) {
			const limiter = charge.limiter(limiters);
			const points = charge.points?.(c) ?? 1;
			try {
				await limiter.consume(key, points);
				charged.push({ limiter, points });
			} catch (err) {
				const refused = refusal(err);
				await refund();
				if (!refused) throw err;
				return tooManyRequests(c, 'rate_limited', charge.message, refused.msBeforeNext, rule.closeConnection);
			}
		}
		await next();
		if (!c.res.ok) await refund();
	};
}

/** What an upload costs in KiB: a body without a declared length may be as large as the route accepts. */
function uploadKib(c: Context<AppEnv>): number {
	const maxBytes = c.var.deps.blobMaxBytes;
	const declared = Number(c.req.header('content-length'));
	const bytes = Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, maxBytes) : maxBytes;
	return Math.max(1, Math.ceil(bytes / 1024));
}

const codeSendMessage = (minutes: number) => both(m.server_refusal_codeSendsThrottled, { minutes });
const codeSends: Charge[] = [{ limiter: (l) => l.codeSends, message: codeSendMessage }];
const isLinkToken = (value: string) => LINK_TOKEN.test(value);

/** Mounts the per-link limits in front of the routes they guard (call it before the /api routes are added). */
export function mountRateLimits(app: Hono<AppEnv>) {
	const guard = (path: string, rule: LinkRule) => app.use(path, limitPerLink(path, rule));
	guard('/api/portal/:token/correction', {
		method: 'POST',
		param: 'token',
		accepts: isLinkToken,
		charges: [
			{
				limiter: (l) => l.portalCorrection,
				message: (minutes) => both(m.server_refusal_correctionsThrottled, { minutes })
			}
		]
	});
	guard('/api/self-reading/:token/photo/:sha256', {
		method: 'PUT',
		param: 'token',
		accepts: isLinkToken,
		closeConnection: true,
		charges: [
			{ limiter: (l) => l.readingUploads, message: (minutes) => both(m.server_refusal_photosThrottled, { minutes }) },
			{
				limiter: (l) => l.readingUploadKib,
				points: uploadKib,
				message: (minutes) => both(m.server_refusal_photoBytesThrottled, { minutes })
			}
		]
	});
	guard('/api/portal/:token/code', { method: 'POST', param: 'token', accepts: isLinkToken, charges: codeSends });
	guard('/api/requests/:id/signing-code', { method: 'POST', param: 'id', charges: codeSends });
	guard('/api/requests/:id/remote-signing', { method: 'POST', param: 'id', charges: codeSends });
	guard('/api/meters/:serial/reading-links', { method: 'POST', param: 'serial', charges: codeSends });
}
