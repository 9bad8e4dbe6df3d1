// Which channel adapter carries each channel, from the environment (README "Customer notices"). Nothing set: every
// message goes to the server log and counts as sent (the demo default).
import type { Db } from '../db/database';
import { lockProviderTokenRefresh, lockProviderTokens, saveProviderTokens } from '../db/notifications';
import { configureCallbacks } from './callbacks';
import { logAdapter, type Adapters } from './channels';
import { ESMS_DEFAULT_URL, esmsAdapter, type EsmsOptions } from './esms';
import { configureNotices, type NoticeSettings } from './outbox';
import { NOTICE_CATEGORIES } from './policy';
import { smtpAdapter, type AttachmentResolver, type SmtpOptions } from './smtp';
import { ZALO_OAUTH_DEFAULT_URL, ZALO_ZNS_DEFAULT_URL, zaloTokenKeeper, zaloZnsAdapter, type ZaloOptions, type ZaloTokenStore } from './zalo-zns';

export interface NotifyConfig {
	settings: NoticeSettings;
	sms: { provider: 'log' } | { provider: 'esms'; esms: EsmsOptions; callbackToken: string };
	zalo: { provider: 'off' } | { provider: 'zns'; zalo: ZaloOptions; oaSecretKey: string };
	email: { provider: 'log' } | { provider: 'smtp'; smtp: SmtpOptions };
}

function required(env: NodeJS.ProcessEnv, name: string, because: string): string {
	const value = env[name];
	if (!value) throw new Error(`${name} is required when ${because}`);
	return value;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
	return value;
}

const yes = (value: string | undefined) => value === '1' || value === 'true';

const TEMPLATES_SHAPE = 'ZALO_ZNS_TEMPLATES must be a JSON object of notice kind → approved template id (digits), e.g. {"visit_rescheduled":"248113"}';

/** Checked at start: a notice name the server does not send, a code notice (never by Zalo) or an id not in digits stops the start. */
export function znsTemplates(raw: string | undefined): Record<string, string> {
	if (!raw) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw new Error(`${TEMPLATES_SHAPE}; it is not JSON`);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(TEMPLATES_SHAPE);
	const out: Record<string, string> = {};
	for (const [kind, id] of Object.entries(parsed)) {
		const category = NOTICE_CATEGORIES[kind];
		if (!category) throw new Error(`ZALO_ZNS_TEMPLATES names "${kind}", which is not a notice this server sends; known: ${Object.keys(NOTICE_CATEGORIES).join(', ')}`);
		if (category === 'code') throw new Error(`ZALO_ZNS_TEMPLATES names "${kind}": codes always go by SMS and email, never by Zalo`);
		if ((typeof id !== 'string' && typeof id !== 'number') || !/^\d{1,20}$/.test(String(id))) throw new Error(`ZALO_ZNS_TEMPLATES: the template id of "${kind}" must be Zalo's numeric template id, got ${JSON.stringify(id)}`);
		out[kind] = String(id);
	}
	return out;
}

