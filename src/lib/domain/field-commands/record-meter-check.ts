// Seed 003, on a meter check job: the test, what was done, the readings with photos, and the customer's acknowledgement.
import { z } from 'zod';
import type { MeterCheckRecord, MeterView } from '../api';
import { abnormalReasons, checkMeterCheckReadings, METER_TYPES, type MeterType } from '../readings';
import { checkSigningCode } from '../signing-code';
import { drawnSignature } from '../signing';
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { defineCommand } from './types';
import { gpsFix, hashesIn, loose, meterSerial, sha256 } from './shared';
import { CONFIRM_PHOTO_AGAIN } from './record-installation';
import { METER_CHECK_ACTIONS, METER_TEST_RESULTS, type MeterCheckAction, type MeterTestResult } from '../meter-check-outcomes';

const readingKwh = z
	.number({ error: m.crew_field_enterTheMeterReadingKwh({}, { locale: 'vi' }) })
	.min(0, m.crew_field_theMeterReadingCannotBeNegative({}, { locale: 'vi' }))
	.max(999_999_999, m.crew_field_theReadingIsTooLarge({}, { locale: 'vi' }))
	.refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, { message: m.crew_field_atMost1Decimal({}, { locale: 'vi' }) });

export { METER_CHECK_ACTIONS, METER_TEST_RESULTS, type MeterCheckAction, type MeterTestResult };
/** Results for which the measured error is what the check is about. */
export const RESULTS_WITH_ERROR: readonly MeterTestResult[] = ['accurate', 'fast', 'slow'];

/** The words of the meter check's rules, the same in the form and in the server's refusal. */
export const METER_CHECK_WORDS = {
	clockDriftElectronicOnly: m.crew_field_onlyAnElectronicMeterHasA({}, { locale: 'vi' }),
	fastNeedsPositive: m.crew_field_aMeterThatRunsFastHas({}, { locale: 'vi' }),
	slowNeedsNegative: m.crew_field_aMeterThatRunsSlowHas({}, { locale: 'vi' }),
	confirmPhotoAgain: CONFIRM_PHOTO_AGAIN
} as const;

/** Results a meter of this type can have: only an electronic meter has a clock that drifts. */
export function resultsFor(type: MeterType | '' | undefined): MeterTestResult[] {
	return METER_TEST_RESULTS.filter((r) => r !== 'clock_drift' || type === 'electronic');
}

/** The new meter a crew fits, and the old meter's last reading before it comes off. */
export const meterReplacement = z.object({
	newSerial: meterSerial,
	newType: z.enum(METER_TYPES, { error: m.crew_field_chooseTheNewMetersType({}, { locale: 'vi' }) }),
	newPhases: z.union([z.literal(1), z.literal(3)], { error: m.crew_field_chooseSingleOrThreePhase({}, { locale: 'vi' }) }),
	newRegisterDigits: z.number({ error: m.crew_field_enterTheRegisterDigits({}, { locale: 'vi' }) }).int().min(4, m.crew_field_aRegisterHasAtLeast4({}, { locale: 'vi' })).max(9, m.crew_field_aRegisterHasAtMost9({}, { locale: 'vi' })),
	newReadingKwh: readingKwh,
	newPhoto: sha256,
	oldFinalKwh: readingKwh,
	oldFinalPhoto: sha256
});
export type MeterReplacement = z.infer<typeof meterReplacement>;

const meterCheckFields = z.object({
	meterSerial,
	readingKwh,
	readingPhoto: sha256,
	sealIntact: z.boolean({ error: m.crew_field_chooseWhetherTheSealIsIntact({}, { locale: 'vi' }) }),
	sealPhoto: sha256.nullable().default(null),
	result: z.enum(METER_TEST_RESULTS, { error: m.crew_field_chooseTheTestResult({}, { locale: 'vi' }) }),
	errorPercent: z.number({ error: m.crew_field_enterTheError({}, { locale: 'vi' }) }).min(-100, m.crew_field_theErrorIsAtLeast100({}, { locale: 'vi' })).max(1000, m.crew_field_theErrorIsAtMost1000({}, { locale: 'vi' })).nullable().default(null),
	action: z.enum(METER_CHECK_ACTIONS, { error: m.crew_field_chooseTheActionTaken({}, { locale: 'vi' }) }),
	replacement: meterReplacement.nullable().default(null),
	/** The crew's answer to an abnormal reading: a second photo of the meter face confirming it. */
	abnormalConfirmPhoto: sha256.nullable().default(null),
	notes: z.string().trim().max(2000, m.crew_field_atMost2000Characters({}, { locale: 'vi' })).default(''),
	location: gpsFix.nullable().default(null),
	code: z
		.string({ error: m.crew_field_enterTheConfirmationCode({}, { locale: 'vi' }) })
		.transform((s) => s.replace(/[\s-]/g, ''))
		.superRefine((code, ctx) => {
			const check = checkSigningCode(code);
			if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason.vi });
		}),
	signature: drawnSignature
});

