// Push throughput: how many submitSurvey commands per second the server's set-based pushCommands applies, against
// the same push one command (one small transaction) at a time and a bare multi-row INSERT of as many rows, measured in
// the same run over several rounds (median and spread), on a fresh PGlite data directory and on a scratch PostgreSQL
// database (created and dropped here).
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { SessionUser } from '../../src/lib/domain/api';
import { pushBody, type CommandEnvelope, type PushBody, type SurveyPayload } from '../../src/lib/domain/commands';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { openDatabase, type Database } from '../../server/db/database';
import { blobs } from '../../server/db/schema';
import { insertCrew, insertCustomer, insertJob, insertUnit, insertUser } from '../../server/db/requests';
import { pushCommands } from '../../server/services/push';
import type { FieldContext } from '../../server/services/field-commands/types';
import { createRequest } from '../../server/services/requests';
import { transitionRequest } from '../../server/services/workflow';
import { sql } from 'drizzle-orm';
import { type BenchRow, median, ms, onScratchPglite, onScratchPostgres } from './lib';

const BENCH = 'Push (pushCommands)';
export const PUSH_COMMANDS = 1_000;
/** Warm-up commands pushed from another device first (JIT, plan caches), not timed. */
const WARMUP_COMMANDS = 20;
/** The protocol's largest batch (pushBody: commands.max(500)). */
const BATCH = 500;
const DEFAULT_PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Scenario {
	user: SessionUser;
	/** One pending command list per device: the warm-up device, then the measured one. */
	warmup: CommandEnvelope[];
	measured: CommandEnvelope[];
}

/** A made-up photo hash (the bench inserts its blob row itself). */
export const sha = () => randomBytes(32).toString('hex');

export function surveyPayload(sitePhoto: string, meterPhoto: string): SurveyPayload {
	return {
		customerPresent: true,
		siteCondition: 'good',
		distanceM: 35,
		phases: 1,
		expectedLoadKw: 5.5,
		route: 'overhead',
		obstacles: 'Băng qua hẻm 2 m',
		notes: 'Khách đề nghị đặt công tơ ở trụ trước nhà',
		location: { lat: 16.4637, lng: 107.5909, accuracyM: 8 },
		sitePhotos: [sitePhoto],
		meterPhotos: [meterPhoto]
	};
}

/** The bench's unit, crew, crew member and customer: the crew pushes every command. */
export async function benchCrew(database: Database): Promise<SessionUser> {
	const { db } = database;
	const now = new Date();
	const unitId = 'bench-unit';
	const crewId = 'bench-crew';
	const user: SessionUser = {
		id: 'bench-user',
		username: 'to-khao-sat',
		fullName: 'Tổ Khảo Sát Bench',
		role: 'crew',
		crewId,
		crewName: 'Tổ 1',
		unitId
	};
	await insertUnit(db, { id: unitId, name: 'Điện lực Bench' });
	await insertCrew(db, { id: crewId, unitId, name: 'Tổ 1' });
	await insertUser(db, {
		id: user.id,
		username: user.username,
		fullName: user.fullName,
		role: 'crew',
		unitId: null,
		crewId,
		phone: null,
		createdAt: now,
		passwordHash: 'bench-not-a-real-hash'
	});
	await insertCustomer(db, { id: 'bench-kh', fullName: 'Nguyễn Văn Khách', phone: '0912345678', email: null, address: 'Huế' });
	return user;
}

/**
 * `count` requests in survey_scheduled, each with a survey job of the bench crew and its two photos uploaded by the
 * crew member; returns each one's submitSurvey envelope (seq 0: numbered by the caller).
 */
export async function surveyStageRequests(database: Database, user: SessionUser, count: number, prefix = 'bench'): Promise<CommandEnvelope[]> {
	const { db } = database;
	const now = new Date();
	const unitId = user.unitId!;
	const crewId = user.crewId!;
	const envelopes: CommandEnvelope[] = [];
	const CHUNK = 100;
	for (let start = 0; start < count; start += CHUNK) {
		await db.transaction(async (tx) => {
			const photoRows: (typeof blobs.$inferInsert)[] = [];
			for (let i = start; i < Math.min(count, start + CHUNK); i++) {
				const requestId = `${prefix}-yc-${i}`;
				const jobId = `${prefix}-job-${i}`;
				await createRequest(
					tx,
					{
						id: requestId,
						code: `YC-${prefix.toUpperCase()}-${String(i).padStart(5, '0')}`,
						serviceNumber: 1,
						customerId: 'bench-kh',
						unitId,
						address: `${i} Lê Lợi, Huế`,
						location: { lat: 16.46, lng: 107.59 },
						receivedAt: now
					},
					{ userId: null, role: 'system' },
					DEFAULT_HOLIDAYS
				);
				const scheduled = await transitionRequest(tx, { requestId, name: 'scheduleSurvey', actor: { userId: null, role: 'supervisor' }, at: now });
				if (!scheduled.ok) throw new Error(`scheduleSurvey: ${scheduled.reason.en}`);
				await insertJob(tx, { id: jobId, requestId, crewId, kind: 'survey', status: 'assigned', scheduledAt: now, notes: null, updatedAt: now });
				const site = sha();
				const meter = sha();
				for (const id of [site, meter]) photoRows.push({ sha256: id, size: 250_000, mime: 'image/jpeg', uploadedBy: user.id, createdAt: now });
				envelopes.push({
					commandId: randomUUID(),
					seq: 0,
					name: 'submitSurvey',
					requestId,
					jobId,
					baseVersion: scheduled.request.version,
					deviceTime: now.toISOString(),
					location: { lat: 16.4637, lng: 107.5909, accuracyM: 8 },
					payload: surveyPayload(site, meter)
				});
			}
			await tx.insert(blobs).values(photoRows);
		});
	}
	return envelopes;
}

