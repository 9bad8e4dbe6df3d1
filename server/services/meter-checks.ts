// Meter checks (services 41 and 42, seed 003): the visit notice with the customer's confirmation code, the crew's
// result checked against the meter's readings (the same rules the tablet ran offline), the acknowledgement code,
// the meter register update on a replacement, and the result sent to the customer.
import type { MeterCheckRecord, MeterView } from '../../src/lib/domain/api';
import type { CommandEnvelope, MeterCheckPayload, MeterTestResult } from '../../src/lib/domain/commands';
import { abnormalReasons, checkMeterCheckReadings, checkReading, DEFAULT_ABNORMAL_FACTOR } from '../../src/lib/domain/readings';
import type { Label } from '../../src/lib/domain/workflow';
import type { Db } from '../db/database';
import { asHistory, findMeter, insertMeter, insertMeterCheck, insertReading, listMeterChecks, listMeters, listReadings, listRecentReadings, retireMeter, type MeterReadingRow } from '../db/meters';
import type { meterChecks, meterReadings } from '../db/schema';
import { findAssignedJob, findCustomerById, lockRequest, type RequestRow } from '../db/requests';
import { DomainError } from './domain-error';
import { both, bothBy } from '../../src/lib/text';
import { noticeCustomer, queueNotice, type NoticeMemo, type NoticeWrites } from '../notify/outbox';
import { withoutAccents } from '../notify/sms-text';
import { whenText } from './operation-words';
import type { Runtime } from './clock';
import { DEFAULT_CODE_POLICY, issueSigningCode, limitResends, verifySigningCode, type CodeMemo, type CodePolicy } from './signing-codes';
import { m } from '../../src/lib/paraglide/messages.js';
import { checkActionText, checkResultText, meterCheckLines } from '../../src/lib/meter-check-words';
import { formatKwh, kwhText, signedPercent } from '../../src/lib/format';

export interface MeterCheckContext extends Runtime {
	codePolicy?: CodePolicy;
	abnormalReadingFactor?: number;
}

interface Refusal {
	ok: false;
	code: string;
	reason: Label;
	fields?: Record<string, string>;
}

const refusal = (code: string, reason: Label, field?: string): Refusal => ({ ok: false, code, reason, ...(field ? { fields: { [field]: reason.vi } } : {}) });

/** A meter as the register has it (findMeter: locked for the rest of the transaction). */
export type FoundMeter = NonNullable<Awaited<ReturnType<typeof findMeter>>>;

/**
 * A push batch's meters, locked at its start with their readings (an entry with no meter: the register has none by
 * that serial). A serial not in it is read from the database. Every reading the batch writes for a meter in it is
 * added to it (written now or with the batch's set-based writes), so it stays what the database would answer; a
 * command that changes the register otherwise (a replacement) drops the serials it touched.
 */
export type MeterMemo = Map<string, { found: FoundMeter | undefined; readings: MeterReadingRow[] }>;

/** The meter by this serial (locked), from the batch's memo when it holds it. */
async function meterOf(tx: Db, serial: string, memo?: MeterMemo): Promise<FoundMeter | undefined> {
	const known = memo?.get(serial);
	return known ? known.found : findMeter(tx, serial);
}

/** The meter's readings in time order, from the batch's memo when it holds them. */
async function readingsOf(tx: Db, serial: string, memo?: MeterMemo): Promise<MeterReadingRow[]> {
	return memo?.get(serial)?.readings ?? listReadings(tx, serial);
}

/** A reading the batch wrote, in its meter's history in the memo (in time order, after readings taken at the same time). */
function remember(memo: MeterMemo | undefined, row: MeterReadingRow) {
	const known = memo?.get(row.meterSerial);
	if (!known) return;
	const at = known.readings.findIndex((r) => r.takenAt.getTime() > row.takenAt.getTime());
	known.readings.splice(at < 0 ? known.readings.length : at, 0, row);
}

/** Where a push batch collects what its meter checks write, for one INSERT each (flushed with its other set-based writes). */
export interface MeterCheckWrites {
	readings: Array<typeof meterReadings.$inferInsert>;
	meterChecks: Array<typeof meterChecks.$inferInsert>;
}

/** How many recent readings travel with a meter (enough for the usual daily use). */
const RECENT_READINGS = 12;

async function issueCode(tx: Db, ctx: MeterCheckContext, requestId: string, jobId: string) {
	return issueSigningCode(tx, ctx, { requestId, subjectId: jobId, purpose: 'meter_check', policy: ctx.codePolicy ?? DEFAULT_CODE_POLICY });
}

