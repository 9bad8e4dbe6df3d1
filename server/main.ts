// Starts the API and the PWA on one port: PGlite under DATA_DIR by default, PostgreSQL with DATABASE_URL.
import { s3BlobStore } from './storage/blob-store';
import { loadS3Config } from './storage/config';
import { serve } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { DataDirLockedError, lockDataDir } from './db/data-dir-lock';
import { deleteExpiredRateLimits } from './db/rate-limits';
import { deletePositionsBefore } from './db/positions';
import { seedDemo } from './services/demo-seed';
import { checkConfiguredCertificate } from './services/utility-certificate';
import { loadHolidayCalendar } from './services/price-list';
import { keepHolidaysFresh } from './services/admin-settings';
import type { AppDeps } from './context';
import { dispatchDue } from './notify/dispatcher';
import { buildAdapters, loadNotifyConfig } from './notify/config';
import { contractPdf, documentStore } from './services/contract-document';
import { startOnlinePayment } from './payments/config';

const RATE_LIMIT_SWEEP_MS = 10 * 60_000;

async function main() {
	const config = loadConfig();
	let releaseLock = () => {};
	if (!config.databaseUrl) releaseLock = lockDataDir(config.dataDir);
	const runtime = { clock: () => new Date(), newId: () => randomUUID() };
	let seeded = false;
	const database = await openDatabase({
		databaseUrl: config.databaseUrl,
		pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
		// under the start-up lock: of several processes starting on an empty database, one seeds, the others see it
		afterMigrations: config.seedDemo
			? async (migrated) => {
					seeded = await seedDemo(migrated, runtime, config.holidays, runtime.clock());
				}
			: undefined
	});
	if (seeded) console.log('[start] demo data seeded (accounts: giamsat, doi1.an, doi2.cuong, doi3.hai … password "hientruong")');
	const utilitySigning = { p12Path: config.utilitySigningP12, passphrase: config.utilitySigningPassphrase, demoDir: path.join(config.dataDir, 'signing') };
	// a configured certificate is opened now: a wrong path or passphrase stops the start, not the first countersignature
	const certificate = await checkConfiguredCertificate(utilitySigning);
	console.log(
		certificate
			? `[start] countersignatures are signed with the certificate of ${certificate.commonName} (valid until ${certificate.validTo.toISOString().slice(0, 10)})`
			: `[start] no UTILITY_SIGNING_P12: countersignatures use self-signed demo certificates (one per unit) kept in ${utilitySigning.demoDir}`
	);
	const staticDir = fs.existsSync(path.join(config.staticDir, 'index.html')) ? config.staticDir : undefined;
	if (!staticDir) console.warn(`[start] no built PWA in ${config.staticDir}: serving the API only (run npm run build)`);
	const s3Config = loadS3Config(process.env);
	if (s3Config) console.log(`[start] photos in object storage: bucket ${s3Config.bucket}${s3Config.endpoint ? ` at ${s3Config.endpoint}` : ''}`);
	// online payment as configured; in demo mode a simulated card / e-wallet gateway starts beside the product
	const onlinePayment = await startOnlinePayment(process.env, { demo: config.seedDemo, host: config.host, port: config.port, publicUrl: config.publicUrl });
	const blobDir = path.join(config.dataDir, 'blobs');
	// photos in S3-compatible object storage when S3_BUCKET is set (several API machines), else on this disk
	const blobStore = s3Config ? s3BlobStore(s3Config) : undefined;
	const deps: AppDeps = {
		...runtime,
		database,
		// the administrator's holiday lists (database) over the configured calendar
		holidays: await loadHolidayCalendar(database.db, config.holidays),
		tokenTtlMs: config.tokenTtlMs,
		demoMode: config.seedDemo,
		blobDir,
		blobStore,
		blobMaxBytes: config.blobMaxBytes,
		paymentWebhookSecret: config.paymentWebhookSecret,
		codePolicy: config.codePolicy,
		publicUrl: config.publicUrl,
		tileUrl: config.tileUrl,
		selfReadingToleranceKwh: config.selfReadingToleranceKwh,
		abnormalReadingFactor: config.abnormalReadingFactor,
		rateLimits: config.rateLimits,
		utilitySigning,
		onlinePayment: onlinePayment.config,
		syncRetentionDays: config.syncRetentionDays,
		staticDir
	};
	const app = createApp(deps);
	// holidays an administrator changes on another API process count here within a minute, without a restart
	const holidayRefresh = keepHolidaysFresh(deps);
	// each channel's adapter as configured (README "Customer notices"); the log adapter when nothing is set
	const adapters = buildAdapters(loadNotifyConfig(process.env, config.publicUrl), {
		db: database.db,
		clock: runtime.clock,
		attachments: async (ref) => {
			// the stored, digitally signed file once the utility countersigned (documentStore), as the download serves it
			const pdf = await contractPdf(database.db, ref.requestId, runtime.clock(), documentStore({ blobDir, blobStore, utilitySigning }));
			return { filename: pdf.fileName, content: pdf.bytes, contentType: 'application/pdf' };
		}
	});
	let dispatching = false;
	const dispatcher = setInterval(() => {
		if (dispatching) return;
		dispatching = true;
		dispatchDue(database.db, adapters, runtime.clock(), { newId: runtime.newId })
			.catch((err) => console.error('[notify] dispatch failed, will retry', err))
			.finally(() => (dispatching = false));
	}, config.notifyIntervalMs);
	// finished rate-limit windows count nothing; any process may sweep them
	const rateLimitSweeper = setInterval(() => {
		deleteExpiredRateLimits(database.db, runtime.clock()).catch((err) => console.error('[limits] sweeping expired counters failed', err));
	}, RATE_LIMIT_SWEEP_MS);
	// crews' positions are kept POSITION_RETENTION_DAYS (default 30), then forgotten; any process may sweep them
	const positionRetentionMs = positiveDays(process.env.POSITION_RETENTION_DAYS, 30) * 86_400_000;
	const positionSweeper = setInterval(() => {
		deletePositionsBefore(database.db, new Date(runtime.clock().getTime() - positionRetentionMs)).catch((err) => console.error('[map] forgetting old crew positions failed', err));
	}, RATE_LIMIT_SWEEP_MS);
	const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
		const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
		console.log(`[start] Hiện Trường on http://localhost:${info.port} (${where})`);
	});
	// A client (a tablet, a reverse proxy, a test's request context) that reuses an idle keep-alive connection just as
	// the server closes it gets ECONNRESET. Node closes idle connections after 5 s; keep them longer than clients and
	// proxies usually do (60 s), so the server is not the side that closes first.
	const http = server as import('node:http').Server;
	http.keepAliveTimeout = 65_000;
	http.headersTimeout = 66_000;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		clearInterval(dispatcher);
		clearInterval(rateLimitSweeper);
		clearInterval(positionSweeper);
		holidayRefresh.stop();
		server.close();
		await onlinePayment.close();
		await database.close();
		releaseLock();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	if (err instanceof DataDirLockedError) {
		console.error(`[start] ${err.message}`);
	} else {
		console.error('[start] failed:', err);
	}
	process.exit(1);
});

/** A whole number of days from the environment; a bad value stops the start rather than keeping data forever. */
function positiveDays(raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw === '') return fallback;
	const days = Number(raw);
	if (!Number.isInteger(days) || days <= 0) throw new Error(`POSITION_RETENTION_DAYS must be a positive whole number of days, got "${raw}"`);
	return days;
}
