/*
 * Push: apply a device's commands exactly once, in its seq order (docs/sync-protocol.md).
 *
 * Each command is screened first, outside the transaction (screenCommand: storable text, envelope and payload
 * schemas). A command that fails is never part of a query; it is refused `invalid_data` in its place in the order.
 * A batch runs in one transaction that holds the device row locked. What the batch needs to read is read once
 * (stored results, command ids, photos, jobs); then, per command:
 *  - seq <= device.last_seq: already decided; answer the stored result again, apply nothing.
 *  - seq >  device.last_seq + 1: a gap; answer out_of_order for it and everything after it.
 *  - seq == device.last_seq + 1: screened out, it is logged as rejected with nothing of its content and last_seq
 *    advances. If a photo it names has not been uploaded, answer retry and stop
 *    (not a rejection: the tablet uploads and pushes again). Otherwise apply it: every domain refusal is
 *    decided before the command writes anything, so a refused command leaves only its log entry (with the
 *    reason) and still advances last_seq, so the crew sees it and the device moves on.
 * Set-based: the transition of a command that changes its request only through it (survey, estimate, a meter check
 * that replaces no meter) is decided in memory on the batch's locked row and written with the others in one UPDATE …
 * FROM unnest and one audit INSERT (flushed earlier before any command that may read its request in the database:
 * installation, signing, a replacement; only that request's for a command that touches no other, ownRequestOnly),
 * and so are estimates, meter checks, crews' readings, their notices' messages
 * and the jobs these and installations finish.
 * The meters of the batch's meter checks and installations are locked once, after the requests, in serial order, and
 * read with their readings (MeterMemo, kept current by every reading the batch writes; dropped by a command that may
 * change the register otherwise). What commands would each read again is read once per batch (BatchReads: the
 * signing-code key, the price list, customers and notice preferences, and what a precheck hands to its command), and
 * so are the active signing codes of the requests whose commands verify one, their attempts written in one UPDATE …
 * FROM unnest (BatchCodes: written first and read again around any command that may issue or retire codes).
 * The command log, crews' positions and the device's last_seq are written at the end of the batch, in the same
 * transaction as the effects: a crash or an unexpected error anywhere rolls the whole batch back (the tablet
 * gets a 5xx and pushes it again), so a command is either fully applied and logged or not at all.
 */
import type { SessionUser } from '../../src/lib/domain/api';
import { blobsOf, screenCommand, type CommandDataRefusal, type CommandEnvelope, type CommandResult, type PushedCommand, type PushResponse } from '../../src/lib/domain/commands';
import { isStorableText } from '../../src/lib/domain/text-guard';
import type { Db } from '../db/database';
import { commandLogsStatement, deviceSeqStatement, findCommandsByIds, findCommandsBySeqs, findJobs, lockOrCreateDevice, missingBlobs, surveysStatement, type CommandLogRow } from '../db/commands';
import { positionsStatement } from '../db/positions';
import { writeTogether } from '../db/write-together';
import { lockChanges } from '../db/changes';
import { lockRequests, type RequestRow } from '../db/requests';
import { photosOfCrew } from '../db/push-writes';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import { keepTakenWork } from './handovers';
import {
	afterRejection,
	applyFieldCommand,
	changesOnlyByTransition,
	decidedInBatch,
	mayDecideInBatch,
	fallsBack,
	flushDeferred,
	flushStatements,
	flushScopeOf,
	pricesAndNotifies,
	keepsCodes,
	keepsContracts,
	keepsMeters,
	keepsRequestRow,
	metersNamed,
	precheckFieldCommand,
	readsContract,
	settles,
	verifiesCode,
	type CommandOutcome,
	type FieldContext,
	type PushBatch
} from './field-commands';
import { codeKey, forgetCodes, takeCodeAttempts } from './signing-codes';
import { readPriceLists } from './price-list';
import { readNoticeCustomersOf } from '../notify/outbox';
import { forgetContract } from './contracts';
import { batchReads, noDeferred, type BatchReads } from './field-commands/types';
import { lockMeters, listReadingsOf } from '../db/meters';
import type { MeterMemo } from './meter-checks';