/** Dispatch of a meter check: the customer gets the visit time and the code that confirms the result on site. */
export async function sendMeterCheckVisit(
	tx: Db,
	ctx: MeterCheckContext,
	input: { requestId: string; jobId: string; code: string; address: string; at: Date; customer: { fullName: string; phone: string; email: string | null } }
) {
	const { code } = await issueCode(tx, ctx, input.requestId, input.jobId);
	await queueNotice(tx, ctx, { phone: input.customer.phone, email: input.customer.email }, {
		requestId: input.requestId,
		kind: 'meter_check_code',
		text: (locale) => {
			const when = whenText(input.at, locale);
			return {
				sms: m.server_notice_meterCheckCode_sms({ request: input.code, address: withoutAccents(input.address), when: withoutAccents(when), code }, { locale }),
				email: {
					subject: m.server_notice_meterCheckCode_subject({ request: input.code }, { locale }),
					body: m.server_notice_meterCheckCode_body({ fullName: input.customer.fullName, address: input.address, when, code }, { locale })
				}
			};
		}
	});
}

/** A fresh confirmation code (the first was lost or locked); older codes stop working. */
export async function resendMeterCheckCode(tx: Db, ctx: MeterCheckContext, request: RequestRow) {
	if (request.state !== 'survey_scheduled') throw new DomainError('not_awaiting_check', both(m.server_refusal_checkNotAwaited));
	const job = await findAssignedJob(tx, request.id);
	if (!job) throw new DomainError('not_awaiting_check', both(m.server_refusal_noCheckCrew));
	await limitResends(tx, request.id, job.id, 'meter_check', ctx.clock());
	const { code } = await issueCode(tx, ctx, request.id, job.id);
	const customer = await findCustomerById(tx, request.customerId);
	await queueNotice(tx, ctx, { phone: customer!.phone, email: customer!.email }, {
		requestId: request.id,
		kind: 'meter_check_code',
		text: (locale) => ({
			sms: m.server_notice_meterCheckCodeResent_sms({ request: request.code, code }, { locale }),
			email: { subject: m.server_notice_meterCheckCodeResent_subject({ request: request.code }, { locale }), body: m.server_notice_meterCheckCodeResent_body({ code }, { locale }) }
		})
	});
	return { sentTo: { sms: Boolean(customer!.phone), email: Boolean(customer!.email) } };
}

/** Readings that passed the rules: whether they are abnormal (and confirmed, or they would be refused), and when. */
export interface CheckedReadings {
	ok: true;
	abnormal: boolean;
	abnormalReason: Label | null;
	takenAt: Date;
}

export interface CheckedMeterCheck extends CheckedReadings {
	/** `abnormal` is the check's flag: either of these. */
	currentAbnormal: boolean;
	finalAbnormal: boolean;
}

/** An abnormal reading stands only with the crew's second photo of the meter face. */
function unconfirmed(reason: Label | null, confirmPhoto: string | null): Refusal | null {
	if (!reason || confirmPhoto) return null;
	return refusal('abnormal_unconfirmed', bothBy(m.server_refusal_abnormalUnconfirmed, (lang) => ({ reason: reason[lang] })), 'abnormalConfirmPhoto');
}

/**
 * The reading rules, again on the server: a reading below the previous one or longer than the register is refused;
 * an abnormal one needs the crew's second photo; the old meter's final reading and the new meter's first follow the
 * same rules. Reads only: a refusal leaves nothing behind.
 */
