// Test factories: each builds one row with sensible defaults; pass overrides for what the test is about.
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import type { JobKind } from '../../src/lib/domain/api';
import type { TransitionName } from '../../src/lib/domain/workflow';
import { createApp } from '../../server/app';
import type { RateLimitPolicy } from '../../server/limits';
import type { BlobStore } from '../../server/storage/blob-store';
import type { OnlinePaymentConfig } from '../../server/payments/config';
import { DEFAULT_CODE_POLICY } from '../../server/services/signing-codes';
import { insertMeter, insertReading } from '../../server/db/meters';
import { hashPassword } from '../../server/auth/password';
import { hashToken, newToken } from '../../server/auth/tokens';
import { insertSession } from '../../server/db/users';
import { insertCrew, insertCustomer, insertJob, insertUnit, insertUser } from '../../server/db/requests';
import { createRequest } from '../../server/services/requests';
import { transitionRequest, type Actor } from '../../server/services/workflow';
import { freshDatabase, type Driver } from './db';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEST_WEBHOOK_SECRET = 'bi-mat-cong-thanh-toan';
export const TEST_PASSWORD = 'mat-khau-thu';
// One hash for every test user, at a sixteenth of the product's scrypt cost: each login of the suite's hundreds
// verifies it (about 50 ms of CPU each at the product's cost, 3 ms at this one). The check is the same code; the
// hash carries its own parameters.
const passwordHash = hashPassword(TEST_PASSWORD, { N: 1024, r: 8, p: 1 });

