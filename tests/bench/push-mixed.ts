// Push throughput for a mixed batch, as a crew's tablet sends it after a day offline: surveys, estimates and meter
// checks (written set-based), on-site signatures and installations (still applied one command at a time inside the
// batch), against the same commands pushed one per call (one small transaction each), in the same run, over several
// rounds. `mixedCommands` also prepares each device's work in the push-devices bench.
import { randomUUID } from 'node:crypto';
import { eq, and } from 'drizzle-orm';
import type { SessionUser } from '../../src/lib/domain/api';
import { pushBody, type CommandEnvelope } from '../../src/lib/domain/commands';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import { dispatchStepOf } from '../../src/lib/domain/processes';
import type { Database } from '../../server/db/database';
import { latestContract } from '../../server/db/contracts';
import { insertMeter, insertReading } from '../../server/db/meters';
import { insertJob } from '../../server/db/requests';
import { blobs, estimates, jobs, requests } from '../../server/db/schema';
import { recordPayment } from '../../server/services/payments';
import { createRequest } from '../../server/services/requests';
import { DEFAULT_CODE_POLICY, issueSigningCode } from '../../server/services/signing-codes';
import { transitionRequest } from '../../server/services/workflow';
import { estimatePayloadFor } from '../support/field';
import { type BenchRow, ms, onScratchPglite, onScratchPostgres } from './lib';
import { batches, benchCrew, countPgQueries, pgQueryCount, pushAll, sha, surveyStageRequests, throughputRows, timed } from './push';

const BENCH = 'Push, mixed batch (pushCommands)';
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
/** How many of each kind of work: `surveyed` surveys each with its estimate, `installed` signatures each with its installation, `checked` meter checks. */
export interface Mix {
	surveyed: number;
	installed: number;
	checked: number;
}
/** Per round and per variant: 120 surveys + 120 estimates + 80 signatures + 80 installations + 100 meter checks = 500 commands. */
const MIX: Mix = { surveyed: 120, installed: 80, checked: 100 };
export const commandsOf = (mix: Mix) => mix.surveyed * 2 + mix.installed * 2 + mix.checked;
export const mixWords = (mix: Mix) =>
	`${mix.surveyed} surveys + ${mix.surveyed} estimates + ${mix.installed} signatures + ${mix.installed} installations + ${mix.checked} meter checks`;
const PER_ROUND = commandsOf(MIX);
const TARGETS = { postgres: { perS: 2_000, ratio: 3 }, pglite: { perS: 1_000, ratio: 1.5 } };
export const CONTEXT = { holidays: DEFAULT_HOLIDAYS, codePolicy: DEFAULT_CODE_POLICY, publicUrl: 'https://hientruong.bench' };
const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Nguyễn Văn Khách'
};
const DAY = 24 * 3_600_000;

const estimateOf = (survey: CommandEnvelope): CommandEnvelope => ({
	...survey,
	commandId: randomUUID(),
	name: 'submitEstimate',
	baseVersion: survey.baseVersion + 1,
	payload: estimatePayloadFor(survey.payload as Parameters<typeof estimatePayloadFor>[0])
});

/**
 * Requests paid with their contract drafted and the crew's installation job: surveyed and estimated through the
 * push (not timed), paid at the counter, an on-site code issued. Returns each one's signature and installation.
 */