function storedResult(row: CommandLogRow): CommandResult {
	return {
		commandId: row.commandId,
		seq: row.seq,
		status: row.status,
		replayed: true,
		...(row.code ? { code: row.code } : {}),
		...(row.reasonVi ? { reason: { vi: row.reasonVi, en: row.reasonEn ?? '' } } : {}),
		...(row.fields ? { fields: row.fields } : {}),
		...(row.requestId && row.resultState && row.resultVersion != null
			? { request: { id: row.requestId, state: row.resultState, version: row.resultVersion } }
			: {})
	};
}

export async function pushCommands(db: Db, runtime: FieldContext, user: SessionUser, body: { deviceId: string; commands: readonly PushedCommand[] }): Promise<PushResponse> {
	const commands = [...body.commands].sort((a, b) => a.seq - b.seq);
	// decided before the transaction and kept away from every query: a malformed command is refused in its place
	const screened = new Map(commands.map((pushed) => [pushed, screenCommand(pushed)] as const));
	const wellFormed = (pushed: PushedCommand) => {
		const screen = screened.get(pushed)!;
		return screen.ok ? [screen.command] : [];
	};
	return db.transaction(async (tx) => {
		const now = runtime.clock();
		const device = await lockOrCreateDevice(tx, body.deviceId, user.id, now);
		if (device.userId !== user.id) {
			throw new DomainError('device_of_another_user', both(m.server_refusal_deviceOfAnotherUser));
		}
		let lastSeq = device.lastSeq;
		const freshPushed = commands.filter((c) => c.seq > lastSeq);
		const fresh = freshPushed.flatMap(wellFormed);
		const stored = new Map((await findCommandsBySeqs(tx, device.id, [...new Set(commands.filter((c) => c.seq <= lastSeq).map((c) => c.seq))])).map((r) => [r.seq, r]));
		const usedIds = new Set((await findCommandsByIds(tx, [...new Set(freshPushed.map((c) => c.commandId))])).map((r) => r.commandId));
		const named = [...new Set(fresh.flatMap((c) => blobsOf(c.name, c.payload)))];
		const missing = new Set(await missingBlobs(tx, named));
		const crewPhotos = await photosOfCrew(tx, user.crewId ?? '', named);
		const jobs = await findJobs(tx, [...new Set(fresh.map((c) => c.jobId))]);
		const ahead = await readLockFree(tx, now, fresh);
		// the change lock before any row lock, as every transition takes them
		await lockChanges(tx);
		const locked = await lockRequests(tx, [...new Set(fresh.map((c) => c.requestId))]);
		const reads = Object.assign(batchReads(readOnce(locked, fresh)), ahead);
		const batch: PushBatch = { jobs: new Map(jobs.map((j) => [j.id, j])), requests: new Map(locked.map((r) => [r.id, r])), positions: [], surveys: [], deferred: noDeferred(), meters: await lockedMeters(tx, fresh), crewPhotos, reads };
		const logRows: CommandLogRow[] = [];
		const results: CommandResult[] = [];
		for (const pushed of commands) {
			if (pushed.seq <= lastSeq) {
				const decided = stored.get(pushed.seq) ?? logRows.find((r) => r.seq === pushed.seq);
				if (decided) results.push(storedResult(decided));
				continue;
			}
			if (pushed.seq > lastSeq + 1) {
				results.push({
					commandId: pushed.commandId,
					seq: pushed.seq,
					status: 'out_of_order',
					replayed: false,
					code: 'seq_gap',
					reason: both(m.server_refusal_seqGap, { seq: lastSeq + 1 })
				});
				continue;
			}
			const screen = screened.get(pushed)!;
			if (!screen.ok) {
				const row = refusedLogRow(device.id, user.id, pushed, screen.refusal, now);
				usedIds.add(pushed.commandId);
				logRows.push(row);
				results.push({ ...storedResult(row), replayed: false });
				lastSeq = pushed.seq;
				continue;
			}
			const command = screen.command;
			const absent = blobsOf(command.name, command.payload).filter((sha) => missing.has(sha));
			if (absent.length > 0) {
				results.push({
					commandId: command.commandId,
					seq: command.seq,
					status: 'retry',
					replayed: false,
					code: 'blob_missing',
					reason: both(m.server_refusal_blobsMissing, { count: absent.length })
				});
				break;
			}
			const outcome = await decide(tx, runtime, user, device.id, command, usedIds.has(command.commandId), batch);
			usedIds.add(command.commandId);
			const row = logRow(device.id, user.id, command, outcome, now);
			logRows.push(row);
			results.push({ ...storedResult(row), replayed: false });
			lastSeq = command.seq;
		}
		// every write the batch still holds, in one round trip (each table once): the change lock is held until commit
		await writeTogether(tx, [
			...flushStatements(tx, batch),
			takeCodeAttempts(batch.reads),
			surveysStatement(tx, batch.surveys),
			commandLogsStatement(tx, logRows),
			positionsStatement(tx, batch.positions),
			deviceSeqStatement(tx, device.id, lastSeq, now)
		]);
		return { lastSeq, results };
	});
}

