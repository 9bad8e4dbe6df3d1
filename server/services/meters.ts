// Readings with evidence (seeds 003–004): the utility's readings, the customer's own reading on the reading day
// through a link, and the comparison of the two: a difference above the tolerance opens a complaint request for
// service 75 ("Giải đáp - kiến nghị ghi chỉ số công tơ", 1 working day) on the supervisors' board by itself.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../src/lib/domain/api';
import type { HolidayCalendar } from '../../src/lib/domain/holidays';
import { checkReading, DEFAULT_ABNORMAL_FACTOR } from '../../src/lib/domain/readings';
import { vnDateOf } from '../../src/lib/domain/sla';
import type { Db } from '../db/database';
import { asHistory, findMeter, findOpenMeterCheck, findReadingLink, insertReading, insertReadingLink, listReadings, markReadingLinkUsed, readingDisputeExists, touchOpenRequestsOfMeter, type MeterReadingRow, type MeterRow } from '../db/meters';
import { appendAudit } from '../db/requests';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { queueNotice } from '../notify/outbox';
import { assertMayAttach, assertMeterInScope, meterNotFound, unitScopeOf, type UnitScope } from './access';
import { newRequestCode } from './board';
import type { Runtime } from './clock';
import { createRequest } from './requests';
import { m } from '../../src/lib/paraglide/messages.js';

export interface ReadingContext extends Runtime {
	holidays: HolidayCalendar;
	publicUrl: string;
	/** A customer's reading may differ from the utility's of the same day by this much before it is a complaint. */
	selfReadingToleranceKwh?: number;
	abnormalFactor?: number;
}

export const COMPLAINT_SERVICE = 75;
/** "Kiểm tra công tơ" in the catalog. */
export const METER_CHECK_SERVICE = 41;
export const DEFAULT_SELF_READING_TOLERANCE_KWH = 1;
export const READING_LINK_TTL_MS = 3 * 24 * 3_600_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function meterOrFail(tx: Db, serial: string) {
	const found = await findMeter(tx, serial);
	if (!found) throw meterNotFound(serial);
	return found;
}

/** A meter of the supervisor's unit with its customer and every reading, for the console. */
export async function meterDetail(db: Db, serial: string, unitId: UnitScope) {
	await assertMeterInScope(db, unitId, serial);
	const found = await meterOrFail(db, serial);
	const readings = await listReadings(db, serial);
	return {
		meter: { ...found.meter, installedAt: found.meter.installedAt.toISOString(), removedAt: found.meter.removedAt?.toISOString() ?? null },
		// the intake of a meter service fills the customer from here instead of the supervisor retyping it
		customer: { id: found.customer.id, name: found.customer.fullName, phone: found.customer.phone, email: found.customer.email ?? null, address: found.customer.address },
		readings: readings.map((r) => ({ kwh: r.kwh, at: r.takenAt.toISOString(), source: r.source, abnormal: r.abnormal, photo: r.photoSha256 }))
	};
}

/** Checks a reading against the register and the meter's history, and stores it; refused readings are not stored. */
async function storeReading(
	tx: Db,
	ctx: ReadingContext,
	input: { serial: string; kwh: number; takenAt: Date; source: 'utility' | 'crew' | 'customer'; photoSha256: string | null; recordedBy: string | null }
) {
	const { meter } = await meterOrFail(tx, input.serial);
	const day = vnDateOf(input.takenAt);
	// a customer's own reading is checked against earlier days only: the same day's utility reading is what it disputes
	const history = asHistory((await listReadings(tx, input.serial)).filter((r) => input.source !== 'customer' || vnDateOf(r.takenAt) !== day));
	const verdict = checkReading({
		meter,
		history,
		kwh: input.kwh,
		at: input.takenAt,
		factor: ctx.abnormalFactor ?? DEFAULT_ABNORMAL_FACTOR
	});
	if (!verdict.ok) throw new DomainError(verdict.code, verdict.reason);
	const row = {
		id: ctx.newId(),
		meterSerial: input.serial,
		kwh: input.kwh,
		takenAt: input.takenAt,
		source: input.source,
		photoSha256: input.photoSha256,
		abnormal: verdict.abnormal,
		recordedBy: input.recordedBy,
		recordedAt: ctx.clock()
	};
	await insertReading(tx, row);
	await touchOpenRequestsOfMeter(tx, input.serial, row.recordedAt);
	return { reading: row, verdict };
}