export async function readyToInstall(database: Database, user: SessionUser, count: number, prefix: string): Promise<CommandEnvelope[]> {
	const surveys = await surveyStageRequests(database, user, count, prefix);
	const estimates = surveys.map(estimateOf);
	const setup = await pushAll(database, user, batches(`${prefix}-setup`, surveys.flatMap((s, i) => [s, estimates[i]!]).map((c, i) => ({ ...c, seq: i + 1 }))), CONTEXT);
	if (setup.applied !== count * 2) throw new Error(`setup of ${prefix}: ${setup.applied}/${count * 2} applied; ${setup.other.slice(0, 3).join(', ')}`);
	const now = () => new Date();
	const runtime = { clock: now, newId: () => randomUUID() };
	const commands: CommandEnvelope[] = [];
	for (const [i, survey] of surveys.entries()) {
		const estimate = estimates[i]!.payload as ReturnType<typeof estimatePayloadFor>;
		await database.db.transaction(async (tx) => {
			const owed = await customerShare(tx, survey.requestId);
			await recordPayment(tx, { runtime, ...CONTEXT }, { requestId: survey.requestId, amount: owed, method: 'counter', provider: 'counter', providerTxnId: `BL-${survey.requestId}`, actor: { userId: null, role: 'system' } });
			const contract = (await latestContract(tx, survey.requestId))!;
			const { code } = await issueSigningCode(tx, runtime, { requestId: survey.requestId, subjectId: contract.id, purpose: 'on_site', policy: DEFAULT_CODE_POLICY });
			const [install] = await tx.select().from(jobs).where(and(eq(jobs.requestId, survey.requestId), eq(jobs.kind, 'installation')));
			const [paid] = await tx.select().from(requests).where(eq(requests.id, survey.requestId));
			if (!install || !paid) throw new Error(`${survey.requestId}: no installation job after the payment`);
			const photos = [sha(), sha(), sha()];
			await tx.insert(blobs).values(photos.map((sha256) => ({ sha256, size: 250_000, mime: 'image/jpeg', uploadedBy: user.id, createdAt: now() })));
			const target = { requestId: survey.requestId, jobId: install.id, deviceTime: now().toISOString(), location: survey.location };
			commands.push(
				{ ...target, commandId: randomUUID(), seq: 0, name: 'signOnSite', baseVersion: paid.version, payload: { contractVersion: contract.version, contractSha256: contract.sha256, code, signature: SIGNATURE } },
				{
					...target,
					commandId: randomUUID(),
					seq: 0,
					name: 'recordInstallation',
					baseVersion: paid.version + 1,
					payload: {
						materials: estimate.lines.map((l) => ({ ...l })),
						meterSerial: `PC-${survey.requestId}`.slice(0, 30),
						meterReadingKwh: 2,
						meterPhoto: photos[0],
						sealNumbers: ['NP-001'],
						beforePhotos: [photos[1]],
						afterPhotos: [photos[2]],
						notes: ''
					}
				}
			);
		});
	}
	return commands;
}

/** What the customer owes for the request's estimate (the estimate row the push stored). */
async function customerShare(tx: Parameters<Parameters<Database['db']['transaction']>[0]>[0], requestId: string): Promise<number> {
	const [row] = await tx.select({ owed: estimates.customerTotal }).from(estimates).where(eq(estimates.requestId, requestId));
	return Number(row!.owed);
}

/**
 * Meter checks (service 41) dispatched to the crew, as a supervisor's dispatch leaves them: a meter of the bench's
 * customer read 1000 and 1100 kWh twenty and ten days ago, its check request with the crew's meter_check job, the
 * customer's confirmation code issued, the reading photo uploaded. Returns each one's recordMeterCheck (an accurate
 * meter, 10 kWh a day since the last reading: usual).
 */
async function meterChecksReady(database: Database, user: SessionUser, count: number, prefix: string): Promise<CommandEnvelope[]> {
	const step = dispatchStepOf(41)!;
	const runtime = { clock: () => new Date(), newId: () => randomUUID() };
	const commands: CommandEnvelope[] = [];
	const CHUNK = 50;
	for (let start = 0; start < count; start += CHUNK) {
		await database.db.transaction(async (tx) => {
			const now = new Date();
			for (let i = start; i < Math.min(count, start + CHUNK); i++) {
				const serial = `CT-${prefix}-${i}`.toUpperCase().replace(/[^A-Z0-9-]/g, '').slice(0, 30);
				const requestId = `${prefix}-kt-${i}`;
				const jobId = `${prefix}-ktjob-${i}`;
				await insertMeter(tx, { serial, customerId: 'bench-kh', unitId: user.unitId!, phases: 1, type: 'mechanical', registerDigits: 5, installedAt: new Date('2024-01-01T00:00:00Z') });
				for (const [kwh, daysAgo] of [[1000, 20], [1100, 10]] as const) {
					const at = new Date(now.getTime() - daysAgo * DAY);
					await insertReading(tx, { id: randomUUID(), meterSerial: serial, kwh, takenAt: at, source: 'utility', recordedAt: at });
				}
				await createRequest(
					tx,
					{ id: requestId, code: `YC-${prefix.toUpperCase()}-K${String(i).padStart(5, '0')}`, serviceNumber: 41, customerId: 'bench-kh', unitId: user.unitId!, address: `${i} Trần Hưng Đạo, Huế`, location: { lat: 16.46, lng: 107.59 }, receivedAt: now, meterSerial: serial },
					{ userId: null, role: 'system' },
					DEFAULT_HOLIDAYS
				);
				const dispatched = await transitionRequest(tx, { requestId, name: step.transition, actor: { userId: null, role: 'supervisor' }, at: now });
				if (!dispatched.ok) throw new Error(`${step.transition}: ${dispatched.reason.en}`);
				await insertJob(tx, { id: jobId, requestId, crewId: user.crewId!, kind: 'meter_check', status: 'assigned', scheduledAt: now, notes: null, updatedAt: now });
				const { code } = await issueSigningCode(tx, runtime, { requestId, subjectId: jobId, purpose: 'meter_check', policy: DEFAULT_CODE_POLICY });
				const photo = sha();
				await tx.insert(blobs).values({ sha256: photo, size: 250_000, mime: 'image/jpeg', uploadedBy: user.id, createdAt: now });
				commands.push({
					commandId: randomUUID(),
					seq: 0,
					name: 'recordMeterCheck',
					requestId,
					jobId,
					baseVersion: dispatched.request.version,
					deviceTime: now.toISOString(),
					location: { lat: 16.4637, lng: 107.5909, accuracyM: 8 },
					payload: {
						meterSerial: serial,
						readingKwh: 1200,
						readingPhoto: photo,
						sealIntact: true,
						result: 'accurate',
						errorPercent: 0.4,
						action: 'none',
						notes: 'Khách hàng chứng kiến',
						location: { lat: 16.4637, lng: 107.5909, accuracyM: 8 },
						code,
						signature: SIGNATURE
					}
				});
			}
		});
	}
	return commands;
}