export async function checkMeterCheck(
	tx: Db,
	ctx: MeterCheckContext,
	request: Pick<RequestRow, 'meterSerial'>,
	command: Pick<CommandEnvelope, 'deviceTime'>,
	payload: MeterCheckPayload,
	/** The payload's meter, when the caller found it already in this transaction (the row stays locked: it is current). */
	meter?: FoundMeter,
	memo?: MeterMemo
): Promise<CheckedMeterCheck | Refusal> {
	if (!request.meterSerial || payload.meterSerial !== request.meterSerial) {
		const none = both(m.server_refusal_requestHasNoMeter);
		const reason = bothBy(m.server_refusal_wrongMeter, (lang) => ({ serial: payload.meterSerial, requestMeter: request.meterSerial ?? none[lang] }));
		return refusal('wrong_meter', reason, 'meterSerial');
	}
	const found = meter?.meter.serial === request.meterSerial ? meter : await meterOf(tx, request.meterSerial, memo);
	if (!found || found.meter.removedAt) return refusal('wrong_meter', both(m.server_refusal_meterRemovedSerial, { serial: request.meterSerial }), 'meterSerial');
	const takenAt = readingTime(ctx, command);
	const history = asHistory(await readingsOf(tx, request.meterSerial, memo));
	const factor = ctx.abnormalReadingFactor ?? DEFAULT_ABNORMAL_FACTOR;
	const replacement = payload.replacement;
	const verdicts = checkMeterCheckReadings({
		meter: found.meter,
		history,
		at: takenAt,
		factor,
		readingKwh: payload.readingKwh,
		oldFinalKwh: replacement?.oldFinalKwh,
		newMeter: replacement ? { registerDigits: replacement.newRegisterDigits, kwh: replacement.newReadingKwh } : undefined
	});
	const current = verdicts.reading!;
	if (!current.ok) return refusal(current.code, current.reason, 'readingKwh');
	if (verdicts.oldFinal && !verdicts.oldFinal.ok) return refusal(verdicts.oldFinal.code, verdicts.oldFinal.reason, 'replacement.oldFinalKwh');
	// the old meter's final reading is as much evidence as the current one: either abnormal needs the second photo
	const abnormalReason = abnormalReasons(verdicts)[0] ?? null;
	const unconfirmedAbnormal = unconfirmed(abnormalReason, payload.abnormalConfirmPhoto);
	if (unconfirmedAbnormal) return unconfirmedAbnormal;
	if (verdicts.newReading && !verdicts.newReading.ok) return refusal(verdicts.newReading.code, verdicts.newReading.reason, 'replacement.newReadingKwh');
	if (replacement) {
		if (await meterOf(tx, replacement.newSerial, memo)) {
			return refusal('meter_exists', both(m.server_refusal_meterExists, { serial: replacement.newSerial }), 'replacement.newSerial');
		}
	}
	return { ok: true, abnormal: abnormalReason !== null, abnormalReason, takenAt, currentAbnormal: current.abnormal, finalAbnormal: verdicts.oldFinal?.ok === true && verdicts.oldFinal.abnormal };
}

/**
 * The installation's handover reading (step 8), when its meter is in the register: the same reading rules. A meter
 * the register does not know yet (a new connection) has nothing to compare with.
 */
export async function checkHandoverReading(
	tx: Db,
	ctx: MeterCheckContext,
	command: Pick<CommandEnvelope, 'deviceTime'>,
	input: { meterSerial: string; meterReadingKwh: number; abnormalConfirmPhoto: string | null },
	memo?: MeterMemo
): Promise<(CheckedReadings & { registered: boolean }) | Refusal> {
	const takenAt = readingTime(ctx, command);
	const found = await meterOf(tx, input.meterSerial, memo);
	if (!found || found.meter.removedAt) return { ok: true, abnormal: false, abnormalReason: null, takenAt, registered: false };
	const history = asHistory(await readingsOf(tx, input.meterSerial, memo));
	const verdict = checkReading({ meter: found.meter, history, kwh: input.meterReadingKwh, at: takenAt, factor: ctx.abnormalReadingFactor ?? DEFAULT_ABNORMAL_FACTOR });
	if (!verdict.ok) return refusal(verdict.code, verdict.reason, 'meterReadingKwh');
	const unconfirmedAbnormal = unconfirmed(verdict.abnormal ? verdict.reason! : null, input.abnormalConfirmPhoto);
	if (unconfirmedAbnormal) return unconfirmedAbnormal;
	return { ok: true, abnormal: verdict.abnormal, abnormalReason: verdict.abnormal ? verdict.reason! : null, takenAt, registered: true };
}

/**
 * A reading the crew took (handover, check, replacement) goes into the register with its photo and flag: now, or with
 * a push batch's set-based writes (`writes`); either way into the batch's memo of the meter.
 */
export async function insertCrewReading(
	tx: Db,
	ctx: Runtime,
	input: { meterSerial: string; kwh: number; photo: string; abnormal: boolean; takenAt: Date; userId: string },
	batch: { memo?: MeterMemo; writes?: MeterCheckWrites } = {}
) {
	const row = {
		id: ctx.newId(),
		meterSerial: input.meterSerial,
		kwh: input.kwh,
		takenAt: input.takenAt,
		source: 'crew' as const,
		photoSha256: input.photo,
		abnormal: input.abnormal,
		recordedBy: input.userId,
		recordedAt: ctx.clock()
	};
	if (batch.writes) batch.writes.readings.push(row);
	else await insertReading(tx, row);
	remember(batch.memo, row);
}

/** When the crew read the meter: the tablet's time, never later than the server's clock. */
function readingTime(ctx: Runtime, command: Pick<CommandEnvelope, 'deviceTime'>): Date {
	const now = ctx.clock();
	const deviceAt = new Date(command.deviceTime);
	return deviceAt.getTime() < now.getTime() ? deviceAt : now;
}

