// What a field command's server module declares: the checks that need the database and the writes beside its
// transition. The payload, job kinds, photos and the rest are the registry's (src/lib/domain/field-commands).
import type { SessionUser } from '../../../src/lib/domain/api';
import type { CommandEnvelope } from '../../../src/lib/domain/commands';
import type { CommandName, PayloadOf } from '../../../src/lib/domain/field-commands';
import type { Label } from '../../../src/lib/domain/workflow';
import type { JobRow } from '../../db/commands';
import type { Db } from '../../db/database';
import type { RequestRow } from '../../db/requests';
import type { AuditInsert, RequestStatePatch } from '../../db/push-writes';
import type { crewPositions, estimates, installations, signatures, surveys } from '../../db/schema';
import type { Runtime } from '../clock';
import type { CodeMemo, CodePolicy } from '../signing-codes';
import type { PriceListMemo } from '../price-list';
import type { ContractMemo, SourcesMemo } from '../contracts';
import type { SettlementMemo } from '../installed-contract';
import type { NoticeMemo, NoticeWrites } from '../../notify/outbox';
import type { HolidayCalendar } from '../../../src/lib/domain/holidays';
import type { CheckedMeterCheck, MeterCheckWrites, MeterMemo } from '../meter-checks';
import type { ContractRow } from '../../db/contracts';
import type { RequestProgress } from '../completion';

export interface Rejection {
	ok: false;
	code: string;
	reason: Label;
	fields?: Record<string, string>;
}

export type CommandOutcome = { ok: true; request: { id: string; state: string; version: number } } | Rejection;

/** What applying field commands needs beyond the clock and ids; defaults serve tools that only push surveys. */
export type FieldContext = Runtime & Partial<{ holidays: HolidayCalendar; codePolicy: CodePolicy; publicUrl: string; abnormalReadingFactor: number }>;

/** What a push batch reads once for all its commands, and the rows it writes once at the end. */
export interface PushBatch {
	jobs: Map<string, JobRow>;
	/** Requests the batch locked up front; an entry is dropped once anything but the command's own transition may have changed it. */
	requests: Map<string, RequestRow>;
	positions: Array<typeof crewPositions.$inferInsert>;
	surveys: Array<typeof surveys.$inferInsert>;
	/**
	 * Set-based writes (a push batch): the transitions of set-based commands (changesOnlyByTransition) decided in
	 * memory, written at the batch's end in one statement each (flushed earlier before anything that may read the
	 * requests' rows); with them the estimates, meter checks and readings, the jobs they finish (an installation or
	 * a signature reads the estimate), and the messages of their notices.
	 */
	deferred?: Deferred;
	/** The meters the batch's meter checks and installations name, locked at its start with their readings (MeterMemo). */
	meters?: MeterMemo;
	/** The batch's photos a member of the crew uploaded (read once): a command naming only these needs no photo query. */
	crewPhotos?: Set<string>;
	/** What the batch's commands would each read again: read once per batch (see BatchReads). */
	reads?: BatchReads;
}

export interface Deferred extends MeterCheckWrites, NoticeWrites {
	states: Map<string, RequestStatePatch>;
	audits: AuditInsert[];
	estimates: Array<typeof estimates.$inferInsert>;
	jobsDone: Map<string, Date>;
	/** On-site signatures (read in a push only after their request's pending writes are written: completion, an addendum). */
	signatures: Array<typeof signatures.$inferInsert>;
	/** Installations (never read in a push). */
	installations: Array<typeof installations.$inferInsert>;
}

export const noDeferred = (): Deferred => ({
	states: new Map(),
	audits: [],
	estimates: [],
	jobsDone: new Map(),
	readings: [],
	meterChecks: [],
	notifications: [],
	signatures: [],
	installations: []
});