/**
 * One device's commands, in the order a tablet queued them (interleaved as a day's work: a survey and its estimate,
 * a signing and its installation, a meter check), numbered from seq 1.
 */
export async function mixedCommands(database: Database, user: SessionUser, prefix: string, mix: Mix = MIX): Promise<CommandEnvelope[]> {
	const surveyed = (await surveyStageRequests(database, user, mix.surveyed, `${prefix}-s`)).flatMap((s) => [s, estimateOf(s)]);
	const installed = mix.installed > 0 ? await readyToInstall(database, user, mix.installed, `${prefix}-i`) : [];
	const checked = mix.checked > 0 ? await meterChecksReady(database, user, mix.checked, `${prefix}-k`) : [];
	const mixed: CommandEnvelope[] = [];
	for (let s = 0, i = 0, k = 0; s < surveyed.length || i < installed.length || k < checked.length; s += 3, i += 2, k += 1) {
		mixed.push(...surveyed.slice(s, s + 3), ...installed.slice(i, i + 2), ...checked.slice(k, k + 1));
	}
	return mixed.map((c, i) => ({ ...c, seq: i + 1 }));
}

async function measure(database: Database, variant: string): Promise<BenchRow[]> {
	const isPg = variant.startsWith('PostgreSQL');
	const target = isPg ? TARGETS.postgres : TARGETS.pglite;
	const user = await benchCrew(database);
	const setRates: number[] = [];
	const loopRates: number[] = [];
	const ratios: number[] = [];
	let setupMs = 0;
	let queries = 0;
	for (let round = 0; round < ROUNDS; round++) {
		const start = performance.now();
		const setCommands = await mixedCommands(database, user, `r${round}set`);
		const loopCommands = await mixedCommands(database, user, `r${round}loop`);
		setupMs += performance.now() - start;
		const queriesBefore = pgQueryCount();
		const [setResult, setMs] = await timed(() => pushAll(database, user, batches(`bench-mixed-set-${round}`, setCommands), CONTEXT));
		queries += pgQueryCount() - queriesBefore;
		const [loopResult, loopMs] = await timed(() =>
			pushAll(database, user, loopCommands.map((c) => pushBody.parse({ deviceId: `bench-mixed-loop-${round}`, commands: [c] })), CONTEXT)
		);
		for (const [name, result] of [['set-based', setResult], ['loop', loopResult]] as const) {
			if (result.applied !== PER_ROUND) throw new Error(`${name}: ${result.applied}/${PER_ROUND} applied; ${result.other.slice(0, 3).join(', ')}`);
		}
		setRates.push((PER_ROUND / setMs) * 1000);
		loopRates.push((PER_ROUND / loopMs) * 1000);
		ratios.push(loopMs / setMs);
	}
	const mix = `(${mixWords(MIX)})`;
	return throughputRows(BENCH, { variant: `${variant}: batches of 500`, what: mix, setRates, loopRates, ratios, target, extra: `${queries > 0 ? `, ${Math.round(queries / ROUNDS)} queries per round of ${PER_ROUND} (${(queries / (ROUNDS * PER_ROUND)).toFixed(2)} per command)` : ''}; setup ${ms(setupMs)}` });
}

export async function benchPushMixed(drivers = (process.env.BENCH_PUSH_DRIVERS ?? 'pglite,postgres').split(',')): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	if (drivers.includes('pglite')) {
		const found = await onScratchPglite(BENCH, measure);
		rows.push(...(Array.isArray(found) ? found : [found]));
	}
	if (drivers.includes('postgres')) {
		const uncount = countPgQueries();
		try {
			const found = await onScratchPostgres(BENCH, `≥ ${TARGETS.postgres.perS} cmd/s`, measure);
			rows.push(...(Array.isArray(found) ? found : [found]));
		} finally {
			uncount();
		}
	}
	return rows;
}
