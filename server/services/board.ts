// The supervisors' side of the workflow: the requests board with SLA clocks, intake (step 1),
// dispatch with the customer's survey notice (step 2; never in the past), and the request's whole record.
import type { BoardItem, BoardPage, BoardQuery, DispatchBody, IntakeBody } from '../../src/lib/domain/board';
import { getService } from '../../src/lib/domain/catalog';
import type { HolidayCalendar } from '../../src/lib/domain/holidays';
import { deadlineStatus, vnDateOf, workingDaysLeft } from '../../src/lib/domain/sla';
import { isMeterCheckService, type RequestState } from '../../src/lib/domain/workflow';
import { dispatchStepOf, processOfService } from '../../src/lib/domain/processes';
import { m } from '../../src/lib/paraglide/messages.js';
import { boardRows, nextRequestNumber } from '../db/board';
import type { Db } from '../db/database';
import { findCrewById, findCustomerById, insertCustomer, insertJob, insertRequestDocuments, lockRequest } from '../db/requests';
import { findMeter } from '../db/meters';
import { readableBlobs } from '../db/scope';
import { DomainError } from './domain-error';
import { both } from '../../src/lib/text';
import { queueNotice } from '../notify/outbox';
import type { Runtime } from './clock';
import { sendMeterCheckVisit } from './meter-checks';
import { assertCrewServesUnit, inScope, requestNotFound, type UnitScope } from './access';
import { createRequest } from './requests';
import { transitionRequest, type Actor } from './workflow';
import { assertFutureVisit } from './request-operations';
import { repairVisitNotice, surveyVisitNotice } from './visit-notices';

export interface BoardContext extends Runtime {
	holidays: HolidayCalendar;
}

export async function listBoard(db: Db, ctx: BoardContext, unitId: UnitScope, query: BoardQuery): Promise<BoardPage> {
	const now = ctx.clock();
	const { rows, total, totalCapped } = await boardRows(db, unitId, query, now);
	const items: BoardItem[] = rows.map(({ request, customerName, customerPhone, crewId, crewName }) => {
		const service = getService(request.serviceNumber);
		const open = request.state !== 'completed' && request.state !== 'cancelled';
		const deadline = open ? request.deadline : null;
		return {
			id: request.id,
			code: request.code,
			customerName,
			customerPhone,
			serviceNumber: request.serviceNumber,
			serviceName: service.name,
			state: request.state,
			crew: crewId && crewName ? { id: crewId, name: crewName } : null,
			receivedAt: request.receivedAt.toISOString(),
			deadline: request.deadline?.toISOString() ?? null,
			deadlineStatus: deadlineStatus(deadline, now, ctx.holidays),
			workingDaysLeft: deadline && service.processingTime.kind === 'working_days' ? workingDaysLeft(deadline, now, ctx.holidays) : null,
			msLeft: deadline ? deadline.getTime() - now.getTime() : null,
			location: request.lat != null && request.lng != null ? { lat: request.lat, lng: request.lng } : null
		};
	});
	return { items, total, totalCapped, page: query.page, pageSize: query.pageSize };
}

/** Step 1: a new request; its deadline comes from the catalog at the moment of intake. */
export async function intakeRequest(tx: Db, ctx: BoardContext, input: { unitId: string; body: IntakeBody; actor: Actor }) {
	const now = ctx.clock();
	const meter = await meterToCheck(tx, input.unitId, input.body);
	// a meter check is the registered customer's: the confirmation code goes to the phone the utility has on record
	const customerId = meter?.customerId ?? ctx.newId();
	if (!meter) {
		await insertCustomer(tx, {
			id: customerId,
			fullName: input.body.customer.name,
			phone: input.body.customer.phone.replace(/^\+84/, '0'),
			email: input.body.customer.email,
			address: input.body.address
		});
	}
	const request = {
		id: ctx.newId(),
		code: await newRequestCode(tx, now),
		serviceNumber: input.body.serviceNumber,
		customerId,
		unitId: input.unitId,
		address: input.body.address,
		location: input.body.location,
		receivedAt: now,
		meterSerial: meter?.serial ?? null
	};
	const { deadline } = await createRequest(tx, request, input.actor, ctx.holidays);
	const documents = [...new Set(input.body.documents)];
	// only files the supervisor may open (their own uploads, their unit's): naming another unit's file would hand it over
	const readable = await readableBlobs(tx, { userId: input.actor.userId ?? '', unitId: input.unitId }, documents);
	const missing = documents.filter((sha) => !readable.has(sha));
	if (missing.length > 0) {
		throw new DomainError('invalid_input', both(m.server_refusal_documentsNotUploaded), { documents: both(m.server_refusal_documentsMissing, { count: missing.length }) });
	}
	await insertRequestDocuments(tx, documents.map((sha256, position) => ({ requestId: request.id, sha256, attachedBy: input.actor.userId, attachedAt: now, position })));
	return { id: request.id, code: request.code, deadline: deadline?.toISOString() ?? null };
}

