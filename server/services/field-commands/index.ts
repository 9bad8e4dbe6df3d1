// The effect of each field command inside the push's transaction. The registry (src/lib/domain/field-commands)
// declares each command; the checks every command shares run here, then the command's own module beside this one
// (<name>.ts) checks what needs the database and writes. Every refusal is decided before the command writes anything,
// so a refused command leaves no trace but its log entry; the one deliberate exception is the precheck (a signing
// code's wrong attempt counts even though the command is refused).
import type { SessionUser } from '../../../src/lib/domain/api';
import { blobsOf, parseCommandPayload, type CommandEnvelope } from '../../../src/lib/domain/commands';
import { fieldCommand, installationJobDone, jobRefusal, type CommandName } from '../../../src/lib/domain/field-commands';
import type { Db } from '../../db/database';
import { findJob, setJobStatus, surveysStatement, type JobRow } from '../../db/commands';
import { requestProgress } from '../../db/field-commands';
import { positionsStatement } from '../../db/positions';
import { auditEntryOf, transitionRequest } from '../workflow';
import { applyTransition } from '../../../src/lib/domain/workflow';
import { auditsStatement, estimatesStatement, jobsDoneStatement, requestStatesStatement } from '../../db/push-writes';
import { meterChecksStatement, readingsStatement } from '../../db/meters';
import { notificationsStatement } from '../../db/notifications';
import { installationsStatement } from '../../db/field-commands';
import { signaturesStatement } from '../../db/contracts';
import { writeTogether, type Statement } from '../../db/write-together';
import { photosNotOfCrew } from '../blobs';
import submitSurvey from './submit-survey';
import submitEstimate from './submit-estimate';
import recordInstallation from './record-installation';
import signOnSite from './sign-on-site';
import requestRemoteSigning from './request-remote-signing';
import recordMeterCheck from './record-meter-check';
import recordFix from './record-fix';
import { noDeferred, reject, type Accepted, type Deferred, type CommandOutcome, type FieldContext, type PushBatch, type Rejection, type ServerCommand } from './types';
import { both } from '../../../src/lib/text';
import { m } from '../../../src/lib/paraglide/messages.js';

export { signingContextOf } from './context';
export type { CommandOutcome, FieldContext, PushBatch, Rejection } from './types';

/** Each command's server module, by name: a command in the registry without one is a type error. */
export const serverCommands: { [N in CommandName]: ServerCommand<never, never> } = {
	submitSurvey,
	submitEstimate,
	recordInstallation,
	signOnSite,
	requestRemoteSigning,
	recordMeterCheck,
	recordFix
} as never;

const moduleOf = (name: CommandName) => serverCommands[name] as unknown as ServerCommand<unknown, unknown>;

type Checked = ({ ok: true; name: CommandName } & Accepted<unknown>) | Rejection;

/** The checks every command shares, in order: known, its schema, the job the crew's own, not cancelled, of its kind, photos its own. */
async function checkCommand(tx: Db, user: SessionUser, command: CommandEnvelope, batch?: PushBatch): Promise<Checked> {
	const def = fieldCommand(command.name);
	if (!def) return reject('unknown_command', both(m.server_refusal_unknownCommand, { name: command.name }));
	const name = def.name as CommandName;
	// the same check (and refusal) as the push's screening, for a command applied on its own
	const parsed = parseCommandPayload(name, command.payload);
	if (!parsed.ok) return { ok: false, ...parsed.refusal };
	const job = batch?.jobs.get(command.jobId) ?? (await findJob(tx, command.jobId));
	if (!job || job.requestId !== command.requestId) return reject('job_not_found', both(m.server_refusal_jobNotOnServer));
	if (job.crewId !== user.crewId) {
		return reject('job_reassigned', both(m.server_refusal_jobReassignedPlain));
	}
	const refused = jobRefusal(def, job);
	if (refused) return reject(refused.code, refused.reason);
	const ownAll = batch?.crewPhotos && blobsOf(command.name, command.payload).every((sha) => batch.crewPhotos!.has(sha));
	const notOwn = ownAll ? null : await photosNotOfCrew(tx, user, command);
	if (notOwn) return notOwn;
	return { ok: true, name, command, payload: parsed.data, job, user, ...(batch ? { batch } : {}) };
}

/** Runs before the command is applied (its module's precheck); what it writes stays. Null: nothing to say, go on. */
export async function precheckFieldCommand(tx: Db, ctx: FieldContext, user: SessionUser, command: CommandEnvelope, batch?: PushBatch): Promise<Rejection | null> {
	const def = fieldCommand(command.name);
	if (!def || !moduleOf(def.name as CommandName).precheck) return null;
	const checked = await checkCommand(tx, user, command, batch);
	if (!checked.ok) return null; // applyFieldCommand gives the same refusal
	return moduleOf(checked.name).precheck!(tx, ctx, checked);
}