/**
 * Before the command is applied: the reading rules, then the customer's code (a wrong code counts as an attempt even
 * though the command is refused, so it is checked last: a reading the crew must re-enter does not use up the code).
 * Null: the transition will say why (not awaiting the check); else what was checked, for the command's check to reuse.
 * `known`: what a push batch read already in this transaction (the request's locked row, the meter, the code key and
 * its requests' codes).
 */
export async function precheckMeterCheck(
	tx: Db,
	ctx: MeterCheckContext,
	command: CommandEnvelope,
	jobId: string,
	payload: MeterCheckPayload,
	known: { request?: RequestRow; meter?: FoundMeter; memo?: CodeMemo; meters?: MeterMemo } = {}
): Promise<Refusal | { ok: true; request: RequestRow; checked: CheckedMeterCheck } | null> {
	const request = known.request ?? (await lockRequest(tx, command.requestId));
	if (!request || request.state !== 'survey_scheduled' || request.version !== command.baseVersion) return null; // the transition says why
	const checked = await checkMeterCheck(tx, ctx, request, command, payload, known.meter, known.meters);
	if (!checked.ok) return checked;
	const code = await verifySigningCode(tx, ctx, { requestId: request.id, subjectId: jobId, purpose: 'meter_check', code: payload.code, policy: ctx.codePolicy ?? DEFAULT_CODE_POLICY, memo: known.memo });
	if (!code.ok) {
		const reason = { vi: code.reason.vi.replace('Mã ký', 'Mã xác nhận'), en: code.reason.en.replace('signing code', 'confirmation code') };
		return refusal(code.code, reason, 'code');
	}
	return { ok: true, request, checked };
}

/**
 * After the transition: the readings, the register on a replacement, the result and the customer's notice.
 * `batch`: a push batch's memos, and where it collects the readings and the record to write them set-based (never
 * with a replacement, which changes the register and the requests naming the meter now: the batch drops those meters).
 */
export async function recordMeterCheck(
	tx: Db,
	ctx: MeterCheckContext,
	input: { request: RequestRow; jobId: string; crewId: string; userId: string; command: CommandEnvelope; payload: MeterCheckPayload; checked: CheckedMeterCheck },
	batch: { notices?: NoticeMemo; meters?: MeterMemo; writes?: MeterCheckWrites & NoticeWrites } = {}
) {
	const { payload, checked, request } = input;
	const now = ctx.clock();
	const serial = payload.meterSerial;
	const replacement = payload.replacement;
	const writes = replacement ? undefined : batch.writes;
	const reading = (meterSerial: string, kwh: number, photo: string, abnormal: boolean) =>
		insertCrewReading(tx, ctx, { meterSerial, kwh, photo, abnormal, takenAt: checked.takenAt, userId: input.userId }, { memo: batch.meters, writes });
	await reading(serial, payload.readingKwh, payload.readingPhoto, checked.currentAbnormal);
	if (replacement) {
		await reading(serial, replacement.oldFinalKwh, replacement.oldFinalPhoto, checked.finalAbnormal);
		const { meter } = (await meterOf(tx, serial, batch.meters))!;
		batch.meters?.delete(serial);
		batch.meters?.delete(replacement.newSerial);
		await retireMeter(tx, serial, replacement.newSerial, checked.takenAt);
		await insertMeter(tx, {
			serial: replacement.newSerial,
			customerId: meter.customerId,
			unitId: meter.unitId,
			phases: replacement.newPhases,
			type: replacement.newType,
			registerDigits: replacement.newRegisterDigits,
			installedAt: checked.takenAt
		});
		await reading(replacement.newSerial, replacement.newReadingKwh, replacement.newPhoto, false);
	}
	const { code: _code, signature, ...record } = payload;
	const row = {
		id: ctx.newId(),
		requestId: request.id,
		jobId: input.jobId,
		meterSerial: serial,
		readingKwh: payload.readingKwh,
		result: payload.result,
		errorPercent: payload.errorPercent,
		sealIntact: payload.sealIntact,
		action: payload.action,
		newMeterSerial: replacement?.newSerial ?? null,
		abnormal: checked.abnormal,
		abnormalConfirmed: checked.abnormal && payload.abnormalConfirmPhoto !== null,
		record: { ...record, abnormalReason: checked.abnormalReason?.vi ?? null, abnormalReasonEn: checked.abnormalReason?.en ?? null },
		signerName: signature.signerName,
		signaturePng: signature.imagePng,
		signatureStrokes: signature.strokes,
		crewId: input.crewId,
		deviceTime: new Date(input.command.deviceTime),
		recordedAt: now
	};
	if (writes) writes.meterChecks.push(row);
	else await insertMeterCheck(tx, row);
	await sendResult(tx, ctx, request, payload, { memo: batch.notices, writes });
}