/** The utility's reading (the reader's handheld, or a supervisor); compared with the customer's of that day. */
export async function recordUtilityReading(
	tx: Db,
	ctx: ReadingContext,
	input: { serial: string; kwh: number; takenAt: Date; photoSha256: string | null; by: SessionUser }
) {
	await assertMeterInScope(tx, unitScopeOf(input.by), input.serial);
	if (input.photoSha256) {
		await assertMayAttach(tx, input.by, [input.photoSha256], 'photoSha256', both(m.server_refusal_readingPhotoNotUploaded));
	}
	const { by, ...reading } = input;
	const stored = await storeReading(tx, ctx, { ...reading, recordedBy: by.id, source: 'utility' });
	const complaint = await compareSameDay(tx, ctx, input.serial, stored.reading.takenAt);
	return { abnormal: stored.verdict.ok && stored.verdict.abnormal, complaint };
}

/** A Hà Nội date as texts write it: 2026-12-05 → 05/12/2026 (never year-month-day). */
function dayText(isoDate: string): string {
	const [year, month, day] = isoDate.split('-');
	return `${day}/${month}/${year}`;
}

/** On the reading day the customer gets a link (SMS and email) to send their own reading with a photo. */
export async function sendReadingLink(tx: Db, ctx: ReadingContext, input: { serial: string; readingDate: string; unitId: UnitScope }) {
	const now = ctx.clock();
	await assertMeterInScope(tx, input.unitId, input.serial);
	// a link for a day already gone would ask the customer for a reading nobody can compare
	const today = vnDateOf(now);
	if (input.readingDate < today) {
		const words = both(m.server_refusal_readingDayPast, { day: dayText(input.readingDate), today: dayText(today) });
		throw new DomainError('invalid_input', words, { readingDate: words });
	}
	const { meter, customer } = await meterOrFail(tx, input.serial);
	const token = randomBytes(24).toString('base64url');
	await insertReadingLink(tx, { tokenHash: hashToken(token), meterSerial: meter.serial, readingDate: input.readingDate, createdAt: now, expiresAt: new Date(now.getTime() + READING_LINK_TTL_MS) });
	const url = `${ctx.publicUrl.replace(/\/$/, '')}/self-reading/${token}`;
	await queueNotice(tx, ctx, { phone: customer.phone, email: customer.email }, {
		requestId: null,
		kind: 'self_reading_link',
		text: (locale) => ({
			sms: m.server_notice_selfReadingLink_sms({ readingDate: dayText(input.readingDate), serial: meter.serial, url }, { locale }),
			email: {
				subject: m.server_notice_selfReadingLink_subject({ serial: meter.serial }, { locale }),
				body: m.server_notice_selfReadingLink_body({ fullName: customer.fullName, readingDate: dayText(input.readingDate), serial: meter.serial, url }, { locale })
			}
		})
	});
	return { token, url };
}

async function linkOrFail(db: Db, ctx: ReadingContext, token: string) {
	const link = await findReadingLink(db, hashToken(token));
	if (!link || link.expiresAt.getTime() <= ctx.clock().getTime()) {
		throw new DomainError('link_invalid', both(m.server_refusal_reading_link_invalid));
	}
	return link;
}

export async function selfReadingView(db: Db, ctx: ReadingContext, token: string) {
	const link = await linkOrFail(db, ctx, token);
	const { meter, customer } = (await findMeter(db, link.meterSerial))!;
	// the last reading before the reading day: the utility's reading of that day is what the customer may dispute
	const readings = (await listReadings(db, meter.serial)).filter((r) => vnDateOf(r.takenAt) < link.readingDate);
	const last = readings.at(-1);
	return {
		meter: { serial: meter.serial, phases: meter.phases, type: meter.type, registerDigits: meter.registerDigits },
		customerName: customer.fullName,
		readingDate: link.readingDate,
		lastReading: last ? { kwh: last.kwh, at: last.takenAt.toISOString(), source: last.source } : null,
		submitted: link.usedAt !== null
	};
}

/** The customer's own reading; one per link. A difference from the utility's reading of the day opens a complaint. */
export async function submitSelfReading(tx: Db, ctx: ReadingContext, token: string, input: { kwh: number; photoSha256: string }) {
	const link = await linkOrFail(tx, ctx, token);
	if (link.usedAt) throw new DomainError('already_sent', both(m.server_refusal_already_sent));
	const now = ctx.clock();
	const stored = await storeReading(tx, ctx, { serial: link.meterSerial, kwh: input.kwh, takenAt: now, source: 'customer', photoSha256: input.photoSha256, recordedBy: null });
	await markReadingLinkUsed(tx, link.tokenHash, now);
	const complaint = await compareSameDay(tx, ctx, link.meterSerial, now);
	return { complaint: complaint ? { code: complaint.code } : null };
}

/**
 * The customer asks for their meter to be checked (service 41) from their reading-day link: one open check per
 * meter, so asking twice answers with the request already open.
 */
