// Push throughput: how many submitSurvey commands per second the server's pushCommands applies,
// on a fresh PGlite data directory and on a scratch PostgreSQL database (created and dropped here).
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
import { createRequest } from '../../server/services/requests';
import { transitionRequest } from '../../server/services/workflow';
import { type BenchRow, ms, onScratchPglite, onScratchPostgres } from './lib';

const BENCH = 'Push (pushCommands)';
export const PUSH_COMMANDS = 1_000;
/** Warm-up commands pushed from another device first (JIT, plan caches), not timed. */
const WARMUP_COMMANDS = 20;
/** The protocol's largest batch (pushBody: commands.max(500)). */
const BATCH = 500;
const TARGET_PER_S = 1_000;
const DEFAULT_PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Scenario {
	user: SessionUser;
	/** One pending command list per device: the warm-up device, then the measured one. */
	warmup: CommandEnvelope[];
	measured: CommandEnvelope[];
}

const sha = () => randomBytes(32).toString('hex');

function surveyPayload(sitePhoto: string, meterPhoto: string): SurveyPayload {
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

/** 1,000 (+ warm-up) requests in survey_scheduled, each with a survey job of one crew, photos already uploaded. */
async function buildScenario(database: Database, count: number): Promise<Scenario> {
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

	const envelopes: CommandEnvelope[] = [];
	const CHUNK = 100;
	for (let start = 0; start < count; start += CHUNK) {
		await db.transaction(async (tx) => {
			const photoRows: (typeof blobs.$inferInsert)[] = [];
			for (let i = start; i < Math.min(count, start + CHUNK); i++) {
				const requestId = `bench-yc-${i}`;
				const jobId = `bench-job-${i}`;
				await createRequest(
					tx,
					{
						id: requestId,
						code: `YC-BENCH-${String(i).padStart(5, '0')}`,
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
	const warmup = envelopes.slice(0, WARMUP_COMMANDS).map((c, i) => ({ ...c, seq: i + 1 }));
	const measured = envelopes.slice(WARMUP_COMMANDS).map((c, i) => ({ ...c, seq: i + 1 }));
	return { user, warmup, measured };
}

function batches(deviceId: string, commands: CommandEnvelope[]): PushBody[] {
	const out: PushBody[] = [];
	for (let i = 0; i < commands.length; i += BATCH) {
		// Exactly what the API route would accept.
		out.push(pushBody.parse({ deviceId, commands: commands.slice(i, i + BATCH) }));
	}
	return out;
}

async function pushAll(database: Database, user: SessionUser, bodies: PushBody[]): Promise<{ applied: number; other: string[] }> {
	const runtime = { clock: () => new Date(), newId: () => randomUUID() };
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
function countPgQueries(): () => void {
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

async function measure(database: Database, variant: string): Promise<BenchRow> {
	const setupStart = performance.now();
	const scenario = await buildScenario(database, PUSH_COMMANDS + WARMUP_COMMANDS);
	const setupMs = performance.now() - setupStart;

	const warm = await pushAll(database, scenario.user, batches('bench-warmup-device', scenario.warmup));
	if (warm.applied !== WARMUP_COMMANDS) throw new Error(`warm-up: ${warm.applied} applied, others ${warm.other.slice(0, 3).join(', ')}`);

	const bodies = batches('bench-tablet-0001', scenario.measured);
	const queriesBefore = pgQueries;
	const cpuBefore = process.cpuUsage();
	const start = performance.now();
	const { applied, other } = await pushAll(database, scenario.user, bodies);
	const elapsed = performance.now() - start;
	const cpu = process.cpuUsage(cpuBefore);
	/** Share of the wall time this Node process spent on CPU (the rest: waiting for the database, or for other processes). */
	const nodeCpu = (cpu.user + cpu.system) / 1000 / elapsed;
	const queries = pgQueries - queriesBefore;
	if (applied !== PUSH_COMMANDS) {
		throw new Error(`${applied}/${PUSH_COMMANDS} applied; first others: ${other.slice(0, 3).join(', ')}`);
	}
	const perSecond = (applied / elapsed) * 1000;
	return {
		bench: BENCH,
		variant,
		result: `${Math.round(perSecond)} cmd/s`,
		detail: `${applied} submitSurvey in ${bodies.length}×${BATCH}: ${ms(elapsed)} (${(elapsed / applied).toFixed(2)} ms/cmd${queries > 0 ? `, ${(queries / applied).toFixed(1)} queries/cmd` : ''}; Node CPU ${Math.round(nodeCpu * 100)} %; setup ${ms(setupMs)})`,
		target: variant.startsWith('PostgreSQL') ? `≥ ${TARGET_PER_S} cmd/s` : '',
		met: variant.startsWith('PostgreSQL') ? perSecond >= TARGET_PER_S : null
	};
}

async function onPglite(): Promise<BenchRow> {
	return onScratchPglite(BENCH, measure);
}

async function onPostgres(): Promise<BenchRow> {
	const uncount = countPgQueries();
	try {
		return await onScratchPostgres(BENCH, `≥ ${TARGET_PER_S} cmd/s`, measure);
	} finally {
		uncount();
	}
}

/** BENCH_PUSH_DRIVERS=postgres (or pglite) runs one driver only, e.g. under a profiler. */
export async function benchPush(drivers = (process.env.BENCH_PUSH_DRIVERS ?? 'pglite,postgres').split(',')): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	if (drivers.includes('pglite')) rows.push(await onPglite());
	if (drivers.includes('postgres')) rows.push(await onPostgres());
	return rows;
}