/** 1,000 (+ warm-up) requests in survey_scheduled, each with a survey job of one crew, photos already uploaded. */
async function buildScenario(database: Database, count: number): Promise<Scenario> {
	const user = await benchCrew(database);
	const envelopes = await surveyStageRequests(database, user, count);
	const warmup = envelopes.slice(0, WARMUP_COMMANDS).map((c, i) => ({ ...c, seq: i + 1 }));
	const measured = envelopes.slice(WARMUP_COMMANDS).map((c, i) => ({ ...c, seq: i + 1 }));
	return { user, warmup, measured };
}

export function batches(deviceId: string, commands: CommandEnvelope[]): PushBody[] {
	const out: PushBody[] = [];
	for (let i = 0; i < commands.length; i += BATCH) {
		// Exactly what the API route would accept.
		out.push(pushBody.parse({ deviceId, commands: commands.slice(i, i + BATCH) }));
	}
	return out;
}

export async function pushAll(database: Database, user: SessionUser, bodies: PushBody[], context: Omit<FieldContext, 'clock' | 'newId'> = {}): Promise<{ applied: number; other: string[] }> {
	const runtime: FieldContext = { clock: () => new Date(), newId: () => randomUUID(), ...context };
	let applied = 0;
	const other: string[] = [];
	for (const body of bodies) {
		const response = await pushCommands(database.db, runtime, user, body);
		for (const result of response.results) {
			if (result.status === 'applied') applied++;
			else other.push(`${result.status}:${result.code ?? ''}`);
		}
	}
	return { applied, other };
}

/** Round trips to PostgreSQL (node-postgres client queries), to explain the throughput. */
let pgQueries = 0;
/** How many node-postgres queries ran so far while countPgQueries is on. */
export const pgQueryCount = () => pgQueries;
export function countPgQueries(): () => void {
	const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
	const original = proto.query;
	proto.query = function (this: unknown, ...args: unknown[]) {
		pgQueries++;
		return original.apply(this, args);
	};
	return () => {
		proto.query = original;
	};
}

/** Rounds of the same-run comparison: set-based batches, one small transaction per command, a bare multi-row INSERT. */
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const PER_ROUND = 500;
const TARGETS = { postgres: { perS: 2_000, ratio: 3 }, pglite: { perS: 1_000, ratio: 1.5 } };

export const spread = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now();
	const value = await fn();
	return [value, performance.now() - start];
}

/**
 * The two rows every push bench prints: the set-based rate (median and spread of the rounds) against its target, and
 * its ratio to the one-transaction-per-command loop measured in the same rounds.
 */
export function throughputRows(
	bench: string,
	run: { variant: string; what: string; setRates: number[]; loopRates: number[]; ratios: number[]; target: { perS: number; ratio: number }; extra: string }
): BenchRow[] {
	const setMedian = median(run.setRates);
	const ratio = median(run.ratios);
	const base = run.variant.split(':')[0];
	return [
		{
			bench,
			variant: run.variant,
			result: `${Math.round(setMedian)} cmd/s`,
			detail: `median of ${run.setRates.length} rounds × ${run.what}, spread ${spread(run.setRates)} cmd/s${run.extra}`,
			target: `≥ ${run.target.perS} cmd/s`,
			met: setMedian >= run.target.perS
		},
		{
			bench,
			variant: `${base}: vs one transaction per command`,
			result: `${ratio.toFixed(1)}×`,
			detail: `loop median ${Math.round(median(run.loopRates))} cmd/s (spread ${spread(run.loopRates)}); ratio spread ${Math.min(...run.ratios).toFixed(1)}–${Math.max(...run.ratios).toFixed(1)}×`,
			target: `≥ ${run.target.ratio}×`,
			met: ratio >= run.target.ratio
		}
	];
}