/** The meter a meter check request is about: registered, in service and in the supervisor's unit. */
async function meterToCheck(tx: Db, unitId: string, body: IntakeBody) {
	if (!isMeterCheckService(body.serviceNumber)) {
		if (body.meterSerial) throw new DomainError('invalid_input', both(m.server_refusal_meterSerialOnlyForCheck), { meterSerial: both(m.server_refusal_meterSerialOnly4142) });
		return null;
	}
	if (!body.meterSerial) throw new DomainError('invalid_input', both(m.server_refusal_meterCheckNeedsSerial), { meterSerial: both(m.server_refusal_enterSerialToCheck) });
	const found = await findMeter(tx, body.meterSerial);
	if (!found || found.meter.unitId !== unitId) {
		throw new DomainError('invalid_input', both(m.server_refusal_meterNotInUnit, { serial: body.meterSerial }), { meterSerial: both(m.server_refusal_meterNotInUnit, { serial: body.meterSerial }) });
	}
	if (found.meter.removedAt) {
		throw new DomainError('invalid_input', both(m.server_refusal_meterRemovedSerial, { serial: body.meterSerial }), { meterSerial: both(m.server_refusal_meterRemovedEnterActive, { serial: body.meterSerial }) });
	}
	return found.meter;
}

/** YC-<year in Hà Nội>-<number>: the code customers quote. */
export async function newRequestCode(tx: Db, now: Date): Promise<string> {
	const number = await nextRequestNumber(tx);
	const year = vnDateOf(now).slice(0, 4);
	return `YC-${year}-${String(number).padStart(5, '0')}`;
}


/**
 * The visit of the request's own process: a survey (site work, seed 001 step 2), a meter check, or a crew sent at
 * once (field response). The customer is told when. A process with no visit (paperwork, complaints, look-ups) never
 * creates a crew job: it is refused in words.
 */
export async function dispatchSurvey(tx: Db, ctx: BoardContext, input: { requestId: string; unitId: UnitScope; body: DispatchBody; actor: Actor }) {
	const now = ctx.clock();
	const request = await lockRequest(tx, input.requestId);
	if (!request || !inScope(input.unitId, request.unitId)) throw requestNotFound();
	const step = dispatchStepOf(request.serviceNumber);
	if (!step) {
		const service = getService(request.serviceNumber);
		const process = processOfService(request.serviceNumber)!;
		throw new DomainError('not_in_workflow', both(m.server_refusal_noVisit, { service: service.name, number: service.number, process: process.label.vi }));
	}
	await assertCrewServesUnit(tx, input.body.crewId, request.unitId);
	const crew = (await findCrewById(tx, input.body.crewId))!;
	const at = new Date(input.body.scheduledAt);
	assertFutureVisit(at, now);
	const moved = await transitionRequest(tx, { requestId: request.id, name: step.transition, actor: input.actor, at: now, detail: { crewId: crew.id, scheduledAt: at.toISOString() } });
	if (!moved.ok) throw new DomainError(moved.code, moved.reason);
	const jobId = ctx.newId();
	await insertJob(tx, { id: jobId, requestId: request.id, crewId: crew.id, kind: step.jobKind, status: 'assigned', scheduledAt: at, notes: null, updatedAt: now });
	const customer = (await findCustomerById(tx, request.customerId))!;
	if (step.jobKind === 'meter_check') {
		await sendMeterCheckVisit(tx, ctx, { requestId: request.id, jobId, code: request.code, address: request.address, at, customer });
	} else if (step.jobKind === 'repair') {
		const notice = repairVisitNotice({ requestId: request.id, code: request.code, address: request.address, at, customerName: customer.fullName, crewName: crew.name, serviceNumber: request.serviceNumber });
		await queueNotice(tx, ctx, { phone: customer.phone, email: customer.email }, notice);
	} else {
		const notice = surveyVisitNotice({ requestId: request.id, code: request.code, address: request.address, at, customerName: customer.fullName });
		await queueNotice(tx, ctx, { phone: customer.phone, email: customer.email }, notice);
	}
	return { jobId, crewId: crew.id, scheduledAt: at.toISOString() };
}