async function decide(
	tx: Db,
	runtime: FieldContext,
	user: SessionUser,
	deviceId: string,
	command: CommandEnvelope,
	idUsedBefore: boolean,
	batch: PushBatch
): Promise<CommandOutcome> {
	// A command id seen before under another seq is a client bug: refuse it rather than apply it twice.
	if (idUsedBefore) {
		return {
			ok: false,
			code: 'duplicate_command',
			reason: both(m.server_refusal_duplicateCommand)
		};
	}
	// a command that may read or write its request beyond its own transition sees every earlier one written
	const setBased = changesOnlyByTransition(command);
	// only its own request's, when that is all it reads and writes (ownRequestOnly); none yet for one decided in the
	// batch, which writes them itself before it reads or changes its request in the database (writePending)
	const scope = flushScopeOf(command);
	if (!setBased && !decidedInBatch(command, batch)) await flushDeferred(tx, batch, scope);
	// a command that may issue or retire signing codes sees the batch's attempts written, and the batch reads them again after
	if (!keepsCodes(command)) await forgetCodes(tx, batch.reads, scope?.requestId);
	// what the precheck writes (a signing-code attempt) stays even though the command is refused
	const refused = await precheckFieldCommand(tx, runtime, user, command, batch);
	let outcome = refused ?? (await applyFieldCommand(tx, runtime, user, deviceId, command, batch));
	// work on a job taken from the crew is kept for the supervisor, and the refusal names the request and customer
	if (!outcome.ok) await flushDeferred(tx, batch);
	if (!outcome.ok) outcome = await keepTakenWork(tx, runtime, user, deviceId, command, outcome);
	// a command that changes its request through its own transition alone keeps the batch's row; re-read after anything else
	if (!outcome.ok || !keepsRequestRow(command)) batch.requests.delete(command.requestId);
	// a command that may have changed the register otherwise than through the memo: read the meters again when needed
	if (!keepsMeters(command)) batch.meters?.clear();
	// a command that may change its request's contracts otherwise than through the batch's: read them again when needed
	if (!keepsContracts(command)) forgetContract(batch.reads, command.requestId);
	if (!outcome.ok && fallsBack(command, outcome)) await forgetCodes(tx, batch.reads, scope?.requestId);
	if (!outcome.ok) await afterRejection(tx, runtime, command, outcome);
	return outcome;
}

/**
 * What the batch reads that no lock protects, before its change lock so that no other push waits while it reads: the
 * price list and VAT rates with its requests' customers and their notice preferences (for commands that price and
 * notify), and the signing-code key (written once, never changed) for commands that verify a code.
 */
