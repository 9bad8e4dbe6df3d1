// Step 3, on a survey job: what the crew found on site, with photos.
import { z } from 'zod';
import type { SurveyRecord } from '../api';
import { m } from '../../paraglide/messages.js';
import { defineCommand } from './types';
import { gpsFix, hashesIn, loose, sha256 } from './shared';

export const SURVEY_ROUTES = ['overhead', 'underground', 'conduit'] as const;
export type SurveyRoute = (typeof SURVEY_ROUTES)[number];

export const SITE_CONDITIONS = ['good', 'cramped', 'wet', 'hazardous'] as const;

export const surveyPayload = z.object({
	customerPresent: z.boolean({ error: 'Chọn khách hàng có mặt hay không' }),
	siteCondition: z.enum(SITE_CONDITIONS, { error: 'Chọn điều kiện hiện trường' }),
	distanceM: z
		.number({ error: 'Nhập khoảng cách (m)' })
		.min(1, 'Khoảng cách từ công tơ đến nhà từ 1 m')
		.max(500, 'Khoảng cách tối đa 500 m (xa hơn cần phương án cấp điện riêng)'),
	phases: z.union([z.literal(1), z.literal(3)], { error: 'Chọn 1 pha hoặc 3 pha' }),
	expectedLoadKw: z
		.number({ error: 'Nhập công suất dự kiến (kW)' })
		.gt(0, 'Công suất dự kiến phải lớn hơn 0')
		.max(200, 'Công suất dự kiến tối đa 200 kW cho cấp điện hạ áp'),
	route: z.enum(SURVEY_ROUTES, { error: 'Chọn cách đi dây' }),
	obstacles: z.string().trim().max(500, 'Tối đa 500 ký tự').default(''),
	notes: z.string().trim().max(2000, 'Tối đa 2000 ký tự').default(''),
	location: gpsFix.nullable(),
	sitePhotos: z.array(sha256).min(1, 'Cần ít nhất 1 ảnh hiện trường').max(10, 'Tối đa 10 ảnh'),
	meterPhotos: z.array(sha256).min(1, 'Cần ít nhất 1 ảnh công tơ').max(10, 'Tối đa 10 ảnh')
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
	wrongJobKind: { vi: 'Chỉ công việc khảo sát mới nhận khảo sát và dự toán', en: 'Only survey jobs take surveys and estimates' },
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
