// The supervisor's steps of the processes that are not seed 001's: paperwork (review → decision → notice → closed),
// complaints, look-ups and advice (investigate → answer in words → closed), a reading complaint answered by a meter
// check, and a field response's report and closing. Each step is the workflow's transition for the request's own
// process (src/lib/domain/processes), in the request's history in words, and texts and emails the customer where it
// tells them something. Another unit's request reads as unknown (404).
import type { SessionUser } from '../../src/lib/domain/api';
import type { FinalReading, StepBody, StepDone } from '../../src/lib/api/processes';
import { getService } from '../../src/lib/domain/catalog';
import { processOfService } from '../../src/lib/domain/processes';
import { approvalWordsOf, needsFinalReading } from '../../src/lib/domain/processes/documents';
import type { TransitionName } from '../../src/lib/domain/workflow';
import { m } from '../../src/lib/paraglide/messages.js';
import type { AppDeps } from '../context';
import { lockChanges } from '../db/changes';
import type { Db } from '../db/database';
import { requestWithCustomer } from '../db/jobs';
import { findMeter, findOpenMeterCheck, markMeterOutOfService } from '../db/meters';
import { latestAuditDetail } from '../db/process-steps';
import { queueNotice } from '../notify/outbox';
import { assertMayAttach, assertRequestInScope } from './access';
import { newRequestCode } from './board';
import { DomainError } from './domain-error';
import { both as bothOf } from '../../src/lib/text';
import { fixSummary, noticeFixed } from './fix-report';
import { documentToSend, draftPaperworkDocument, sendDocumentToSign } from './paperwork-documents';
import { both, type Both } from './operation-words';
import { recordUtilityReading } from './meters';
import { createRequest } from './requests';
import { transitionRequest, type Actor } from './workflow';

const vi = { locale: 'vi' as const };

type Found = NonNullable<Awaited<ReturnType<typeof requestWithCustomer>>>;

interface StepContext {
	tx: Db;
	deps: AppDeps;
	actor: Actor;
	now: Date;
	found: Found;
}

/** One step of the request's process, by the supervisor of its unit (or an admin). */
export async function takeStep(deps: AppDeps, user: SessionUser, requestId: string, body: StepBody): Promise<StepDone> {
	return deps.database.db.transaction(async (tx) => {
		await lockChanges(tx);
		await assertRequestInScope(tx, user, requestId);
		const found = (await requestWithCustomer(tx, requestId))!;
		const ctx: StepContext = { tx, deps, actor: { userId: user.id, role: 'supervisor' }, now: deps.clock(), found };
		switch (body.step) {
			case 'startReview':
			case 'startInvestigation':
				return move(ctx, body.step);
			case 'decide': {
				// approving a termination (55) records the meter's final reading with it, or is refused in words
				const final = body.decision === 'approved' && needsFinalReading(found.request.serviceNumber) && found.request.state === 'under_review' ? await recordFinalReading(ctx, user, body.finalReading) : null;
				const decision = decisionWords(body.decision);
				const decided = (locale: 'vi' | 'en') => (final ? `${decision[locale]}; ${finalReadingWords(final, locale)}` : decision[locale]);
				const summary = both((locale) => m.server_notice_history_decision({ decision: decided(locale), note: body.note }, { locale }));
				const done = await move(ctx, 'decide', { decision: body.decision, note: body.note, summary, ...(final ? { finalReading: final } : {}) });
				// an approval drafts the document the customer signs (a new HĐMBĐ, a phụ lục, a renewal, a termination)
				if (body.decision === 'approved') await draftPaperworkDocument(tx, ctx.deps, { found, now: ctx.now, note: body.note, finalReading: final });
				return done;
			}
			case 'notifyDecision':
				return notifyDecision(ctx);
			case 'answerCustomer':
				return answerCustomer(ctx, body.answer);
			case 'orderMeterCheck':
				return orderMeterCheck(ctx, body.meterSerial ?? null);
			case 'recordFix':
				return recordFix(ctx, body.report);
			case 'close': {
				const note = body.note?.trim() ?? '';
				const summary = note ? both((locale) => m.server_notice_history_closed({ note }, { locale })) : undefined;
				return move(ctx, 'close', summary ? { note, summary } : undefined);
			}
		}
	});
}

/** The transition for the request's own process; a step of another process is refused in words (409). */
async function move(ctx: StepContext, name: TransitionName, detail?: Record<string, unknown>): Promise<StepDone> {
	const moved = await transitionRequest(ctx.tx, { requestId: ctx.found.request.id, name, actor: ctx.actor, at: ctx.now, detail });
	if (!moved.ok) throw new DomainError(moved.code, moved.reason);
	return { ok: true, state: moved.to, version: moved.request.version, meterCheck: null };
}

type StoredFinalReading = { meterSerial: string; kwh: number; photoSha256: string };

const kwhText = (kwh: number, locale: 'vi' | 'en') => new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 }).format(kwh);