/** The findings as the customer's email lists them, one "label: value" line each, in their language. */
function resultLines(payload: MeterCheckPayload, locale: 'vi' | 'en'): string[] {
	const findings = { ...payload, newMeterSerial: payload.replacement?.newSerial ?? null };
	const lines = meterCheckLines(findings, locale).map(([label, value]) => `${label}: ${value}`);
	const r = payload.replacement;
	if (r) {
		lines.push(m.server_notice_meterCheckResult_replacement({ oldSerial: payload.meterSerial, oldKwh: kwhText(r.oldFinalKwh, locale), newSerial: r.newSerial, newKwh: kwhText(r.newReadingKwh, locale) }, { locale }));
	}
	return lines;
}

/** The result, texted (without accents) and emailed to the customer in their language. */
async function sendResult(tx: Db, ctx: MeterCheckContext, request: RequestRow, payload: MeterCheckPayload, batch: { memo?: NoticeMemo; writes?: NoticeWrites }) {
	const customer = await noticeCustomer(tx, request.customerId, batch.memo);
	await queueNotice(tx, ctx, { phone: customer!.phone, email: customer!.email }, {
		requestId: request.id,
		kind: 'meter_check_result',
		text: (locale) => {
			const error = payload.errorPercent !== null ? m.server_notice_meterCheckResult_errorSms({ percent: signedPercent(payload.errorPercent, locale) }, { locale }) : '';
			const replaced = payload.replacement ? m.server_notice_meterCheckResult_replacedSms({ serial: payload.replacement.newSerial, kwh: kwhText(payload.replacement.newReadingKwh, locale) }, { locale }) : '';
			const sms = m.server_notice_meterCheckResult_sms(
				{ meterSerial: payload.meterSerial, request: request.code, result: checkResultText(payload.result, locale), error, readingKwh: formatKwh(payload.readingKwh, locale), action: checkActionText(payload.action, locale), replaced },
				{ locale }
			);
			return {
				sms: withoutAccents(sms),
				email: {
					subject: m.server_notice_meterCheckResult_subject({ request: request.code }, { locale }),
					body: m.server_notice_meterCheckResult_body({ fullName: customer!.fullName, request: request.code, lines: resultLines(payload, locale).join('\n') }, { locale })
				}
			};
		}
	}, { customerId: request.customerId, ...batch });
}

/** The meters of these requests with their recent readings, for the tablet and the console. */
export async function meterViews(db: Db, serials: string[]): Promise<Map<string, MeterView>> {
	const views = new Map<string, MeterView>();
	if (serials.length === 0) return views;
	const readingRows = await listRecentReadings(db, serials, RECENT_READINGS);
	for (const m of await listMeters(db, serials)) {
		const recent = readingRows.filter((r) => r.meterSerial === m.serial).reverse();
		views.set(m.serial, {
			serial: m.serial,
			phases: m.phases === 3 ? 3 : 1,
			type: m.type,
			registerDigits: m.registerDigits,
			installedAt: m.installedAt.toISOString(),
			removedAt: m.removedAt?.toISOString() ?? null,
			readings: recent.map((r) => ({ kwh: r.kwh, at: r.takenAt.toISOString(), source: r.source, abnormal: r.abnormal }))
		});
	}
	return views;
}

/** The accepted meter checks of these requests. */
export async function meterCheckRecords(db: Db, requestIds: string[]): Promise<Map<string, MeterCheckRecord>> {
	const records = new Map<string, MeterCheckRecord>();
	if (requestIds.length === 0) return records;
	const rows = await listMeterChecks(db, requestIds);
	for (const { check, crewName } of rows) {
		const record = check.record;
		records.set(check.requestId, {
			meterSerial: check.meterSerial,
			readingKwh: check.readingKwh,
			readingPhoto: record.readingPhoto,
			sealIntact: check.sealIntact,
			sealPhoto: record.sealPhoto ?? null,
			result: record.result,
			errorPercent: check.errorPercent,
			action: check.action,
			replacement: record.replacement ?? null,
			abnormal: check.abnormal,
			abnormalConfirmPhoto: record.abnormalConfirmPhoto ?? null,
			abnormalReason: record.abnormalReason,
			abnormalReasonEn: record.abnormalReasonEn ?? null,
			notes: record.notes ?? '',
			location: record.location ?? null,
			signerName: check.signerName,
			crewName,
			recordedAt: check.recordedAt.toISOString()
		});
	}
	return records;
}