/** After a refusal, the command's module may act on it (a refused on-site signature falls back to remote signing). */
export async function afterRejection(tx: Db, ctx: FieldContext, command: CommandEnvelope, rejection: Rejection): Promise<void> {
	const def = fieldCommand(command.name);
	if (def) await moduleOf(def.name as CommandName).afterRejection?.(tx, ctx, command, rejection);
}

/**
 * The command changes its request only through its own transition and its module lets it be written set-based (a
 * meter check replacing the meter is not), so a push batch may decide it in memory, keep its locked row and defer
 * its writes.
 */
export function changesOnlyByTransition(command: Pick<CommandEnvelope, 'name' | 'payload'>): boolean {
	const def = fieldCommand(command.name);
	if (!def?.transitionOnly) return false;
	return moduleOf(def.name as CommandName).setBased?.(command.payload) ?? true;
}

/** The server module of a registered command (undefined for a name the registry does not know). */
function moduleFor(name: string): ServerCommand<unknown, unknown> | undefined {
	const def = fieldCommand(name);
	return def ? moduleOf(def.name as CommandName) : undefined;
}

type ModuleFlag = 'keepsMeters' | 'verifiesCode' | 'keepsCodes' | 'readsContract' | 'settles' | 'ownRequestOnly' | 'keepsRequestRow' | 'decidedInBatch' | 'pricesAndNotifies';

/** A module's declaration about itself; `unknown`: what to assume of a command the registry does not know. */
function declares(name: string, flag: ModuleFlag, unknown: boolean): boolean {
	const module = moduleFor(name);
	return module ? (module[flag] ?? false) : unknown;
}

/** After the command applied, the batch's locked row of its request is still what the database holds. */
export function keepsRequestRow(command: Pick<CommandEnvelope, 'name' | 'payload'>): boolean {
	return changesOnlyByTransition(command) || declares(command.name, 'keepsRequestRow', false);
}

/** After the command, the batch's memo of meters still holds what the database would answer (MeterMemo). */
export function keepsMeters(command: Pick<CommandEnvelope, 'name' | 'payload'>): boolean {
	return changesOnlyByTransition(command) || declares(command.name, 'keepsMeters', true);
}

/**
 * The command writes signing codes only through the batch's codes (BatchCodes) or after forgetting its request's there
 * itself (keepsCodes): a set-based one writes none.
 */
export function keepsCodes(command: Pick<CommandEnvelope, 'name' | 'payload'>): boolean {
	return changesOnlyByTransition(command) || declares(command.name, 'verifiesCode', true) || declares(command.name, 'keepsCodes', false);
}

/** The command changes contracts only through the batch's latest contracts (BatchContracts): a set-based one changes none. */
export function keepsContracts(command: Pick<CommandEnvelope, 'name' | 'payload'>): boolean {
	return changesOnlyByTransition(command) || declares(command.name, 'readsContract', true);
}

/** The command reads its request's latest contract (the batch reads those requests' once). */
export const readsContract = (command: Pick<CommandEnvelope, 'name'>): boolean => declares(command.name, 'readsContract', false);

/** The command settles what was paid against a signed version (the batch reads those requests' sums once). */
export const settles = (command: Pick<CommandEnvelope, 'name'>): boolean => declares(command.name, 'settles', false);

/** The command prices and notifies through the batch's reads (the batch reads the lists and its customers before its change lock). */
export const pricesAndNotifies = (command: Pick<CommandEnvelope, 'name'>): boolean => declares(command.name, 'pricesAndNotifies', false);

/** The command's precheck verifies a signing code of its request (the batch reads those requests' codes once). */
export const verifiesCode = (command: Pick<CommandEnvelope, 'name'>): boolean => declares(command.name, 'verifiesCode', false);

/** The meters the command's check reads, as its schema parses their serials (trimmed, upper-cased): the batch locks them at its start. */
export function metersNamed(command: Pick<CommandEnvelope, 'name' | 'payload'>): string[] {
	const module = moduleFor(command.name);
	if (!module?.metersNamed) return [];
	const parsed = parseCommandPayload(command.name as CommandName, command.payload);
	return parsed.ok ? module.metersNamed(parsed.data) : [];
}

/** The command's module acts on this refusal (afterRejection), and may write what the batch holds (codes). */
export function fallsBack(command: Pick<CommandEnvelope, 'name'>, rejection: Rejection): boolean {
	const module = moduleFor(command.name);
	return module?.afterRejection ? (module.fallsBack?.(rejection) ?? true) : false;
}

/** Its module declares it decided in the batch (decidedInBatch), reading and writing its own request's rows only. */
export const mayDecideInBatch = (command: Pick<CommandEnvelope, 'name'>): boolean =>
	declares(command.name, 'decidedInBatch', false) && declares(command.name, 'ownRequestOnly', false);