async function readLockFree(tx: Db, now: Date, commands: readonly CommandEnvelope[]): Promise<Partial<BatchReads>> {
	const ahead: Partial<BatchReads> = {};
	if (commands.some(pricesAndNotifies)) {
		await readPriceLists(tx, ahead);
		await readNoticeCustomersOf(tx, [...new Set(commands.map((c) => c.requestId))], ahead);
	}
	if (commands.some(verifiesCode)) await codeKey(tx, now, ahead);
	return ahead;
}

/** What the batch reads once at its first need: its requests' customers, the codes and contracts its commands check, its signatures' sums. */
function readOnce(locked: readonly RequestRow[], commands: readonly CommandEnvelope[]) {
	const requestsOf = (which: (command: CommandEnvelope) => boolean) => [...new Set(commands.filter(which).map((c) => c.requestId))];
	const othersTouch = new Set(requestsOf((c) => !mayDecideInBatch(c)));
	return {
		customerIds: [...new Set(locked.map((r) => r.customerId))],
		codeRequestIds: requestsOf(verifiesCode),
		contractRequestIds: requestsOf(readsContract),
		settlementRequestIds: requestsOf(settles),
		// requests none of whose commands changes an estimate, customer or unit
		sourceRequestIds: requestsOf(mayDecideInBatch).filter((id) => !othersTouch.has(id))
	};
}

/**
 * The meters the batch's meter checks and installations name (and a replacement's new serial, to find it taken),
 * locked in serial order after the requests, with their readings: two queries for the batch instead of two per command.
 */
async function lockedMeters(tx: Db, commands: readonly CommandEnvelope[]): Promise<MeterMemo> {
	const serials = new Set(commands.flatMap(metersNamed));
	const memo: MeterMemo = new Map();
	if (serials.size === 0) return memo;
	const sorted = [...serials].sort();
	const found = await lockMeters(tx, sorted);
	for (const serial of sorted) memo.set(serial, { found: undefined, readings: [] });
	for (const row of found) memo.get(row.meter.serial)!.found = row;
	for (const reading of await listReadingsOf(tx, found.map((r) => r.meter.serial))) memo.get(reading.meterSerial)?.readings.push(reading);
	return memo;
}

function logRow(deviceId: string, userId: string, command: CommandEnvelope, outcome: CommandOutcome, now: Date): CommandLogRow {
	return {
		deviceId,
		seq: command.seq,
		commandId: command.commandId,
		name: command.name,
		userId,
		requestId: command.requestId,
		jobId: command.jobId,
		status: outcome.ok ? ('applied' as const) : ('rejected' as const),
		code: outcome.ok ? null : outcome.code,
		reasonVi: outcome.ok ? null : outcome.reason.vi,
		reasonEn: outcome.ok ? null : outcome.reason.en,
		fields: outcome.ok ? null : (outcome.fields ?? null),
		resultState: outcome.ok ? outcome.request.state : null,
		resultVersion: outcome.ok ? outcome.request.version : null,
		deviceTime: new Date(command.deviceTime),
		receivedAt: now,
		lat: command.location?.lat ?? null,
		lng: command.location?.lng ?? null,
		accuracyM: command.location?.accuracyM ?? null,
		payload: command.payload ?? {}
	};
}

/** Only what was checked storable is kept of a command refused unread: its id, seq, the refusal, and ids that are clean text. */
function refusedLogRow(deviceId: string, userId: string, pushed: PushedCommand, refusal: CommandDataRefusal, now: Date): CommandLogRow {
	const cleanId = (value: unknown) => (typeof value === 'string' && value.length <= 64 && isStorableText(value) ? value : null);
	return {
		deviceId,
		seq: pushed.seq,
		commandId: pushed.commandId,
		name: cleanId(pushed.name) ?? '',
		userId,
		requestId: cleanId(pushed.requestId),
		jobId: cleanId(pushed.jobId),
		status: 'rejected',
		code: refusal.code,
		reasonVi: refusal.reason.vi,
		reasonEn: refusal.reason.en,
		fields: refusal.fields,
		resultState: null,
		resultVersion: null,
		deviceTime: null,
		receivedAt: now,
		lat: null,
		lng: null,
		accuracyM: null,
		payload: {}
	};
}