/**
 * Reads a push batch does once instead of once per command: what nothing in a push changes (the signing-code key, the
 * price list, customers and their notice preferences), the active signing codes of the requests whose commands verify
 * one (kept current by their checks, BatchCodes) and the latest contracts of those whose commands read one (kept
 * current by the addenda the batch drafts, BatchContracts), what its signatures' requests were paid and refunded (kept
 * current by the refunds it records), and what a command's precheck read for its own check and write (the
 * only write in between is the precheck's code attempt, which none of it depends on), by command id.
 */
export interface BatchReads extends CodeMemo, ContractMemo, SourcesMemo, SettlementMemo, PriceListMemo, NoticeMemo {
	prechecked: Map<string, Prechecked>;
}

/** What a command's precheck hands to the same command's check and write, by its name. */
export type Prechecked =
	| { command: 'recordMeterCheck'; request: RequestRow; checked: CheckedMeterCheck }
	| { command: 'signOnSite'; contract: ContractRow };

/**
 * `customerIds`: the customers of the batch's requests, whom its notices may go to (read at its first notice);
 * `codeRequestIds`: the requests of its commands that verify a signing code (their codes read at its first check);
 * `contractRequestIds`: those of its commands that read the latest contract (read at the first);
 * `settlementRequestIds`: those of its signatures (what they were paid and refunded, read at the first);
 * `sourceRequestIds`: those whose every command is decided in the batch (their contract sources, read at the first).
 */
export const batchReads = (
	of: {
		customerIds?: readonly string[];
		codeRequestIds?: readonly string[];
		contractRequestIds?: readonly string[];
		settlementRequestIds?: readonly string[];
		sourceRequestIds?: readonly string[];
	} = {}
): BatchReads => ({
	prechecked: new Map(),
	noticeCustomers: { ids: of.customerIds ?? [] },
	codes: { requestIds: new Set(of.codeRequestIds), changed: new Map(), stale: new Set() },
	contracts: { requestIds: new Set(of.contractRequestIds), latest: new Map() },
	settlements: { requestIds: new Set(of.settlementRequestIds) },
	sources: { requestIds: new Set(of.sourceRequestIds) }
});

export const reject = (code: string, reason: Label, fields?: Record<string, string>): Rejection => ({ ok: false, code, reason, ...(fields ? { fields } : {}) });

/** A command the shared checks accepted (known name, payload its schema, the crew's own job of the right kind). */
export interface Accepted<P> {
	command: CommandEnvelope;
	payload: P;
	job: JobRow;
	user: SessionUser;
	/** The push batch the command is part of (none when applied on its own). */
	batch?: PushBatch;
}

/** What the writes get: the accepted command, the transition's time, the device and the batch to append rows to. */
export interface Applying<P, C> extends Accepted<P> {
	deviceId: string;
	at: Date;
	batch: PushBatch;
	/** The fields every record of a command carries. */
	record: { requestId: string; jobId: string; commandId: string; submittedBy: string; submittedAt: Date };
	checked: C;
	/**
	 * Writes what the batch holds pending of the command's request (and its meters' readings): a command decided in
	 * the batch (decidedInBatch) calls it before anything that reads its request's rows in the database or changes
	 * them there otherwise than through the batch.
	 */
	writePending(): Promise<void>;
}

