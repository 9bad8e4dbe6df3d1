// A repair job (services 44–47, 51–53): what the crew fixed, in words the customer is texted, with optional photos of
// the repaired equipment. The supervisor records the same report for a crew that phoned it in (the console's step).
import { z } from 'zod';
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { charCount, hasControlCharacters } from '../correction';
import { defineCommand } from './types';
import { hashesIn, loose, sha256 } from './shared';

export const FIX_REPORT_MIN_CHARS = 5;
export const FIX_REPORT_MAX_CHARS = 1000;
export const FIX_PHOTOS_MAX = 6;

const vi = { locale: 'vi' as const };

export const fixPayload = z.object({
	report: z
		.string({ error: m.crew_field_enterTheRepairReport({}, vi) })
		.trim()
		.refine((s) => s.length > 0, m.crew_field_enterTheRepairReport({}, vi))
		.refine((s) => s.length === 0 || charCount(s) >= FIX_REPORT_MIN_CHARS, m.crew_field_theRepairReportIsTooShort({}, vi))
		.refine((s) => charCount(s) <= FIX_REPORT_MAX_CHARS, m.crew_field_theRepairReportIsTooLong({}, vi))
		.refine((s) => !hasControlCharacters(s), m.crew_field_theRepairReportHasControl({}, vi))
		.transform((s) => s.normalize('NFC')),
	photos: z.array(sha256).max(FIX_PHOTOS_MAX, m.crew_field_atMost6Photos({}, vi)).default([])
});
export type FixPayload = z.infer<typeof fixPayload>;
export type FixInput = z.input<typeof fixPayload>;

export const recordFix = defineCommand({
	name: 'recordFix',
	payload: fixPayload,
	jobKinds: ['repair'],
	wrongJobKind: both(m.crew_field_onlyRepairJobsTakeARepair),
	states: ['crew_dispatched'],
	photos: (payload) => hashesIn(loose(payload).photos),
	draft: 'fix',
	form: 'fix',
	section: 'repair',
	label: m.crew_command_recordFix,
	completesJob: true,
	// the report shows on the job at once, as the server will keep it (pulled back as request.fixReport)
	effect: (request, payload, submittedAt) => {
		const parsed = fixPayload.safeParse(payload);
		return parsed.success ? { ...request, fixReport: { report: parsed.data.report, at: submittedAt } } : request;
	},
	transitionOnly: false
});