function finalReadingWords(final: StoredFinalReading, locale: 'vi' | 'en'): string {
	return m.server_notice_finalReading({ serial: final.meterSerial, kwh: kwhText(final.kwh, locale) }, { locale });
}

/**
 * The final reading of a terminated contract: the request's meter (or one of its customer's, by phone) in the unit,
 * still in service, with the uploaded photo of its face; stored as the utility's reading, by the reading rules, and
 * the meter taken out of service.
 */
async function recordFinalReading(ctx: StepContext, user: SessionUser, given: FinalReading | undefined): Promise<StoredFinalReading> {
	const { request, customer } = ctx.found;
	const required = bothOf(m.server_refusal_finalReadingRequired, { code: request.code });
	const serial = given?.meterSerial.trim() ?? '';
	const photoSha256 = given?.photoSha256.trim().toLowerCase() ?? '';
	if (!given || !serial || given.kwh == null || !photoSha256) throw new DomainError('invalid_input', required, { finalReading: required });
	const photoWords = bothOf(m.server_refusal_finalReadingPhoto);
	if (!/^[0-9a-f]{64}$/.test(photoSha256)) throw new DomainError('invalid_input', photoWords, { 'finalReading.photoSha256': photoWords });
	await assertMayAttach(ctx.tx, user, [photoSha256], 'finalReading.photoSha256', photoWords);
	const meter = await findMeter(ctx.tx, serial);
	if (!meter || meter.meter.unitId !== request.unitId) {
		const words = bothOf(m.server_refusal_meterNotInUnit, { serial });
		throw new DomainError('invalid_input', words, { 'finalReading.meterSerial': words });
	}
	const theirs = request.meterSerial ? request.meterSerial === meter.meter.serial : meter.meter.customerId === request.customerId || meter.customer.phone === customer.phone;
	if (!theirs) {
		const words = bothOf(m.server_refusal_finalReadingNotCustomers, { serial: meter.meter.serial });
		throw new DomainError('invalid_input', words, { 'finalReading.meterSerial': words });
	}
	if (meter.meter.removedAt) {
		const words = bothOf(m.server_refusal_finalReadingMeterRemoved, { serial: meter.meter.serial });
		throw new DomainError('meter_removed', words, { 'finalReading.meterSerial': words });
	}
	const readingContext = { ...ctx.deps, selfReadingToleranceKwh: ctx.deps.selfReadingToleranceKwh, abnormalFactor: ctx.deps.abnormalReadingFactor };
	await recordUtilityReading(ctx.tx, readingContext, { serial: meter.meter.serial, kwh: given.kwh, takenAt: ctx.now, photoSha256, by: user });
	// the contract ends with this reading: the meter leaves service, so no later reading, check or self-reading bills it
	await markMeterOutOfService(ctx.tx, meter.meter.serial, ctx.now);
	return { meterSerial: meter.meter.serial, kwh: given.kwh, photoSha256 };
}

function decisionWords(decision: 'approved' | 'refused'): Both {
	return decision === 'approved' ? both((locale) => m.common_decision_approved({}, { locale })) : both((locale) => m.common_decision_refused({}, { locale }));
}

/** The customer is told the decision taken at the review, with its note. */
async function notifyDecision(ctx: StepContext): Promise<StepDone> {
	const { request, customer } = ctx.found;
	const decided = (await latestAuditDetail(ctx.tx, request.id, ['decide'])) as { decision?: 'approved' | 'refused'; note?: string; finalReading?: StoredFinalReading } | null;
	if (request.state === 'decided' && (!decided?.decision || typeof decided.note !== 'string')) {
		throw new DomainError('wrong_state', bothOf(m.server_refusal_noDecision, { code: request.code }));
	}
	const words = decisionWords(decided?.decision ?? 'approved');
	// an approval says what was decided (the document the service ends with) and a termination's final reading
	const outcome = decided?.decision === 'approved' ? approvalWordsOf(request.serviceNumber) : null;
	const final = decided?.decision === 'approved' ? decided.finalReading : undefined;
	const decidedWords = (locale: 'vi' | 'en', first: string) => [first, outcome ? (final ? `${outcome[locale]}, ${finalReadingWords(final, locale)}` : outcome[locale]) : null].filter(Boolean).join('. ');
	const decision = both((locale) => decidedWords(locale, words[locale]));
	const note = decided?.note ?? '';
	const summary = both((locale) => m.server_notice_history_decisionSent({ decision: decision[locale], note }, { locale }));
	// an approval with its document drafted: the notice carries the link to sign it, and the request waits for the signature
	if (decided?.decision === 'approved' && (await documentToSend(ctx.tx, request))) return sendDocumentToSign(ctx.tx, ctx.deps, { actor: ctx.actor, now: ctx.now, found: ctx.found, decision, note });
	const done = await move(ctx, 'notifyDecision', { decision: decided?.decision, note, summary });
	const smsDecision = (locale: 'vi' | 'en') => decidedWords(locale, decided?.decision === 'refused' ? m.server_notice_decisionRefused_sms({}, { locale }) : m.server_notice_decisionApproved_sms({}, { locale }));
	await queueNotice(ctx.tx, ctx.deps, { phone: customer.phone, email: customer.email }, {
		requestId: request.id,
		kind: 'decision',
		text: (locale) => ({
			sms: m.server_notice_decision_sms({ code: request.code, decision: smsDecision(locale), note }, { locale }),
			email: {
				subject: m.server_notice_decision_subject({ code: request.code }, { locale }),
				body: m.server_notice_decision_body({ fullName: customer.fullName, code: request.code, service: getService(request.serviceNumber).name, decision: decision[locale], note }, { locale })
			}
		})
	});
	return done;
}