async function measure(database: Database, variant: string): Promise<BenchRow[]> {
	const isPg = variant.startsWith('PostgreSQL');
	const target = isPg ? TARGETS.postgres : TARGETS.pglite;
	const setupStart = performance.now();
	const scenario = await buildScenario(database, WARMUP_COMMANDS + ROUNDS * 2 * PER_ROUND);
	const setupMs = performance.now() - setupStart;
	const warm = await pushAll(database, scenario.user, batches('bench-warmup-device', scenario.warmup));
	if (warm.applied !== WARMUP_COMMANDS) throw new Error(`warm-up: ${warm.applied} applied, others ${warm.other.slice(0, 3).join(', ')}`);
	await database.db.execute(sql`CREATE TABLE bench_bare (id text PRIMARY KEY, request_id text NOT NULL, job_id text NOT NULL, data jsonb NOT NULL, submitted_at timestamptz NOT NULL)`);

	const setRates: number[] = [];
	const loopRates: number[] = [];
	const bareRates: number[] = [];
	const ratios: number[] = [];
	let queries = 0;
	for (let round = 0; round < ROUNDS; round++) {
		const slice = scenario.measured.slice(round * 2 * PER_ROUND, (round + 1) * 2 * PER_ROUND);
		const renumber = (list: CommandEnvelope[]) => list.map((c, i) => ({ ...c, seq: i + 1 }));
		const setCommands = renumber(slice.slice(0, PER_ROUND));
		const loopCommands = renumber(slice.slice(PER_ROUND));
		const queriesBefore = pgQueries;
		const [setResult, setMs] = await timed(() => pushAll(database, scenario.user, batches(`bench-set-${round}`, setCommands)));
		queries += pgQueries - queriesBefore;
		// the one-small-transaction-per-command loop: the same push, one command per call
		const [loopResult, loopMs] = await timed(() =>
			pushAll(database, scenario.user, loopCommands.map((c) => pushBody.parse({ deviceId: `bench-loop-${round}`, commands: [c] })))
		);
		for (const [name, result] of [['set-based', setResult], ['loop', loopResult]] as const) {
			if (result.applied !== PER_ROUND) throw new Error(`${name}: ${result.applied}/${PER_ROUND} applied; ${result.other.slice(0, 3).join(', ')}`);
		}
		// the floor: the same number of survey-sized rows in one bare multi-row INSERT
		const rows = setCommands.map((c) => ({ id: `${c.commandId}-${round}`, requestId: c.requestId, jobId: c.jobId, data: JSON.stringify(c.payload), at: new Date().toISOString() }));
		const [, bareMs] = await timed(() =>
			database.db.execute(sql`INSERT INTO bench_bare (id, request_id, job_id, data, submitted_at)
				SELECT * FROM unnest(${sql.param(rows.map((r) => r.id))}::text[], ${sql.param(rows.map((r) => r.requestId))}::text[],
					${sql.param(rows.map((r) => r.jobId))}::text[], ${sql.param(rows.map((r) => r.data))}::jsonb[], ${sql.param(rows.map((r) => r.at))}::timestamptz[])`)
		);
		setRates.push((PER_ROUND / setMs) * 1000);
		loopRates.push((PER_ROUND / loopMs) * 1000);
		bareRates.push((PER_ROUND / bareMs) * 1000);
		ratios.push(loopMs / setMs);
	}
	const setMedian = median(setRates);
	const perCmdQueries = queries > 0 ? `, ${(queries / (ROUNDS * PER_ROUND)).toFixed(1)} queries/cmd` : '';
	return [
		...throughputRows(BENCH, { variant: `${variant}: set-based, batches of ${BATCH}`, what: `${PER_ROUND} submitSurvey`, setRates, loopRates, ratios, target, extra: `${perCmdQueries}; setup ${ms(setupMs)}` }),
		{
			bench: BENCH,
			variant: `${variant}: bare multi-row INSERT (floor)`,
			result: `${Math.round(median(bareRates))} rows/s`,
			detail: `spread ${spread(bareRates)} rows/s; set-based push is ${(setMedian / median(bareRates) * 100).toFixed(1)} % of it`,
			target: '',
			met: null
		}
	];
}

async function onPglite(): Promise<BenchRow[]> {
	const rows = await onScratchPglite(BENCH, measure);
	return Array.isArray(rows) ? rows : [rows];
}

async function onPostgres(): Promise<BenchRow[]> {
	const uncount = countPgQueries();
	try {
		const rows = await onScratchPostgres(BENCH, `≥ ${TARGETS.postgres.perS} cmd/s`, measure);
		return Array.isArray(rows) ? rows : [rows];
	} finally {
		uncount();
	}
}

/** BENCH_PUSH_DRIVERS=postgres (or pglite) runs one driver only, e.g. under a profiler. */
export async function benchPush(drivers = (process.env.BENCH_PUSH_DRIVERS ?? 'pglite,postgres').split(',')): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	if (drivers.includes('pglite')) rows.push(...(await onPglite()));
	if (drivers.includes('postgres')) rows.push(...(await onPostgres()));
	return rows;
}