/**
 * The command's transition may be decided in memory and its writes left pending with the batch's, without writing
 * anything of its request first (decidedInBatch): the batch holds its request's row locked and current, and the
 * meters it names with their readings. Else the batch writes its request's pending writes before it.
 */
export function decidedInBatch(command: Pick<CommandEnvelope, 'name' | 'payload' | 'requestId'>, batch: PushBatch): boolean {
	if (!mayDecideInBatch(command)) return false;
	return batch.requests.has(command.requestId) && metersNamed(command).every((serial) => batch.meters?.has(serial));
}

/** Pending writes of one request and of the meters it names (flushDeferred writes only those). */
export interface FlushScope {
	requestId: string;
	meters: ReadonlySet<string>;
}

/**
 * What a command that is not written set-based needs written before it runs: its own request's pending writes and
 * its meters' readings, when its module declares it reads and writes no other request's rows (ownRequestOnly);
 * undefined: everything pending (a meter replacement renames the meter of other requests, an unknown command).
 */
export function flushScopeOf(command: Pick<CommandEnvelope, 'name' | 'payload' | 'requestId'>): FlushScope | undefined {
	if (!declares(command.name, 'ownRequestOnly', false)) return undefined;
	return { requestId: command.requestId, meters: new Set(metersNamed(command)) };
}

/** The pending writes of one request (and the readings of its meters), taken out of the batch's. */
function takeScope(deferred: Deferred, jobs: ReadonlyMap<string, JobRow>, scope: FlushScope): Deferred {
	const mine = <T>(rows: T[], belongs: (row: T) => boolean): T[] => {
		const taken = rows.filter(belongs);
		if (taken.length > 0) rows.splice(0, rows.length, ...rows.filter((row) => !belongs(row)));
		return taken;
	};
	const taken = noDeferred();
	const state = deferred.states.get(scope.requestId);
	if (state) {
		taken.states.set(scope.requestId, state);
		deferred.states.delete(scope.requestId);
	}
	for (const [jobId, at] of deferred.jobsDone) {
		if (jobs.get(jobId)?.requestId !== scope.requestId) continue;
		taken.jobsDone.set(jobId, at);
		deferred.jobsDone.delete(jobId);
	}
	taken.audits = mine(deferred.audits, (a) => a.requestId === scope.requestId);
	taken.estimates = mine(deferred.estimates, (e) => e.requestId === scope.requestId);
	taken.readings = mine(deferred.readings, (r) => scope.meters.has(r.meterSerial));
	taken.meterChecks = mine(deferred.meterChecks, (c) => c.requestId === scope.requestId);
	taken.notifications = mine(deferred.notifications, (n) => n.requestId === scope.requestId);
	taken.signatures = mine(deferred.signatures, (row) => row.requestId === scope.requestId);
	taken.installations = mine(deferred.installations, (row) => row.requestId === scope.requestId);
	return taken;
}

/**
 * Writes the batch's deferred transitions now, in one statement (flushStatements): all of them, or only those of a
 * scope (one request's, see FlushScope); the rest stays pending.
 */
export async function flushDeferred(tx: Db, batch?: PushBatch, scope?: FlushScope): Promise<void> {
	await writeTogether(tx, flushStatements(tx, batch, scope));
}

/**
 * The statements of the batch's deferred transitions, taken out of the batch (for a caller that sends them with its
 * own, writeTogether): the requests' states (one UPDATE … FROM unnest) and audit entries, the estimates, the jobs
 * they finished (one UPDATE), the meter readings, the meter checks, the notices' messages, the signatures and the
 * installations (one INSERT each). Each table once, and none reads another's rows: they may go as one statement.
 */
export function flushStatements(tx: Db, batch?: PushBatch, scope?: FlushScope): (Statement | undefined)[] {
	if (!batch?.deferred) return [];
	const due = scope ? takeScope(batch.deferred, batch.jobs, scope) : batch.deferred;
	if (!scope) batch.deferred = noDeferred();
	const { states, audits, estimates, jobsDone, readings, meterChecks, notifications, signatures, installations } = due;
	return [
		requestStatesStatement([...states.values()]),
		auditsStatement(audits),
		estimatesStatement(tx, estimates),
		jobsDoneStatement(jobsDone),
		readingsStatement(tx, readings),
		meterChecksStatement(tx, meterChecks),
		notificationsStatement(tx, notifications),
		signaturesStatement(tx, signatures),
		installationsStatement(tx, installations)
	];
}

type Transitioned = Awaited<ReturnType<typeof transitionRequest>>;