export interface ServerCommand<P, C = unknown> {
	/**
	 * Runs in a push before the command is applied; what it writes stays even when it refuses (a signing code's
	 * wrong attempt counts). Null: nothing to say.
	 */
	precheck?(tx: Db, ctx: FieldContext, accepted: Accepted<P>): Promise<Rejection | null>;
	/** The refusals that need the database, before the transition and before any write; `checked` goes to `write`. */
	check?(tx: Db, ctx: FieldContext, accepted: Accepted<P>): Promise<{ ok: true; checked: C } | Rejection>;
	/** What the audit trail keeps of the command beside its id. */
	detail?(payload: P): Record<string, unknown>;
	/**
	 * The writes after the transition; when they moved the request further, its new state, or where they left it
	 * (state, version, installed) when they read it anyway (completion), so the push need not read it again.
	 */
	write?(tx: Db, ctx: FieldContext, applying: Applying<P, C>): Promise<string | RequestProgress | void>;
	/**
	 * Whether this command may be decided in memory and written with the batch's set-based writes, when the registry
	 * says it changes its request only through its transition (default: it may).
	 */
	setBased?(payload: P): boolean;
	/**
	 * The command writes no meter or reading but through the batch's memo (MeterMemo), so the batch keeps its meters
	 * read after it; else (the default, for a command that may change the register) the batch drops them.
	 */
	keepsMeters?: boolean;
	/** The meters its check reads (serials as its schema parses them): a push batch locks them, with their readings, at its start. */
	metersNamed?(payload: P): string[];
	/**
	 * Its precheck verifies a signing code of its request through the batch's codes (verifySigningCode with the batch's
	 * reads), and it writes no code otherwise but after a refusal it `fallsBack` on; the batch reads the codes of such
	 * commands' requests once, and keeps them after such a command. Any other command may issue or retire codes: the
	 * batch writes the attempts it holds before it and reads the codes again after.
	 */
	verifiesCode?: boolean;
	/**
	 * It writes signing codes only after writing the batch's attempts on its request's codes and marking them to be read
	 * again (forgetCodes with the batch's reads, as an installation's addendum does before it retires or issues any),
	 * so the batch need not do so before it.
	 */
	keepsCodes?: boolean;
	/**
	 * It reads its request's latest contract through the batch's (latestContractOf with the batch's reads) and drafts
	 * one only through it; the batch reads the latest contracts of such commands' requests once. After any other
	 * command the batch reads its request's again.
	 */
	readsContract?: boolean;
	/**
	 * Its writes leave its request as its transition left it (the transition keeps the batch's locked row current): the
	 * batch keeps the row after it instead of reading it again for the next command on the request.
	 */
	keepsRequestRow?: boolean;
	/**
	 * Its checks and writes read and write in the database no row of another request (its meters' readings go through
	 * the batch's memo): a push batch writes before it only what is pending of its own request and of its meters, and
	 * reads again after it only its request's signing codes. Else (the default) the batch writes everything pending
	 * before it and reads every code again after it.
	 */
	ownRequestOnly?: boolean;
	/**
	 * Its transition is decided in memory on the batch's locked row and written with the set-based ones, like a
	 * set-based command's, though its writes go beyond it: it reads its request's rows in the database, or changes
	 * them otherwise than through the batch, only after `writePending` (an addendum, completion), and its checks read
	 * nothing pending (its request's row from the batch, its codes, contract and meters through the batch's reads).
	 * Requires ownRequestOnly. The batch then writes nothing before it, but for a request whose locked row it
	 * dropped (read again from the database once that request's pending writes are written).
	 */
	decidedInBatch?: boolean;
	/** It settles what was paid against the version signed (settleSignedVersion with the batch's reads): the batch reads its requests' sums once. */
	settles?: boolean;
	/**
	 * It prices through the batch's price list (pricingOn with the batch's reads) and notifies its request's customer
	 * through the batch's (noticeCustomer with them): the batch reads the lists, the customers and their preferences
	 * before its change lock, as no lock protects them.
	 */
	pricesAndNotifies?: boolean;
	/** Whether `afterRejection` acts on this refusal (and may write codes): the default, when there is one. */
	fallsBack?(rejection: Rejection): boolean;
	/** After a refusal (on-site signing falls back to remote signing). */
	afterRejection?(tx: Db, ctx: FieldContext, command: CommandEnvelope, rejection: Rejection): Promise<void>;
}

export type ServerCommands = { [N in CommandName]: ServerCommand<PayloadOf<N>, never> | ServerCommand<PayloadOf<N>, any> };
export const serverCommand = <N extends CommandName, C = undefined>(_name: N, def: ServerCommand<PayloadOf<N>, C>) => def;
