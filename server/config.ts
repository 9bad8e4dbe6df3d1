import fs from 'node:fs';
import path from 'node:path';
import { createHolidayCalendar, type HolidayCalendar } from '../src/lib/domain/holidays';
import { DEFAULT_RATE_LIMITS, type RateLimitPolicy } from './limits';
import type { SmtpOptions } from './notify/smtp';
import { DEFAULT_CODE_POLICY, type CodePolicy } from './services/signing-codes';

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	databaseUrl?: string;
	staticDir: string;
	seedDemo: boolean;
	tokenTtlMs: number;
	holidays: HolidayCalendar;
	blobMaxBytes: number;
	/** How often queued customer notices are dispatched. */
	notifyIntervalMs: number;
	paymentWebhookSecret?: string;
	codePolicy: CodePolicy;
	publicUrl: string;
	tileUrl: string;
	selfReadingToleranceKwh: number;
	abnormalReadingFactor: number;
	/** Emails go through this relay when SMTP_HOST is set; otherwise to the log. */
	smtp?: SmtpOptions;
	rateLimits: RateLimitPolicy;
	/** The utility's PKCS#12 certificate for countersignatures; unset: a self-signed demo certificate per unit under DATA_DIR/signing. */
	utilitySigningP12?: string;
	utilitySigningPassphrase?: string;
	/** Closed jobs stay on the crews' tablets this many days, then the pull drops them. */
	syncRetentionDays: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
	return value;
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be 0 or a positive integer, got "${raw}"`);
	return value;
}

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
	return value;
}

/** HOLIDAYS_FILE: JSON { "2027": ["2027-01-01", ...] } replacing those years' public holidays. */
function loadHolidays(file: string | undefined): HolidayCalendar {
	if (!file) return createHolidayCalendar();
	const overrides = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>;
	return createHolidayCalendar(Object.fromEntries(Object.entries(overrides).map(([y, days]) => [Number(y), days])));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		// 0: any free port (the start-up line names it)
		port: nonNegativeInt(env, 'PORT', 3000),
		host: env.HOST || '0.0.0.0',
		dataDir: path.resolve(env.DATA_DIR || 'data'),
		databaseUrl: env.DATABASE_URL || undefined,
		staticDir: path.resolve(env.STATIC_DIR || 'build'),
		seedDemo: env.SEED_DEMO !== '0' && env.SEED_DEMO !== 'false',
		tokenTtlMs: positiveInt(env, 'TOKEN_TTL_DAYS', 30) * 24 * 3_600_000,
		holidays: loadHolidays(env.HOLIDAYS_FILE),
		blobMaxBytes: positiveInt(env, 'BLOB_MAX_BYTES', 2 * 1024 * 1024),
		notifyIntervalMs: positiveInt(env, 'NOTIFY_INTERVAL_MS', 5_000),
		paymentWebhookSecret: env.PAYMENT_WEBHOOK_SECRET || undefined,
		selfReadingToleranceKwh: positiveNumber(env, 'SELF_READING_TOLERANCE_KWH', 1),
		abnormalReadingFactor: positiveNumber(env, 'ABNORMAL_READING_FACTOR', 3),
		tileUrl: env.TILE_URL || DEFAULT_TILE_URL,
		publicUrl: env.PUBLIC_URL || `http://localhost:${nonNegativeInt(env, 'PORT', 3000)}`,
		codePolicy: {
			onSiteTtlMs: positiveInt(env, 'SIGNING_CODE_TTL_HOURS', DEFAULT_CODE_POLICY.onSiteTtlMs / 3_600_000) * 3_600_000,
			portalTtlMs: positiveInt(env, 'PORTAL_CODE_TTL_MINUTES', DEFAULT_CODE_POLICY.portalTtlMs / 60_000) * 60_000,
			maxAttempts: positiveInt(env, 'SIGNING_CODE_MAX_ATTEMPTS', DEFAULT_CODE_POLICY.maxAttempts)
		},
		rateLimits: {
			loginFailuresPerAccount: positiveInt(env, 'LOGIN_MAX_FAILURES', DEFAULT_RATE_LIMITS.loginFailuresPerAccount),
			loginFailuresPerAddress: positiveInt(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', DEFAULT_RATE_LIMITS.loginFailuresPerAddress),
			loginLockoutSeconds: positiveInt(env, 'LOGIN_LOCKOUT_MINUTES', DEFAULT_RATE_LIMITS.loginLockoutSeconds / 60) * 60,
			portalCorrectionsPerHour: positiveInt(env, 'PORTAL_CORRECTIONS_PER_HOUR', DEFAULT_RATE_LIMITS.portalCorrectionsPerHour),
			selfReadingUploadsPerHour: positiveInt(env, 'SELF_READING_UPLOADS_PER_HOUR', DEFAULT_RATE_LIMITS.selfReadingUploadsPerHour),
			selfReadingUploadMbPerHour: positiveInt(env, 'SELF_READING_UPLOAD_MB_PER_HOUR', DEFAULT_RATE_LIMITS.selfReadingUploadMbPerHour),
			codeSendsPerHour: positiveInt(env, 'CODE_SENDS_PER_HOUR', DEFAULT_RATE_LIMITS.codeSendsPerHour),
			trustedProxies: nonNegativeInt(env, 'TRUST_PROXY', DEFAULT_RATE_LIMITS.trustedProxies)
		},
		utilitySigningP12: env.UTILITY_SIGNING_P12 ? path.resolve(env.UTILITY_SIGNING_P12) : undefined,
		utilitySigningPassphrase: env.UTILITY_SIGNING_PASSPHRASE || undefined,
		syncRetentionDays: positiveInt(env, 'SYNC_RETENTION_DAYS', 14),
		smtp: env.SMTP_HOST
			? {
					host: env.SMTP_HOST,
					port: positiveInt(env, 'SMTP_PORT', 25),
					secure: env.SMTP_SECURE === '1' || env.SMTP_SECURE === 'true',
					from: env.SMTP_FROM || 'Điện lực <no-reply@hientruong.local>',
					user: env.SMTP_USER || undefined,
					pass: env.SMTP_PASS || undefined
				}
			: undefined
	};
}