export const meterCheckPayload = meterCheckFields.superRefine((p, ctx) => {
	const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
	if (!p.sealIntact && !p.sealPhoto) issue(['sealPhoto'], m.crew_field_theSealIsNotIntactA({}, { locale: 'vi' }));
	if (RESULTS_WITH_ERROR.includes(p.result) && p.errorPercent === null) issue(['errorPercent'], m.crew_field_enterTheMeasuredError({}, { locale: 'vi' }));
	if (p.result === 'fast' && p.errorPercent !== null && p.errorPercent <= 0) issue(['errorPercent'], METER_CHECK_WORDS.fastNeedsPositive);
	if (p.result === 'slow' && p.errorPercent !== null && p.errorPercent >= 0) issue(['errorPercent'], METER_CHECK_WORDS.slowNeedsNegative);
	if (p.abnormalConfirmPhoto !== null && p.abnormalConfirmPhoto === p.readingPhoto) issue(['abnormalConfirmPhoto'], METER_CHECK_WORDS.confirmPhotoAgain);
	if (p.action === 'replaced' && !p.replacement) issue(['replacement'], m.crew_field_meterReplacedEnterTheNewMeter({}, { locale: 'vi' }));
	if (p.action !== 'replaced' && p.replacement) issue(['replacement'], m.crew_field_enterANewMeterOnlyFor({}, { locale: 'vi' }));
	if (p.replacement && p.replacement.newSerial === p.meterSerial) issue(['replacement', 'newSerial'], m.crew_field_theNewMetersSerialIsThe({}, { locale: 'vi' }));
	if (p.replacement && p.replacement.oldFinalKwh < p.readingKwh) issue(['replacement', 'oldFinalKwh'], m.crew_field_theOldMetersFinalReadingIs({}, { locale: 'vi' }));
});
export type MeterCheckPayload = z.infer<typeof meterCheckPayload>;
export type MeterCheckInput = z.input<typeof meterCheckPayload>;

/** The rule meterCheckPayloadFor adds to the payload's: only an electronic meter has a clock that drifts. */
export const breaksMeterTypeRule = (payload: Pick<MeterCheckPayload, 'result'>, type: MeterType): boolean => payload.result === 'clock_drift' && type !== 'electronic';

const payloadForType = new Map<MeterType, ReturnType<typeof payloadRulesFor>>();

const payloadRulesFor = (type: MeterType) =>
	meterCheckPayload.superRefine((p, ctx) => {
		if (breaksMeterTypeRule(p, type)) ctx.addIssue({ code: 'custom', path: ['result'], message: METER_CHECK_WORDS.clockDriftElectronicOnly });
	});

/**
 * The payload's rules on the meter checked: only an electronic meter has a clock that drifts (form and server). One
 * schema per meter type, built once: building one costs more than checking a payload with it (a push checks hundreds).
 */
export function meterCheckPayloadFor(type: MeterType) {
	let schema = payloadForType.get(type);
	if (!schema) payloadForType.set(type, (schema = payloadRulesFor(type)));
	return schema;
}

/**
 * The check as the crew recorded it, shown until the server's own record arrives: the reading verdict is the
 * tablet's (the same shared reading rules the server runs), the crew's name is not known here.
 */
export function meterCheckRecordOf(payload: unknown, submittedAt: string, meter: Pick<MeterView, 'registerDigits' | 'readings'> | null | undefined): MeterCheckRecord | undefined {
	const parsed = meterCheckPayload.safeParse(payload);
	if (!parsed.success) return undefined;
	const p = parsed.data;
	const at = new Date(Date.parse(submittedAt));
	const verdicts = meter
		? checkMeterCheckReadings({ meter, history: meter.readings, at: Number.isNaN(at.getTime()) ? new Date() : at, readingKwh: p.readingKwh, oldFinalKwh: p.replacement?.oldFinalKwh })
		: {};
	const abnormalReason = abnormalReasons(verdicts)[0] ?? null;
	return {
		meterSerial: p.meterSerial,
		readingKwh: p.readingKwh,
		readingPhoto: p.readingPhoto,
		sealIntact: p.sealIntact,
		sealPhoto: p.sealPhoto,
		result: p.result,
		errorPercent: p.errorPercent,
		action: p.action,
		replacement: p.replacement,
		abnormal: abnormalReason !== null,
		abnormalConfirmPhoto: p.abnormalConfirmPhoto,
		abnormalReason: abnormalReason?.vi ?? null,
		notes: p.notes,
		location: p.location,
		signerName: p.signature.signerName,
		crewName: '',
		recordedAt: submittedAt
	};
}

export const recordMeterCheck = defineCommand({
	name: 'recordMeterCheck',
	payload: meterCheckPayload,
	jobKinds: ['meter_check'],
	wrongJobKind: both(m.crew_field_onlyMeterCheckJobsTakeA),
	states: ['survey_scheduled'],
	photos: (payload) => {
		const p = loose(payload);
		const replacement = loose(p.replacement);
		return hashesIn([p.readingPhoto, p.sealPhoto, p.abnormalConfirmPhoto, replacement.newPhoto, replacement.oldFinalPhoto]);
	},
	draft: 'check',
	form: 'check',
	section: 'meterCheck',
	label: m.common_command_recordMeterCheck,
	completesJob: true,
	transitionOnly: true,
	checkOnTablet: (payload, job) => {
		const type = job.request.meter?.type;
		const parsed = type ? meterCheckPayloadFor(type).safeParse(payload) : undefined;
		if (!parsed || parsed.success) return null;
		const issue = parsed.error.issues.find((i) => i.path[0] === 'result');
		return issue ? { code: 'invalid_data', field: 'result', reason: { vi: issue.message, en: 'Clock drift is only found on electronic meters' } } : null;
	},
	effect: (request, payload, submittedAt) => ({ ...request, meterCheck: meterCheckRecordOf(payload, submittedAt, request.meter) ?? request.meterCheck })
});
