// Step 7: draft a version of the service contract from the accepted estimate, issue its on-site signing code,
// tell the customer, and put the installation job on the crew's tablet with the contract attached.
import { createHash } from 'node:crypto';
import { renderContractTerms, type ContractTerms } from '../../src/lib/domain/contract';
import { addDays, type HolidayCalendar } from '../../src/lib/domain/holidays';
import { isWorkingDay, vnDateOf, vnStartOfDay } from '../../src/lib/domain/sla';
import type { Db } from '../db/database';
import { contractSources, contractSourcesOf, insertContract, latestContract, latestContracts, type ContractRow, type ContractSources } from '../db/contracts';
import type { RequestRow } from '../db/requests';
import type { contracts } from '../db/schema';
import { insertJob, listRequestJobs } from '../db/requests';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { queueNotice } from '../notify/outbox';
import type { Runtime } from './clock';
import { estimateRecordOf } from './field-records';
import { issueSigningCode, retireEarlierCodes, type CodePolicy } from './signing-codes';
import { transitionRequest, type Actor } from './workflow';
import { m } from '../../src/lib/paraglide/messages.js';

/**
 * A push batch's latest contract version of each request its signatures and installations name (`requestIds`): read
 * in one query at the first need. A version the batch drafts replaces its request's (rememberContract); the entry of a
 * request another command may have changed otherwise is dropped (forgetContract) and read alone again.
 */
export interface BatchContracts {
	requestIds: ReadonlySet<string>;
	read?: Promise<void>;
	latest: Map<string, ContractRow | undefined>;
}

export interface ContractMemo {
	contracts?: BatchContracts;
}

/** The request's latest contract version, from the batch's when it holds it. */
export async function latestContractOf(tx: Db, requestId: string, memo?: ContractMemo): Promise<ContractRow | undefined> {
	const batch = memo?.contracts;
	if (!batch) return latestContract(tx, requestId);
	if (batch.requestIds.has(requestId)) {
		batch.read ??= latestContracts(tx, [...batch.requestIds]).then((rows) => {
			for (const id of batch.requestIds) batch.latest.set(id, rows.find((r) => r.requestId === id));
		});
		await batch.read;
	}
	if (batch.latest.has(requestId)) return batch.latest.get(requestId);
	const row = await latestContract(tx, requestId);
	batch.latest.set(requestId, row);
	return row;
}

/**
 * A push batch's contract sources (request, customer, unit, latest estimate) of the requests whose every command in
 * the batch is decided in it (signatures, installations: they change no estimate, customer or unit), read in one
 * query at the first need; the request itself is the batch's locked row, kept current by its transitions.
 */
export interface BatchSources {
	requestIds: ReadonlySet<string>;
	read?: Promise<Map<string, ContractSources>>;
}

export interface SourcesMemo {
	sources?: BatchSources;
}

/**
 * The request's contract sources, with the request as `locked` holds it (a push batch's row, current though its
 * transition may still be pending); from the batch's when it read them, else alone.
 */
export async function contractSourcesIn(tx: Db, requestId: string, memo?: SourcesMemo, locked?: ReadonlyMap<string, RequestRow>): Promise<ContractSources | undefined> {
	const row = locked?.get(requestId);
	const batch = memo?.sources;
	if (row && batch?.requestIds.has(requestId)) {
		batch.read ??= contractSourcesOf(tx, [...batch.requestIds]);
		const found = (await batch.read).get(requestId);
		if (found) return { ...found, request: row };
	}
	const read = await contractSources(tx, requestId);
	return read && { ...read, request: row ?? read.request };
}

/** A version the batch drafted is its request's latest now. */
export function rememberContract(memo: ContractMemo | undefined, row: ContractRow) {
	memo?.contracts?.latest.set(row.requestId, row);
}

/** The request's contracts may have changed otherwise than through the batch's memo: read them again when needed. */
export function forgetContract(memo: ContractMemo | undefined, requestId: string) {
	memo?.contracts?.latest.delete(requestId);
}

export interface DraftContext {
	runtime: Runtime;
	holidays: HolidayCalendar;
	codePolicy: CodePolicy;
}

export function contractHash(body: string): string {
	return createHash('sha256').update(body, 'utf8').digest('hex');
}

const HOUR = 3_600_000;

/** 08:00 Hà Nội time on the next working day after `now`. */
function nextWorkingMorning(now: Date, holidays: HolidayCalendar): Date {
	let day = addDays(vnDateOf(now), 1);
	while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
	return new Date(vnStartOfDay(day).getTime() + 8 * HOUR);
}

export interface DraftInput {
	requestId: string;
	actor: Actor;
	/** What the version holds; by default the parties and site as recorded and the accepted estimate. */
	terms?: ContractTerms;
	/** 'addendum' (phụ lục) amends the previous version; default 'contract'. */
	kind?: ContractRow['kind'];
	/** Why the version exists; default 'estimate' (or 'correction' when `terms` are given without a basis). */
	basis?: ContractRow['basis'];
	/**
	 * 'on_site' (default): the version's code is texted for the crew's visit. 'none': no code is issued here; the caller
	 * sends the version to the customer another way (a correction goes back with one link and one code). 'keep': no code
	 * is issued and the earlier version's code stays valid (the installed addendum is confirmed by the code of the
	 * version it amends, which the customer standing beside the crew already holds).
	 */
	code?: 'on_site' | 'none' | 'keep';
	/**
	 * A text rendered elsewhere, kept byte for byte with its date (the installed addendum, which the tablet renders
	 * offline from the same pure function, so both hash the same).
	 */
	rendered?: { version: number; body: string; draftedAt: Date };
}

