// Zalo Notification Service: an approved template sent to a phone number (template_id + template_data, tracking_id =
// our notification id), authorised by the Official Account's access token in the `access_token` header. The token
// lives about 25 hours and is refreshed before it expires with the refresh token, which Zalo rotates at each use:
// the pair is kept in the database and refreshed under a row lock, so two API processes never spend one refresh
// token twice.
import { createHash, timingSafeEqual } from 'node:crypto';
import { DeliveryFailure, internationalPhone, postJson, TryAgainNow, type ChannelAdapter } from './channels';
import { m } from '../../src/lib/paraglide/messages.js';

// failures are kept in the unit's language (Vietnamese) as the console and the request detail show them
const vi = { locale: 'vi' } as const;

export const ZALO_ZNS_DEFAULT_URL = 'https://business.openapi.zalo.me/message/template';
export const ZALO_OAUTH_DEFAULT_URL = 'https://oauth.zaloapp.com/v4/oa/access_token';

export interface ZaloTokens {
	accessToken: string;
	refreshToken: string;
	expiresAt: Date;
}

/**
 * Where the token pair is kept; `locked` runs, in a short transaction of its own, with the pair held against other
 * processes, and commits the rotated pair before the new access token is used: never inside the dispatcher's
 * transaction, whose rollback would lose a refresh token Zalo has already spent.
 */
export interface ZaloTokenStore {
	locked<T>(work: (current: ZaloTokens | null, save: (tokens: ZaloTokens) => Promise<void>) => Promise<T>): Promise<T>;
}

export interface ZaloOptions {
	znsUrl: string;
	oauthUrl: string;
	appId: string;
	/** the app's secret key: the OAuth call's `secret_key` header */
	appSecret: string;
	/** the first refresh token (from the OA's authorisation); later ones come from each refresh */
	refreshToken: string;
	/** refresh this long before the access token expires */
	refreshMarginMs: number;
	timeoutMs: number;
}

/** Keeps a valid access token: from memory, else the store, else a refresh (under the store's lock). */
export function zaloTokenKeeper(options: ZaloOptions, store: ZaloTokenStore, clock: () => Date) {
	let cached: ZaloTokens | null = null;
	const fresh = (tokens: ZaloTokens | null, rejected?: string): boolean =>
		tokens !== null && tokens.accessToken !== rejected && tokens.expiresAt.getTime() - options.refreshMarginMs > clock().getTime();

	async function refresh(refreshToken: string): Promise<ZaloTokens> {
		let response: Response;
		try {
			response = await fetch(options.oauthUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: options.appSecret },
				body: new URLSearchParams({ refresh_token: refreshToken, app_id: options.appId, grant_type: 'refresh_token' }),
				signal: AbortSignal.timeout(options.timeoutMs)
			});
		} catch {
			throw new DeliveryFailure('Zalo: không lấy được mã truy cập (không kết nối được)', false);
		}
		const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
		const accessToken = answer?.access_token;
		const nextRefresh = answer?.refresh_token;
		if (typeof accessToken !== 'string' || typeof nextRefresh !== 'string') {
			const said = answer ? `${String(answer.error ?? '')} ${String(answer.error_description ?? answer.error_name ?? '')}`.trim() : `HTTP ${response.status}`;
			throw new DeliveryFailure(`Zalo: không làm mới được mã truy cập (${said})`, false, said);
		}
		const seconds = Number(answer?.expires_in ?? 90_000);
		return { accessToken, refreshToken: nextRefresh, expiresAt: new Date(clock().getTime() + (Number.isFinite(seconds) ? seconds : 90_000) * 1000) };
	}

	let rejected: string | undefined;
	return {
		/** The cached token when good for at least the refresh margin; null: `renew()` first (outside any transaction). */
		current(): string | null {
			return cached && fresh(cached, rejected) ? cached.accessToken : null;
		},
		/** Zalo refused this token: it is never handed out again. */
		reject(token: string) {
			rejected = token;
			cached = null;
		},
		/** A token good for the margin, from the store (another process may have renewed it) or refreshed and committed. */
		async renew(): Promise<string> {
			if (cached && fresh(cached, rejected)) return cached.accessToken;
			cached = await store.locked(async (current, save) => {
				if (current && fresh(current, rejected)) return current;
				const next = await refresh(current?.refreshToken ?? options.refreshToken);
				await save(next);
				return next;
			});
			return cached.accessToken;
		},
		/** true when a token is held but will expire within the margin (renewed before the dispatch, not inside it) */
		expiring(): boolean {
			return cached !== null && !fresh(cached, rejected);
		}
	};
}

type Verdict = 'temporary' | 'permanent' | 'token';

/**
 * Zalo's documented error codes for ZNS. The number has no Zalo account, cannot or will not receive ZNS, or the
 * template is not approved: refused for good (the dispatcher then texts the notice by SMS). An expired or invalid
 * token: refreshed and tried once more at once. Quota and server trouble: later.
 */