/**
 * The transition of a command that changes its request only through it, decided in memory on the batch's locked row
 * (the pure domain, as transitionRequest decides it) and written with the batch's others; else transitionRequest now.
 */
async function transitionInBatch(tx: Db, batch: PushBatch, input: Parameters<typeof transitionRequest>[1], setBased: boolean): Promise<Transitioned> {
	const row = batch.requests.get(input.requestId);
	if (!setBased || !batch.deferred || !row) {
		// the transition reads and writes its request alone: what is pending of it is written first
		await flushDeferred(tx, batch, { requestId: input.requestId, meters: new Set() });
		return transitionRequest(tx, input);
	}
	const snapshot = { state: row.state, version: row.version, installed: row.installed, serviceNumber: row.serviceNumber };
	const result = applyTransition(snapshot, input.name, input.actor.role, { baseVersion: input.baseVersion });
	if (!result.ok) return result;
	const { state, version, installed } = result.request;
	batch.requests.set(row.id, { ...row, state, version, installed, updatedAt: input.at });
	batch.deferred.states.set(row.id, { id: row.id, state, version, installed, updatedAt: input.at });
	batch.deferred.audits.push(auditEntryOf(input, result));
	return result;
}

/**
 * Applies one command. Every refusal happens before the first write, so the push needs no savepoint per command;
 * an unexpected error after a write aborts the whole push transaction (the tablet retries the batch).
 */
export async function applyFieldCommand(tx: Db, ctx: FieldContext, user: SessionUser, deviceId: string, command: CommandEnvelope, batch?: PushBatch): Promise<CommandOutcome> {
	if (!batch) {
		// on its own (not from a push batch): write what a batch would have written at its end
		const own: PushBatch = { jobs: new Map(), requests: new Map(), positions: [], surveys: [] };
		const outcome = await applyFieldCommand(tx, ctx, user, deviceId, command, own);
		await writeTogether(tx, [positionsStatement(tx, own.positions), surveysStatement(tx, own.surveys)]);
		return outcome;
	}
	const accepted = await checkCommand(tx, user, command, batch);
	if (!accepted.ok) return accepted;
	const { name, job } = accepted;
	const module = moduleOf(name);
	const at = ctx.clock();
	const checked = module.check ? await module.check(tx, ctx, accepted) : { ok: true as const, checked: undefined };
	if (!checked.ok) return checked;

	const outcome = await transitionInBatch(tx, batch, {
		requestId: command.requestId,
		name,
		actor: { userId: user.id, role: 'crew' },
		at,
		baseVersion: command.baseVersion,
		deviceId,
		location: command.location,
		detail: { commandId: command.commandId, ...module.detail?.(accepted.payload) },
		locked: batch.requests
	}, changesOnlyByTransition(command) || decidedInBatch(command, batch));
	if (!outcome.ok) return { ok: false, code: outcome.code, reason: outcome.reason };
	if (command.location && user.crewId) {
		// where the crew stood when it did the work, for the supervisors' map (never later than the server clock)
		const deviceAt = new Date(command.deviceTime);
		const recordedAt = deviceAt.getTime() < at.getTime() ? deviceAt : at;
		batch.positions.push({ crewId: user.crewId, userId: user.id, lat: command.location.lat, lng: command.location.lng, accuracyM: command.location.accuracyM, source: 'command', recordedAt });
	}

	const record = { requestId: command.requestId, jobId: job.id, commandId: command.commandId, submittedBy: user.id, submittedAt: at };
	const writePending = () => flushDeferred(tx, batch, flushScopeOf(command));
	const moved = await module.write?.(tx, ctx, { ...accepted, deviceId, at, batch, record, checked: checked.checked, writePending });
	// where the writes left the request: all of it (completion), only its state, or nothing beyond the transition
	const progress = typeof moved === 'object' ? moved : undefined;
	const movedTo = typeof moved === 'string' ? moved : progress?.state;
	// the crew's installation job is done once the installation is recorded and the signature is settled
	if (job.kind === 'installation') {
		// writes that moved the request further (completion) say where they left it, or only its state (read it then);
		// else the transition left it as its outcome says
		const after = moved === undefined ? outcome.request : (progress ?? (await requestProgress(tx, command.requestId))!);
		if (installationJobDone(after)) {
			// in a push, with the batch's set-based writes (nothing in the batch reads the job in the database before they are
			// flushed: its jobs are read once, and kept current here)
			if (batch.deferred) batch.deferred.jobsDone.set(job.id, at);
			else await setJobStatus(tx, job.id, 'done', at);
			batch.jobs.set(job.id, { ...job, status: 'done' });
		}
		return { ok: true, request: { id: command.requestId, state: after.state, version: after.version } };
	}
	return { ok: true, request: { id: command.requestId, state: movedTo ?? outcome.to, version: progress?.version ?? outcome.request.version } };
}