/** The terms a first version is drafted from: the request's parties and site and the accepted estimate. */
export function termsFromSources(sources: NonNullable<Awaited<ReturnType<typeof contractSources>>>): ContractTerms {
	if (!sources.estimate) throw new DomainError('no_estimate', both(m.server_refusal_noAcceptedEstimate));
	return {
		utility: { name: sources.unit.name, address: sources.unit.address, representative: sources.unit.representative },
		customer: { name: sources.customer.fullName, phone: sources.customer.phone, email: sources.customer.email, address: sources.customer.address },
		siteAddress: sources.request.address,
		estimate: estimateRecordOf(sources.estimate)
	};
}

/** hh:mm dd/mm/yyyy in Hà Nội, for "valid until" in the customer's messages. */
export function untilText(at: Date): string {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Asia/Ho_Chi_Minh',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).formatToParts(at);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')}`;
}

/**
 * Drafts the next version of the request's contract (the only way a version is made by the utility): from `terms`
 * when given, else from the accepted estimate. Its structured terms are stored with it; codes of earlier versions
 * stop working (unless `code: 'keep'`).
 * An addendum for what was installed (basis 'installation') moves no workflow state: the request's version moves only
 * by the installation's own transition, so a signature queued after it on the tablet names the right base version;
 * and its installation job is the one just recorded.
 */
export async function draftContractVersion(tx: Db, ctx: DraftContext, input: DraftInput) {
	const now = ctx.runtime.clock();
	const sources = await contractSources(tx, input.requestId);
	if (!sources) throw new DomainError('not_found', both(m.server_refusal_not_found));
	const terms = input.terms ?? termsFromSources(sources);
	const previous = await latestContract(tx, input.requestId);
	const version = (previous?.version ?? 0) + 1;
	if (input.rendered && input.rendered.version !== version) {
		throw new DomainError('contract_changed', both(m.server_refusal_contractVersionMoved, { code: sources.request.code, version: version - 1, drafted: input.rendered.version }));
	}
	const body = input.rendered?.body ?? renderContractTerms(terms, { requestCode: sources.request.code, version, draftedAt: now });
	const afterInstallation = input.basis === 'installation';
	if (!afterInstallation) {
		const transition = await transitionRequest(tx, {
			requestId: input.requestId,
			name: 'draftContract',
			actor: input.actor,
			at: now,
			detail: { contractVersion: version }
		});
		if (!transition.ok) throw new DomainError(transition.code, transition.reason);
	}

	const contract = {
		id: ctx.runtime.newId(),
		requestId: input.requestId,
		version,
		body,
		sha256: contractHash(body),
		draftedAt: input.rendered?.draftedAt ?? now,
		correctionNote: null,
		terms,
		kind: input.kind ?? 'contract',
		basis: input.basis ?? (input.terms ? 'correction' : 'estimate')
	} satisfies typeof contracts.$inferInsert;
	await insertContract(tx, contract);
	if (input.code !== 'keep') await retireEarlierCodes(tx, input.requestId, contract.id);
	if ((input.code ?? 'on_site') === 'on_site') {
		const { code, expiresAt } = await issueSigningCode(tx, ctx.runtime, { requestId: input.requestId, subjectId: contract.id, purpose: 'on_site', policy: ctx.codePolicy });
		const until = untilText(expiresAt);
		await queueNotice(
			tx,
			ctx.runtime,
			{ phone: terms.customer.phone, email: terms.customer.email },
			{
				requestId: input.requestId,
				kind: 'contract_code',
				text: (locale) => ({
					sms: m.server_notice_contractCode_sms({ request: sources.request.code, version, code, until }, { locale }),
					email: {
						subject: m.server_notice_contractCode_subject({ request: sources.request.code }, { locale }),
						body: m.server_notice_contractCode_body({ fullName: terms.customer.name, version, request: sources.request.code, code, until }, { locale })
					}
				})
			}
		);
	}
	if (!afterInstallation) await ensureInstallationJob(tx, ctx, input.requestId, now);
	return contract;
}

/** The crew that surveyed the request installs it, unless an installation job is already open. */
async function ensureInstallationJob(tx: Db, ctx: DraftContext, requestId: string, now: Date) {
	const requestJobs = await listRequestJobs(tx, requestId);
	if (requestJobs.some((j) => j.kind === 'installation' && j.status === 'assigned')) return;
	const surveyJob = requestJobs.find((j) => j.kind === 'survey');
	if (!surveyJob) return; // no crew known yet: a supervisor dispatches it from the board
	await insertJob(tx, {
		id: ctx.runtime.newId(),
		requestId,
		crewId: surveyJob.crewId,
		kind: 'installation',
		status: 'assigned',
		scheduledAt: nextWorkingMorning(now, ctx.holidays),
		notes: null,
		updatedAt: now
	});
}

