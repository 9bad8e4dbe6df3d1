// The supervisor's steps of a request's own process (paperwork, complaints and answers, field response): one body
// per step, each with the words its form needs. The server checks that the step belongs to the request's process.
import { z } from 'zod';
import { REQUEST_STATES } from '../domain/workflow';
import { fixPayload } from '../domain/field-commands/record-fix';
import { m } from '../paraglide/messages.js';
import { capitalised, schemaText, type FieldName } from '../domain/schema-text';


const words = (field: FieldName, min: number, max: number) =>
	z
		.string({ error: schemaText(m.common_schema_enterField, (locale) => ({ what: field({}, { locale }) })) })
		.trim()
		.min(min, schemaText(m.common_schema_fieldAtLeast, (locale) => ({ what: capitalised(field({}, { locale })), min })))
		.max(max, schemaText(m.common_schema_fieldLongerThan, (locale) => ({ what: capitalised(field({}, { locale })), max })));

/**
 * The meter's final reading a termination is approved with: serial, index in kWh, the uploaded photo of the meter
 * face. Only the shape here: the server says in words what is missing, and checks the index by the reading rules.
 */
export const finalReading = z.object({
	meterSerial: z.string().trim().max(40).default(''),
	kwh: z.number().nullable().default(null),
	photoSha256: z.string().trim().max(64).default('')
});
export type FinalReading = z.infer<typeof finalReading>;

export const stepBody = z.discriminatedUnion('step', [
	z.object({ step: z.literal('startReview') }),
	z.object({
		step: z.literal('decide'),
		decision: z.enum(['approved', 'refused'], { error: schemaText(m.common_schema_chooseDecision) }),
		note: words(m.common_schema_field_decisionNote, 5, 1000),
		/** Terminating the HĐMBĐ (55): the meter's final reading, required to approve (the server says so in words). */
		finalReading: finalReading.optional()
	}),
	z.object({ step: z.literal('notifyDecision') }),
	z.object({ step: z.literal('startInvestigation') }),
	z.object({ step: z.literal('answerCustomer'), answer: words(m.common_schema_field_answer, 10, 1000) }),
	z.object({ step: z.literal('orderMeterCheck'), meterSerial: z.string().trim().min(1, schemaText(m.crew_field_enterTheMeterSerialNumber)).max(40, schemaText(m.common_schema_meterSerialTooLong)).optional() }),
	// a phoned-in report is the crew's report: the same rule and words as the tablet's form (control characters too)
	z.object({ step: z.literal('recordFix'), report: fixPayload.shape.report }),
	z.object({ step: z.literal('close'), note: z.string().trim().max(1000, schemaText(m.common_schema_noteTooLong)).optional() })
], { error: schemaText(m.common_schema_chooseStep) });
export type StepBody = z.infer<typeof stepBody>;
export type StepName = StepBody['step'];

export const stepDone = z.object({
	ok: z.literal(true),
	state: z.enum(REQUEST_STATES),
	version: z.number().int(),
	/** The meter check a reading complaint ordered. */
	meterCheck: z.object({ id: z.string(), code: z.string() }).nullable()
});
export type StepDone = z.infer<typeof stepDone>;
