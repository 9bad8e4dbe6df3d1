import { getService } from '../../src/lib/domain/catalog';
import type { HolidayCalendar } from '../../src/lib/domain/holidays';
import { computeDeadline } from '../../src/lib/domain/sla';
import type { Db } from '../db/database';
import { appendAudit, insertRequest } from '../db/requests';
import type { AuditDetail } from '../db/schema';
import type { Actor } from './workflow';

export interface NewRequest {
	id: string;
	code: string;
	serviceNumber: number;
	customerId: string;
	unitId: string;
	address: string;
	location: { lat: number; lng: number } | null;
	receivedAt: Date;
	meterSerial?: string | null;
}

/** Step 1: a request enters the workflow as "submitted", with its catalog deadline fixed at intake. */
/** `detail`: what the history says about the receipt (a request filed online names its fields in words). */
export async function createRequest(tx: Db, input: NewRequest, actor: Actor, holidays: HolidayCalendar, detail?: AuditDetail) {
	const deadline = computeDeadline(getService(input.serviceNumber).processingTime, input.receivedAt, holidays);
	await insertRequest(tx, {
		id: input.id,
		code: input.code,
		serviceNumber: input.serviceNumber,
		customerId: input.customerId,
		unitId: input.unitId,
		address: input.address,
		lat: input.location?.lat ?? null,
		lng: input.location?.lng ?? null,
		state: 'submitted',
		version: 1,
		installed: false,
		receivedAt: input.receivedAt,
		deadline,
		updatedAt: input.receivedAt,
		meterSerial: input.meterSerial ?? null
	});
	await appendAudit(tx, {
		requestId: input.id,
		at: input.receivedAt,
		actorUserId: actor.userId,
		actorRole: actor.role,
		transition: 'submit',
		fromState: null,
		toState: 'submitted',
		version: 1,
		...(detail ? { detail } : {})
	});
	return { deadline };
}
