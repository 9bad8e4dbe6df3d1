import type { SessionUser } from '../src/lib/domain/api';
import type { HolidayCalendar } from '../src/lib/domain/holidays';
import type { Database } from './db/database';
import type { Runtime } from './services/clock';
import type { CodePolicy } from './services/signing-codes';
import type { RateLimitPolicy } from './limits';
import type { UtilitySigningConfig } from './services/utility-certificate';

export interface AppDeps extends Runtime {
	database: Database;
	holidays: HolidayCalendar;
	tokenTtlMs: number;
	/** Demo mode exposes /api/dev/* helpers; never on in a real deployment. */
	demoMode: boolean;
	/** Where photo bytes live on disk (DATA_DIR/blobs), unless `blobStore` is given. */
	blobDir: string;
	/** Photos and documents in S3-compatible object storage (S3_BUCKET…); omitted: the disk under blobDir. */
	blobStore?: import('./storage/blob-store').BlobStore;
	/** Largest photo accepted, in bytes. */
	blobMaxBytes: number;
	/** Shared secret of the payment provider's webhook signature; unset: the webhook answers 503. */
	paymentWebhookSecret?: string;
	/** Base URL customers open (portal links in SMS and email). */
	publicUrl: string;
	/** Lifetimes and attempts of signing codes. */
	codePolicy: CodePolicy;
	/** A customer's own reading may differ from the utility's of the same day by this much (kWh) before it is a complaint. */
	selfReadingToleranceKwh?: number;
	/** A reading above this multiple of the usual daily use is flagged abnormal. */
	abnormalReadingFactor?: number;
	/** Map tiles ({z}/{x}/{y}) the PWA's maps load. */
	tileUrl: string;
	/** Login throttling and the customer links' limits; omitted values take DEFAULT_RATE_LIMITS. */
	rateLimits?: Partial<RateLimitPolicy>;
	/** The utility's signing certificate (PKCS#12 from config, or demo certificates); omitted: demo ones in DATA_DIR/signing. */
	utilitySigning?: UtilitySigningConfig;
	/** Online payment: the VietQR account and the card / e-wallet gateway (server/payments/config.ts); omitted: neither. */
	onlinePayment?: import('./payments/config').OnlinePaymentConfig;
	/** Closed jobs stay on the crews' tablets this many days (SYNC_RETENTION_DAYS); omitted: 14. */
	syncRetentionDays?: number;
	/** Built PWA (adapter-static output) to serve; omitted: API only. */
	staticDir?: string;
}

export type AppEnv = {
	Variables: {
		deps: AppDeps;
		user: SessionUser;
		token: string;
	};
};