export function loadNotifyConfig(env: NodeJS.ProcessEnv, publicUrl: string): NotifyConfig {
	const smsProvider = env.NOTIFY_SMS || 'log';
	const zaloProvider = env.NOTIFY_ZALO || 'off';
	const emailProvider = env.NOTIFY_EMAIL || (env.SMTP_HOST ? 'smtp' : 'log');
	if (!['log', 'esms'].includes(smsProvider)) throw new Error(`NOTIFY_SMS must be log or esms, got "${smsProvider}"`);
	if (!['off', 'zns'].includes(zaloProvider)) throw new Error(`NOTIFY_ZALO must be off or zns, got "${zaloProvider}"`);
	if (!['log', 'smtp'].includes(emailProvider)) throw new Error(`NOTIFY_EMAIL must be log or smtp, got "${emailProvider}"`);
	const timeoutMs = positive(env, 'NOTIFY_TIMEOUT_MS', 15_000);
	// accents come off only for a gateway that needs GSM-7; the log keeps the text as written
	const smsUnicode = smsProvider === 'esms' ? yes(env.ESMS_UNICODE) : true;
	const settings: NoticeSettings = {
		smsUnicode,
		smsMaxSegments: positive(env, 'SMS_MAX_SEGMENTS', 3),
		znsTemplates: zaloProvider === 'zns' ? znsTemplates(env.ZALO_ZNS_TEMPLATES) : {}
	};
	
	let sms: NotifyConfig['sms'] = { provider: 'log' };
	if (smsProvider === 'esms') {
		const callbackToken = env.ESMS_CALLBACK_TOKEN || '';
		sms = {
			provider: 'esms',
			callbackToken,
			esms: {
				url: env.ESMS_API_URL || ESMS_DEFAULT_URL,
				apiKey: required(env, 'ESMS_API_KEY', 'NOTIFY_SMS=esms'),
				secretKey: required(env, 'ESMS_SECRET_KEY', 'NOTIFY_SMS=esms'),
				brandname: required(env, 'ESMS_BRANDNAME', 'NOTIFY_SMS=esms'),
				smsType: env.ESMS_SMS_TYPE || '2',
				unicode: smsUnicode,
				sandbox: yes(env.ESMS_SANDBOX),
				callbackUrl: callbackToken ? `${publicUrl.replace(/\/$/, '')}/api/notices/callbacks/esms?token=${encodeURIComponent(callbackToken)}` : null,
				timeoutMs
			}
		};
	}
	let zalo: NotifyConfig['zalo'] = { provider: 'off' };
	if (zaloProvider === 'zns') {
		zalo = {
			provider: 'zns',
			oaSecretKey: required(env, 'ZALO_OA_SECRET_KEY', 'NOTIFY_ZALO=zns'),
			zalo: {
				znsUrl: env.ZALO_ZNS_URL || ZALO_ZNS_DEFAULT_URL,
				oauthUrl: env.ZALO_OAUTH_URL || ZALO_OAUTH_DEFAULT_URL,
				appId: required(env, 'ZALO_APP_ID', 'NOTIFY_ZALO=zns'),
				appSecret: required(env, 'ZALO_APP_SECRET', 'NOTIFY_ZALO=zns'),
				refreshToken: required(env, 'ZALO_REFRESH_TOKEN', 'NOTIFY_ZALO=zns'),
				refreshMarginMs: positive(env, 'ZALO_TOKEN_REFRESH_MARGIN_S', 600) * 1000,
				timeoutMs
			}
		};
	}
	let email: NotifyConfig['email'] = { provider: 'log' };
	if (emailProvider === 'smtp') {
		email = {
			provider: 'smtp',
			smtp: {
				host: required(env, 'SMTP_HOST', 'NOTIFY_EMAIL=smtp'),
				port: positive(env, 'SMTP_PORT', 25),
				secure: yes(env.SMTP_SECURE),
				from: env.SMTP_FROM || 'Điện lực <no-reply@hientruong.local>',
				user: env.SMTP_USER || undefined,
				pass: env.SMTP_PASS || undefined,
				timeoutMs
			}
		};
	}
	return { settings, sms, zalo, email };
}

/**
 * Zalo's token pair in the database, refreshed by one process at a time under a transaction-scoped lock, in a short
 * transaction of its own (the dispatcher renews before its transaction, so the rotated pair is committed first).
 */
export function databaseTokenStore(db: Db, provider: string, clock: () => Date): ZaloTokenStore {
	return {
		locked: (work) =>
			db.transaction(async (tx) => {
				await lockProviderTokenRefresh(tx);
				const row = await lockProviderTokens(tx, provider);
				return work(row ? { accessToken: row.accessToken, refreshToken: row.refreshToken, expiresAt: row.expiresAt } : null, (tokens) =>
					saveProviderTokens(tx, { provider, ...tokens, updatedAt: clock() })
				);
			})
	};
}

/** The adapters the configuration names; also applies its text settings to the outbox. */
export function buildAdapters(config: NotifyConfig, deps: { db: Db; clock: () => Date; attachments?: AttachmentResolver }): Adapters {
	configureNotices(config.settings);
	configureCallbacks({
		esmsToken: config.sms.provider === 'esms' && config.sms.callbackToken ? config.sms.callbackToken : null,
		zalo: config.zalo.provider === 'zns' ? { appId: config.zalo.zalo.appId, oaSecretKey: config.zalo.oaSecretKey } : null
	});
	const sms = config.sms.provider === 'esms' ? esmsAdapter(config.sms.esms) : logAdapter;
	const zalo =
		config.zalo.provider === 'zns'
			? zaloZnsAdapter(config.zalo.zalo, zaloTokenKeeper(config.zalo.zalo, databaseTokenStore(deps.db, 'zalo', deps.clock), deps.clock))
			: logAdapter;
	const email = config.email.provider === 'smtp' ? smtpAdapter(config.email.smtp, deps.attachments) : logAdapter;
	return { sms, zalo, email };
}