export async function customerAsksMeterCheck(tx: Db, ctx: ReadingContext, token: string) {
	const link = await linkOrFail(tx, ctx, token);
	const { meter, customer } = (await findMeter(tx, link.meterSerial))!;
	if (meter.removedAt) throw new DomainError('meter_removed', both(m.server_refusal_meter_removed));
	const open = await findOpenMeterCheck(tx, meter.serial);
	if (open) return { code: open.code, created: false };
	const { id, code } = await openRequestForMeter(tx, ctx, { meter, customer, serviceNumber: METER_CHECK_SERVICE, role: 'customer', meterSerial: meter.serial });
	await queueNotice(tx, ctx, { phone: customer.phone, email: customer.email }, {
		requestId: id,
		kind: 'meter_check_received',
		text: (locale) => ({
			sms: m.server_notice_meterCheckReceived_sms({ serial: meter.serial, code }, { locale }),
			email: {
				subject: m.server_notice_meterCheckReceived_subject({ code }, { locale }),
				body: m.server_notice_meterCheckReceived_body({ fullName: customer.fullName, serial: meter.serial, code }, { locale })
			}
		})
	});
	return { code, created: true };
}

/**
 * When the utility and the customer both read the meter on one day (Hà Nội date) and the readings differ by more
 * than the tolerance, a complaint request (service 75) is opened once for that meter and day.
 */
async function compareSameDay(tx: Db, ctx: ReadingContext, serial: string, at: Date) {
	const day = vnDateOf(at);
	const sameDay = (await listReadings(tx, serial)).filter((r) => vnDateOf(r.takenAt) === day);
	const utility = sameDay.filter((r) => r.source === 'utility').at(-1);
	const customer = sameDay.filter((r) => r.source === 'customer').at(-1);
	if (!utility || !customer) return null;
	const tolerance = ctx.selfReadingToleranceKwh ?? DEFAULT_SELF_READING_TOLERANCE_KWH;
	if (Math.abs(utility.kwh - customer.kwh) <= tolerance) return null;
	if (await readingDisputeExists(tx, serial, day)) return null;
	return openComplaint(tx, ctx, serial, day, utility, customer);
}

/** A request about a meter, for its registered customer, opened by the customer or by the system. */
async function openRequestForMeter(
	tx: Db,
	ctx: ReadingContext,
	input: { meter: MeterRow; customer: { id: string; address: string }; serviceNumber: number; role: 'customer' | 'system'; meterSerial?: string }
) {
	const now = ctx.clock();
	const id = ctx.newId();
	const code = await newRequestCode(tx, now);
	await createRequest(
		tx,
		{ id, code, serviceNumber: input.serviceNumber, customerId: input.customer.id, unitId: input.meter.unitId, address: input.customer.address, location: null, receivedAt: now, meterSerial: input.meterSerial ?? null },
		{ userId: null, role: input.role },
		ctx.holidays
	);
	return { id, code, now };
}

async function openComplaint(tx: Db, ctx: ReadingContext, serial: string, day: string, utility: MeterReadingRow, customerReading: MeterReadingRow) {
	const { meter, customer } = (await findMeter(tx, serial))!;
	const { id, code, now } = await openRequestForMeter(tx, ctx, { meter, customer, serviceNumber: COMPLAINT_SERVICE, role: 'system' });
	// what the complaint is about, on its timeline: both readings and their photos
	await appendAudit(tx, {
		requestId: id,
		at: now,
		actorUserId: null,
		actorRole: 'system',
		transition: 'readingDispute',
		fromState: 'submitted',
		toState: 'submitted',
		version: 1,
		detail: {
			meterSerial: serial,
			day,
			utility: { kwh: utility.kwh, at: utility.takenAt.toISOString(), photo: utility.photoSha256 },
			customer: { kwh: customerReading.kwh, at: customerReading.takenAt.toISOString(), photo: customerReading.photoSha256 },
			differenceKwh: Math.round((customerReading.kwh - utility.kwh) * 10) / 10
		}
	});
	await queueNotice(tx, ctx, { phone: customer.phone, email: customer.email }, {
		requestId: id,
		kind: 'reading_complaint_received',
		text: (locale) => ({
			sms: m.server_notice_readingComplaintReceived_sms({ code, serial, day: dayText(day) }, { locale }),
			email: {
				subject: m.server_notice_readingComplaintReceived_subject({ code }, { locale }),
				body: m.server_notice_readingComplaintReceived_body({ fullName: customer.fullName, customerKwh: customerReading.kwh, utilityKwh: utility.kwh, day: dayText(day), code }, { locale })
			}
		})
	});
	return { id, code };
}
