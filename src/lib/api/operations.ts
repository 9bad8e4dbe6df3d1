// The supervisor operations' part of the API contract: reschedule a visit, cancel a request with a reason, the
// work kept from a crew a job was taken from (handovers) and what the supervisor does with it.
import { z } from 'zod';
import { REQUEST_STATES } from '../domain/workflow';
import { m } from '../paraglide/messages.js';
import { schemaText } from '../domain/schema-text';

export const rescheduleBody = z.object({ scheduledAt: z.iso.datetime({ offset: true, error: schemaText(m.common_schema_chooseNewTime) }) });
export const rescheduled = z.object({ jobId: z.string(), scheduledAt: z.string() });

export const cancelBody = z.object({
	reason: z.string({ error: schemaText(m.common_schema_enterCancelReason) }).trim().min(3, schemaText(m.common_schema_cancelReasonShort)).max(500, schemaText(m.common_schema_cancelReasonLong))
});
export const cancelled = z.object({ state: z.enum(REQUEST_STATES), version: z.number().int() });

export const handover = z.object({
	id: z.string(),
	jobId: z.string(),
	/** The field command the crew recorded (submitSurvey, …). */
	name: z.string(),
	/** The command's payload as the tablet sent it. */
	payload: z.unknown(),
	fromCrew: z.string(),
	submittedBy: z.string(),
	/** When the crew did it (its tablet's clock). */
	doneAt: z.string(),
	receivedAt: z.string(),
	status: z.enum(['held', 'accepted', 'passed']),
	/** The crew it went to (accepted: on its job; passed: as its draft). */
	toCrew: z.string().nullable()
});
export type Handover = z.infer<typeof handover>;
export const handoverList = z.object({ handovers: z.array(handover) });
export const handoverDecided = z.object({ id: z.string(), status: z.enum(['accepted', 'passed']), state: z.enum(REQUEST_STATES) });