export const ZALO_ERRORS: Record<string, { verdict: Verdict; words: string }> = {
	'-108': { verdict: 'permanent', words: m.server_delivery_zalo_badPhone({}, vi) },
	'-118': { verdict: 'permanent', words: m.server_delivery_zalo_noAccount({}, vi) },
	'-119': { verdict: 'permanent', words: m.server_delivery_zalo_cannotReceive({}, vi) },
	'-124': { verdict: 'token', words: m.server_delivery_zalo_token({}, vi) },
	'-131': { verdict: 'permanent', words: m.server_delivery_zalo_templateNotApproved({}, vi) },
	'-137': { verdict: 'temporary', words: m.server_delivery_zalo_noBalance({}, vi) },
	'-139': { verdict: 'permanent', words: m.server_delivery_zalo_refused({}, vi) },
	'-144': { verdict: 'temporary', words: m.server_delivery_zalo_dailyQuota({}, vi) },
	'-1': { verdict: 'temporary', words: m.server_delivery_zalo_server({}, vi) }
};

export interface ZnsTemplate {
	templateId: string;
	data: Record<string, string>;
}

export function zaloZnsAdapter(options: ZaloOptions, tokens: ReturnType<typeof zaloTokenKeeper>): ChannelAdapter {
	async function post(template: ZnsTemplate, phone: string, trackingId: string, accessToken: string) {
		return postJson(
			options.znsUrl,
			{ phone: internationalPhone(phone), template_id: template.templateId, template_data: template.data, tracking_id: trackingId },
			{ headers: { access_token: accessToken }, timeoutMs: options.timeoutMs, provider: 'Zalo' }
		);
	}
	let wanted = false;
	return {
		async prepare() {
			if (!wanted && !tokens.expiring()) return;
			wanted = false;
			await tokens.renew();
		},
		async send(message) {
			const template = message.template as ZnsTemplate | null;
			if (!template?.templateId) throw new DeliveryFailure('Zalo: thông báo này chưa có mẫu ZNS', true);
			// a token is renewed only in prepare(), committed before use, never inside the dispatcher's transaction
			const token = tokens.current();
			if (!token) {
				wanted = true;
				throw new TryAgainNow('Zalo: access token to renew');
			}
			const answer = await post(template, message.recipient, message.id, token);
			if (String(answer.json?.error) === '-124') {
				tokens.reject(token);
				wanted = true;
				throw new TryAgainNow('Zalo: access token refused');
			}
			if (answer.status >= 500 || !answer.json) throw new DeliveryFailure(`Zalo: máy chủ trả lời HTTP ${answer.status}`, false, answer.text);
			const code = String(answer.json.error ?? '');
			const said = `${code} ${String(answer.json.message ?? '')}`.trim();
			if (code === '0') {
				const data = (answer.json.data ?? {}) as Record<string, unknown>;
				return { providerId: typeof data.msg_id === 'string' ? data.msg_id : null, answer: said };
			}
			const known = ZALO_ERRORS[code] ?? { verdict: 'temporary' as const, words: m.server_delivery_zalo_other({ code: code || '—' }, vi) };
			throw new DeliveryFailure(known.words, known.verdict === 'permanent', said);
		}
	};
}

/**
 * Zalo's webhook signature: X-ZEvent-Signature is "mac=" + SHA-256 (hex) of app id + the raw body + the event's
 * timestamp + the OA secret key.
 */
export function zaloSignatureValid(opts: { appId: string; oaSecretKey: string }, rawBody: string, header: string | undefined): boolean {
	if (!header) return false;
	let timestamp: string;
	try {
		const parsed = JSON.parse(rawBody) as { timestamp?: unknown };
		timestamp = String(parsed.timestamp ?? '');
	} catch {
		return false;
	}
	const expected = Buffer.from(`mac=${createHash('sha256').update(opts.appId + rawBody + timestamp + opts.oaSecretKey, 'utf8').digest('hex')}`);
	const given = Buffer.from(header.trim());
	return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface ZaloReport {
	msgId: string;
	trackingId: string | null;
	outcome: 'delivered';
	answer: string;
}

/** The one ZNS event that reports a delivery: user_received_message (message.msg_id, message.tracking_id). */
export function readZaloReport(event: Record<string, unknown>): ZaloReport | null {
	if (event.event_name !== 'user_received_message') return null;
	const message = (event.message ?? {}) as Record<string, unknown>;
	if (typeof message.msg_id !== 'string') return null;
	const at = typeof message.delivery_time === 'string' || typeof message.delivery_time === 'number' ? String(message.delivery_time) : '';
	return { msgId: message.msg_id, trackingId: typeof message.tracking_id === 'string' ? message.tracking_id : null, outcome: 'delivered', answer: `user_received_message ${at}`.trim() };
}