export async function createTestContext(
	driver: Driver,
	opts: { now?: Date; staticDir?: string; blobMaxBytes?: number; blobStore?: BlobStore; persistent?: boolean; rateLimits?: Partial<RateLimitPolicy>; demoMode?: boolean; onlinePayment?: OnlinePaymentConfig } = {}
) {
	let database = await freshDatabase(driver, { persistent: opts.persistent });
	const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ht-blobs-'));
	let db = database.db;
	let now = opts.now ?? new Date('2026-11-23T02:00:00Z');
	let counter = 0;
	const next = (prefix: string) => `${prefix}-${++counter}`;
	const runtime = { clock: () => now, newId: () => next('id') };
	const build = () =>
		createApp({
			...runtime,
			database,
			holidays: DEFAULT_HOLIDAYS,
			tokenTtlMs: 24 * 3_600_000,
			demoMode: opts.demoMode ?? true,
			blobDir,
			blobStore: opts.blobStore,
			blobMaxBytes: opts.blobMaxBytes ?? 2 * 1024 * 1024,
			paymentWebhookSecret: TEST_WEBHOOK_SECRET,
			codePolicy: DEFAULT_CODE_POLICY,
			publicUrl: 'https://hientruong.test',
			tileUrl: 'https://tiles.hientruong.test/{z}/{x}/{y}.png',
			staticDir: opts.staticDir,
			rateLimits: opts.rateLimits,
			onlinePayment: opts.onlinePayment
		});
	let app = build();
	let adminToken: string | undefined;
	let defaultUnit: Promise<string> | undefined;

	const ctx = {
		get app() {
			return app;
		},
		get database() {
			return database;
		},
		get db() {
			return db;
		},
		blobDir,
		runtime,
		now: () => now,
		/** Stops the "server" and starts a new one on the same database and blob directory. */
		async restart() {
			database = await database.reopen();
			db = database.db;
			app = build();
		},
		setNow(at: Date) {
			now = at;
		},
		async makeUnit(overrides: Partial<{ id: string; name: string }> = {}) {
			const row = { id: next('unit'), name: 'Điện lực Thử nghiệm', ...overrides };
			await insertUnit(db, row);
			return row;
		},
		/** The unit requests, crews, meters and supervisors belong to unless a test names another. */
		defaultUnitId(): Promise<string> {
			defaultUnit ??= ctx.makeUnit({ name: 'Điện lực Hoàn Kiếm' }).then((u) => u.id);
			return defaultUnit;
		},
		async makeCrew(overrides: Partial<{ id: string; name: string; unitId: string }> = {}) {
			const unitId = overrides.unitId ?? (await ctx.defaultUnitId());
			const row = { id: next('crew'), name: `Tổ ${counter}`, ...overrides, unitId };
			await insertCrew(db, row);
			return row;
		},
		async makeUser(
			overrides: Partial<{ username: string; fullName: string; role: 'crew' | 'supervisor' | 'admin'; crewId: string | null; unitId: string | null }> = {}
		) {
			const role = overrides.role ?? 'crew';
			const crewId = overrides.crewId !== undefined ? overrides.crewId : role === 'crew' ? (await ctx.makeCrew()).id : null;
			const row = {
				id: next('user'),
				username: next('user'),
				fullName: 'Người Dùng Thử',
				role,
				unitId: role === 'supervisor' && overrides.unitId === undefined ? await ctx.defaultUnitId() : null,
				phone: null,
				createdAt: now,
				passwordHash: await passwordHash,
				...overrides,
				crewId
			};
			await insertUser(db, row);
			return row;
		},
		async makeCustomer(overrides: Partial<{ id: string; fullName: string; phone: string; email: string | null; address: string }> = {}) {
			const row = {
				id: next('kh'),
				fullName: 'Nguyễn Văn Khách',
				phone: '0912345678',
				email: 'khach@example.vn',
				address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
				...overrides
			};
			await insertCustomer(db, row);
			return row;
		},
		/** A request, optionally walked through transitions (as the roles the workflow requires). */
		async makeRequest(
			overrides: Partial<{ id: string; code: string; serviceNumber: number; unitId: string; customerId: string; receivedAt: Date; address: string }> = {},
			walk: TransitionName[] = []
		) {
			const id = overrides.id ?? next('yc');
			const unitId = overrides.unitId ?? (await ctx.defaultUnitId());
			const customerId = overrides.customerId ?? (await ctx.makeCustomer()).id;
			const input = {
				id,
				code: overrides.code ?? `YC-TEST-${counter}`,
				serviceNumber: overrides.serviceNumber ?? 1,
				customerId,
				unitId,
				address: overrides.address ?? 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
				location: { lat: 21.025, lng: 105.855 },
				receivedAt: overrides.receivedAt ?? now
			};
			const system: Actor = { userId: null, role: 'system' };
			await db.transaction(async (tx) => {
				await createRequest(tx, input, system, DEFAULT_HOLIDAYS);
				for (const name of walk) {
					const role = (['submitSurvey', 'submitEstimate', 'recordInstallation', 'signOnSite', 'recordMeterCheck'] as string[]).includes(name)
						? 'crew'
						: name === 'signRemote' || name === 'requestCorrection'
							? 'customer'
							: name === 'countersign'
								? 'supervisor'
								: 'system';
					const actor: Actor = { userId: null, role: name === 'scheduleSurvey' ? 'supervisor' : role };
					const outcome = await transitionRequest(tx, { requestId: id, name, actor, at: now });
					if (!outcome.ok) throw new Error(`makeRequest walk ${name}: ${outcome.reason.en}`);
				}
			});
			return input;
		},
		/** A meter in the register (5-digit mechanical, 1 phase) with its customer, and optional earlier readings. */
		async makeMeter(
			overrides: Partial<{ serial: string; customerId: string; unitId: string; registerDigits: number }> = {},
			readings: Array<{ kwh: number; at: Date; source?: 'utility' | 'crew' | 'customer' }> = []
		) {
			const row = {
				serial: overrides.serial ?? `CT${String(++counter).padStart(6, '0')}`,
				customerId: overrides.customerId ?? (await ctx.makeCustomer()).id,
				unitId: overrides.unitId ?? (await ctx.defaultUnitId()),
				phases: 1,
				type: 'mechanical' as const,
				registerDigits: overrides.registerDigits ?? 5,
				installedAt: new Date('2024-01-01T00:00:00Z')
			};
			await insertMeter(db, row);
			for (const r of readings) {
				await insertReading(db, { id: next('reading'), meterSerial: row.serial, kwh: r.kwh, takenAt: r.at, source: r.source ?? 'utility', recordedAt: r.at });
			}
			return row;
		},
		async makeJob(overrides: Partial<{ id: string; requestId: string; crewId: string; kind: JobKind; scheduledAt: Date }> = {}) {
			const row = {
				id: overrides.id ?? next('job'),
				requestId: overrides.requestId ?? (await ctx.makeRequest({}, ['scheduleSurvey'])).id,
				crewId: overrides.crewId ?? (await ctx.makeCrew()).id,
				kind: overrides.kind ?? 'survey',
				status: 'assigned' as const,
				scheduledAt: overrides.scheduledAt ?? now,
				notes: null,
				updatedAt: now
			};
			await insertJob(db, row);
			return row;
		},
		/** A live session of this user, made in the database (no password check, no login throttle): its bearer token. */
		async tokenFor(user: { id: string }): Promise<string> {
			const token = newToken();
			await insertSession(db, { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + 24 * 3_600_000) });
			return token;
		},
		/** The demo outbox as an admin reads it (every message; one request's with requestId). */
		async outbox(requestId?: string) {
			adminToken ??= await ctx.tokenFor(await ctx.makeUser({ role: 'admin', crewId: null }));
			return ctx.call('GET', `/api/dev/outbox${requestId === undefined ? '' : `?requestId=${encodeURIComponent(requestId)}`}`, { token: adminToken });
		},
		/** Logs in through the API and returns the bearer token. */
		async login(username: string, password = TEST_PASSWORD): Promise<string> {
			const res = await ctx.call('POST', '/api/auth/login', { body: { username, password } });
			if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
			return (res.body as { token: string }).token;
		},
		async call(
			method: string,
			path: string,
			opts: { body?: unknown; token?: string; rawBody?: string; bytes?: Uint8Array; contentType?: string; headers?: Record<string, string> } = {}
		) {
			const headers: Record<string, string> = { ...opts.headers };
			if (opts.token) headers.authorization = `Bearer ${opts.token}`;
			if (opts.body !== undefined || opts.rawBody !== undefined) headers['content-type'] = 'application/json';
			if (opts.bytes) headers['content-type'] = opts.contentType ?? 'application/octet-stream';
			const res = await app.request(path, {
				method,
				headers,
				body: (opts.bytes as BodyInit | undefined) ?? opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
			});
			const text = await res.text();
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// not JSON (the SPA shell): keep the text
			}
			return { status: res.status, body: body as any, headers: res.headers };
		},
		async close() {
			await database.drop();
			fs.rmSync(blobDir, { recursive: true, force: true });
		}
	};
	return ctx;
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
