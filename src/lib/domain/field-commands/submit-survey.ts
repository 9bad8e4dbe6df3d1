// Step 3, on a survey job: what the crew found on site, with photos.
import { z } from 'zod';
import type { SurveyRecord } from '../api';
import { m } from '../../paraglide/messages.js';
import { both } from '../../text';
import { defineCommand } from './types';
import { gpsFix, hashesIn, loose, sha256 } from './shared';

export const SURVEY_ROUTES = ['overhead', 'underground', 'conduit'] as const;
export type SurveyRoute = (typeof SURVEY_ROUTES)[number];

export const SITE_CONDITIONS = ['good', 'cramped', 'wet', 'hazardous'] as const;

export const surveyPayload = z.object({
	customerPresent: z.boolean({ error: m.crew_field_chooseWhetherTheCustomerIsPresent({}, { locale: 'vi' }) }),
	siteCondition: z.enum(SITE_CONDITIONS, { error: m.crew_field_chooseTheSiteCondition({}, { locale: 'vi' }) }),
	distanceM: z
		.number({ error: m.crew_field_enterTheDistanceM({}, { locale: 'vi' }) })
		.min(1, m.crew_field_theDistanceFromMeterToHouse({}, { locale: 'vi' }))
		.max(500, m.crew_field_atMost500MFartherNeeds({}, { locale: 'vi' })),
	phases: z.union([z.literal(1), z.literal(3)], { error: m.crew_field_chooseSingleOrThreePhase({}, { locale: 'vi' }) }),
	expectedLoadKw: z
		.number({ error: m.crew_field_enterTheExpectedLoadKw({}, { locale: 'vi' }) })
		.gt(0, m.crew_field_theExpectedLoadMustBeMore({}, { locale: 'vi' }))
		.max(200, m.crew_field_atMost200KwForA({}, { locale: 'vi' })),
	route: z.enum(SURVEY_ROUTES, { error: m.crew_field_chooseTheCableRoute({}, { locale: 'vi' }) }),
	obstacles: z.string().trim().max(500, m.crew_field_atMost500Characters({}, { locale: 'vi' })).default(''),
	notes: z.string().trim().max(2000, m.crew_field_atMost2000Characters({}, { locale: 'vi' })).default(''),
	location: gpsFix.nullable(),
	sitePhotos: z.array(sha256).min(1, m.crew_field_atLeast1SitePhotoIs({}, { locale: 'vi' })).max(10, m.crew_field_atMost10Photos({}, { locale: 'vi' })),
	meterPhotos: z.array(sha256).min(1, m.crew_field_atLeast1MeterPhotoIs({}, { locale: 'vi' })).max(10, m.crew_field_atMost10Photos({}, { locale: 'vi' }))
});
export type SurveyPayload = z.infer<typeof surveyPayload>;

/** The survey as the tablet and the supervisor read it, from the stored (or queued) payload. */
export function surveyRecordOf(payload: unknown, submittedAt: string): SurveyRecord | undefined {
	const parsed = surveyPayload.safeParse(payload);
	return parsed.success ? { ...parsed.data, submittedAt } : undefined;
}

export const submitSurvey = defineCommand({
	name: 'submitSurvey',
	payload: surveyPayload,
	jobKinds: ['survey'],
	wrongJobKind: both(m.crew_field_onlySurveyJobsTakeSurveys),
	states: ['survey_scheduled'],
	photos: (payload) => [...hashesIn(loose(payload).sitePhotos), ...hashesIn(loose(payload).meterPhotos)],
	draft: 'survey',
	form: 'survey',
	section: 'survey',
	label: m.crew_command_submitSurvey,
	completesJob: false,
	transitionOnly: true,
	effect: (request, payload, submittedAt) => ({ ...request, survey: surveyRecordOf(payload, submittedAt) ?? request.survey })
});
