// Push throughput for a mixed batch, as a crew's tablet sends it after a day offline: surveys and estimates (written
// set-based), and on-site signatures and installations (still applied one command at a time inside the batch),
// against the same commands pushed one per call (one small transaction each), in the same run, over several rounds.
// Meter checks are not in the mix yet (their setup needs a register, a check request and the customer's code).
import { randomUUID } from 'node:crypto';
import { eq, and } from 'drizzle-orm';
import type { SessionUser } from '../../src/lib/domain/api';
import { pushBody, type CommandEnvelope } from '../../src/lib/domain/commands';
import { DEFAULT_HOLIDAYS } from '../../src/lib/domain/holidays';
import type { Database } from '../../server/db/database';
import { latestContract } from '../../server/db/contracts';
import { blobs, estimates, jobs, requests } from '../../server/db/schema';
import { recordPayment } from '../../server/services/payments';
import { DEFAULT_CODE_POLICY, issueSigningCode } from '../../server/services/signing-codes';
import { estimatePayloadFor } from '../support/field';
import { type BenchRow, ms, onScratchPglite, onScratchPostgres } from './lib';
import { batches, benchCrew, pushAll, sha, surveyStageRequests, throughputRows, timed } from './push';

const BENCH = 'Push, mixed batch (pushCommands)';
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
/** Per round and per variant: 150 surveys + 150 estimates + 100 signatures + 100 installations = 500 commands. */
const SURVEYED = 150;
const INSTALLED = 100;
const PER_ROUND = SURVEYED * 2 + INSTALLED * 2;
const TARGETS = { postgres: { perS: 2_000, ratio: 3 }, pglite: { perS: 1_000, ratio: 1.5 } };
const CONTEXT = { holidays: DEFAULT_HOLIDAYS, codePolicy: DEFAULT_CODE_POLICY, publicUrl: 'https://hientruong.bench' };
const SIGNATURE = {
	imagePng: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	strokes: [[{ x: 1, y: 2, time: 0 }, { x: 5, y: 9, time: 30 }]],
	signerName: 'Nguyễn Văn Khách'
};

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
async function readyToInstall(database: Database, user: SessionUser, count: number, prefix: string): Promise<CommandEnvelope[]> {
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

/** One round's commands for one variant, in the order a tablet queued them: a survey then its estimate, a signature then its installation. */
async function mixedCommands(database: Database, user: SessionUser, prefix: string): Promise<CommandEnvelope[]> {
	const surveyed = (await surveyStageRequests(database, user, SURVEYED, `${prefix}-s`)).flatMap((s) => [s, estimateOf(s)]);
	const installed = await readyToInstall(database, user, INSTALLED, `${prefix}-i`);
	// interleaved as a day's work: two survey pairs, then a signing and installation
	const mixed: CommandEnvelope[] = [];
	for (let s = 0, i = 0; s < surveyed.length || i < installed.length; ) {
		mixed.push(...surveyed.slice(s, s + 3));
		s += 3;
		mixed.push(...installed.slice(i, i + 2));
		i += 2;
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
	for (let round = 0; round < ROUNDS; round++) {
		const start = performance.now();
		const setCommands = await mixedCommands(database, user, `r${round}set`);
		const loopCommands = await mixedCommands(database, user, `r${round}loop`);
		setupMs += performance.now() - start;
		const [setResult, setMs] = await timed(() => pushAll(database, user, batches(`bench-mixed-set-${round}`, setCommands), CONTEXT));
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
	const mix = `(${SURVEYED} surveys + ${SURVEYED} estimates + ${INSTALLED} signatures + ${INSTALLED} installations)`;
	return throughputRows(BENCH, { variant: `${variant}: batches of 500`, what: mix, setRates, loopRates, ratios, target, extra: `; setup ${ms(setupMs)}` });
}

export async function benchPushMixed(drivers = (process.env.BENCH_PUSH_DRIVERS ?? 'pglite,postgres').split(',')): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	if (drivers.includes('pglite')) {
		const found = await onScratchPglite(BENCH, measure);
		rows.push(...(Array.isArray(found) ? found : [found]));
	}
	if (drivers.includes('postgres')) {
		const found = await onScratchPostgres(BENCH, `≥ ${TARGETS.postgres.perS} cmd/s`, measure);
		rows.push(...(Array.isArray(found) ? found : [found]));
	}
	return rows;
}