/** The answer in words: texted and emailed to the customer, kept in the history. */
async function answerCustomer(ctx: StepContext, answer: string): Promise<StepDone> {
	const { request, customer } = ctx.found;
	const summary = both((locale) => m.server_notice_history_answer({ answer }, { locale }));
	const done = await move(ctx, 'answerCustomer', { answer, summary });
	await queueNotice(ctx.tx, ctx.deps, { phone: customer.phone, email: customer.email }, {
		requestId: request.id,
		kind: 'answer',
		text: (locale) => ({
			sms: m.server_notice_answer_sms({ code: request.code, answer }, { locale }),
			email: {
				subject: m.server_notice_answer_subject({ code: request.code }, { locale }),
				body: m.server_notice_answer_body({ fullName: customer.fullName, code: request.code, service: getService(request.serviceNumber).name, answer }, { locale })
			}
		})
	});
	return done;
}

/** Service 41 for the meter the reading complaint is about; the complaint is answered by it. */
async function orderMeterCheck(ctx: StepContext, typedSerial: string | null): Promise<StepDone> {
	const { request, customer } = ctx.found;
	// refused first when the step is not this process's or not now, so nothing is opened for nothing
	const def = processOfService(request.serviceNumber);
	if (!def?.transitions.includes('orderMeterCheck') || !['submitted', 'investigating'].includes(request.state)) return move(ctx, 'orderMeterCheck');
	const dispute = (await latestAuditDetail(ctx.tx, request.id, ['readingDispute'])) as { meterSerial?: string } | null;
	const serial = typedSerial?.trim() || request.meterSerial || dispute?.meterSerial || null;
	if (!serial) throw new DomainError('invalid_input', bothOf(m.server_refusal_noMeterForCheck, { code: request.code }), { meterSerial: bothOf(m.server_refusal_noMeterForCheck, { code: request.code }) });
	const meter = await findMeter(ctx.tx, serial);
	if (!meter || meter.meter.unitId !== request.unitId) {
		const words = bothOf(m.server_refusal_meterNotInUnit, { serial });
		throw new DomainError('invalid_input', words, { meterSerial: words });
	}
	if (meter.meter.removedAt) throw new DomainError('meter_removed', bothOf(m.server_refusal_meter_removed));
	const open = await findOpenMeterCheck(ctx.tx, meter.meter.serial);
	if (open) throw new DomainError('wrong_state', bothOf(m.server_refusal_meterCheckOpen, { serial: meter.meter.serial, checkCode: open.code }));
	const checkId = ctx.deps.newId();
	const checkCode = await newRequestCode(ctx.tx, ctx.now);
	await createRequest(
		ctx.tx,
		{ id: checkId, code: checkCode, serviceNumber: 41, customerId: meter.meter.customerId, unitId: request.unitId, address: meter.customer.address || request.address, location: request.lat != null && request.lng != null ? { lat: request.lat, lng: request.lng } : null, receivedAt: ctx.now, meterSerial: meter.meter.serial },
		ctx.actor,
		ctx.deps.holidays
	);
	const summary = both((locale) => m.server_notice_history_meterCheckOrdered({ checkCode, serial: meter.meter.serial }, { locale }));
	const done = await move(ctx, 'orderMeterCheck', { meterSerial: meter.meter.serial, checkRequestId: checkId, checkCode, summary });
	await queueNotice(ctx.tx, ctx.deps, { phone: customer.phone, email: customer.email }, {
		requestId: request.id,
		kind: 'meter_check_ordered',
		text: (locale) => ({
			sms: m.server_notice_meterCheckOrdered_sms({ code: request.code, serial: meter.meter.serial, checkCode }, { locale }),
			email: {
				subject: m.server_notice_meterCheckOrdered_subject({ code: request.code }, { locale }),
				body: m.server_notice_meterCheckOrdered_body({ fullName: customer.fullName, code: request.code, serial: meter.meter.serial, checkCode }, { locale })
			}
		})
	});
	return { ...done, meterCheck: { id: checkId, code: checkCode } };
}

/** The crew's report of what it fixed, phoned in (a crew with a tablet reports it there: the recordFix field command). */
async function recordFix(ctx: StepContext, report: string): Promise<StepDone> {
	const done = await move(ctx, 'recordFix', { report, summary: fixSummary(report) });
	await noticeFixed(ctx.tx, ctx.deps, ctx.found, report);
	return done;
}
