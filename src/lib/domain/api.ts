// Shapes exchanged between the PWA and the API, validated with zod on the server and typed on the tablet.
import { z } from 'zod';
import { gpsFix, METER_CHECK_ACTIONS, METER_TEST_RESULTS, SHA256_HEX, SITE_CONDITIONS, SURVEY_ROUTES } from './commands';
import { METER_TYPES, READING_SOURCES } from './readings';
import { REQUEST_STATES } from './workflow';

export const USER_ROLES = ['crew', 'supervisor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const JOB_KINDS = ['survey', 'installation', 'meter_check', 'repair'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = ['assigned', 'done', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const loginBody = z.object({
	username: z.string({ error: 'Nhập tên đăng nhập' }).trim().min(1, 'Nhập tên đăng nhập').max(64),
	password: z.string({ error: 'Nhập mật khẩu' }).min(1, 'Nhập mật khẩu').max(200)
});
export type LoginBody = z.infer<typeof loginBody>;

export const sessionUser = z.object({
	id: z.string(),
	username: z.string(),
	fullName: z.string(),
	role: z.enum(USER_ROLES),
	crewId: z.string().nullable(),
	crewName: z.string().nullable(),
	unitId: z.string().nullable()
});
export type SessionUser = z.infer<typeof sessionUser>;

export const loginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: sessionUser });
export type LoginResponse = z.infer<typeof loginResponse>;

export const historyEntry = z.object({
	at: z.string(),
	transition: z.string(),
	fromState: z.enum(REQUEST_STATES).nullable(),
	toState: z.enum(REQUEST_STATES),
	actorName: z.string(),
	actorRole: z.string()
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/** A repair's report as the server keeps it: the crew's words and when it was recorded. */
export const fixReportRecord = z.object({ report: z.string(), at: z.string() });
export type FixReportRecord = z.infer<typeof fixReportRecord>;

/** The survey the server accepted for a request (step 3). */
export const surveyRecord = z.object({
	customerPresent: z.boolean(),
	siteCondition: z.enum(SITE_CONDITIONS),
	distanceM: z.number(),
	phases: z.union([z.literal(1), z.literal(3)]),
	expectedLoadKw: z.number(),
	route: z.enum(SURVEY_ROUTES),
	obstacles: z.string(),
	notes: z.string(),
	location: gpsFix.nullable(),
	sitePhotos: z.array(z.string().regex(SHA256_HEX)),
	meterPhotos: z.array(z.string().regex(SHA256_HEX)),
	submittedAt: z.string()
});
export type SurveyRecord = z.infer<typeof surveyRecord>;

const sideTotals = z.object({ subtotal: z.number().int(), vat: z.number().int(), total: z.number().int() });

/** The priced estimate the server accepted (step 4); amounts in integer VND. */
export const estimateRecord = z.object({
	lines: z.array(
		z.object({
			code: z.string(),
			name: z.string(),
			unit: z.string(),
			quantity: z.number(),
			unitPrice: z.number().int(),
			side: z.enum(['utility', 'customer']),
			total: z.number().int()
		})
	),
	vatPercent: z.number().int(),
	utility: sideTotals,
	customer: sideTotals,
	subtotal: z.number().int(),
	vat: z.number().int(),
	total: z.number().int(),
	notes: z.string(),
	submittedAt: z.string()
});
export type EstimateRecord = z.infer<typeof estimateRecord>;

/** The installation the server accepted (step 8), with how it differs from the estimate. */
export const installationRecord = z.object({
	materials: z.array(z.object({ code: z.string(), quantity: z.number() })),
	meterSerial: z.string(),
	meterReadingKwh: z.number(),
	meterPhoto: z.string(),
	sealNumbers: z.array(z.string()),
	beforePhotos: z.array(z.string()),
	afterPhotos: z.array(z.string()),
	notes: z.string(),
	differences: z.array(z.object({ code: z.string(), estimated: z.number(), installed: z.number() })),
	submittedAt: z.string()
});
export type InstallationRecord = z.infer<typeof installationRecord>;

/** The latest version of the service contract, carried to the tablet so it can be read and signed offline. */
export const contractRecord = z.object({
	version: z.number().int(),
	sha256: z.string(),
	body: z.string(),
	draftedAt: z.string()
});
export type ContractRecord = z.infer<typeof contractRecord>;

/** The meter a meter check is about, with its latest readings (oldest first) so the tablet checks a reading offline. */
export const meterView = z.object({
	serial: z.string(),
	phases: z.union([z.literal(1), z.literal(3)]),
	type: z.enum(METER_TYPES),
	registerDigits: z.number().int(),
	installedAt: z.string(),
	removedAt: z.string().nullable(),
	readings: z.array(z.object({ kwh: z.number(), at: z.string(), source: z.enum(READING_SOURCES), abnormal: z.boolean() }))
});
export type MeterView = z.infer<typeof meterView>;

/** The meter check the server accepted (seed 003). */
export const meterCheckRecord = z.object({
	meterSerial: z.string(),
	readingKwh: z.number(),
	readingPhoto: z.string(),
	sealIntact: z.boolean(),
	sealPhoto: z.string().nullable(),
	result: z.enum(METER_TEST_RESULTS),
	errorPercent: z.number().nullable(),
	action: z.enum(METER_CHECK_ACTIONS),
	replacement: z
		.object({
			newSerial: z.string(),
			newType: z.enum(METER_TYPES),
			newPhases: z.union([z.literal(1), z.literal(3)]),
			newRegisterDigits: z.number().int(),
			newReadingKwh: z.number(),
			newPhoto: z.string(),
			oldFinalKwh: z.number(),
			oldFinalPhoto: z.string()
		})
		.nullable(),
	/** The server's verdict on the reading, and whether the crew confirmed it with a second photo. */
	abnormal: z.boolean(),
	abnormalConfirmPhoto: z.string().nullable(),
	abnormalReason: z.string().nullable(),
	/** The same reason in English, for the console in English. */
	abnormalReasonEn: z.string().nullable().optional(),
	notes: z.string(),
	location: gpsFix.nullable(),
	signerName: z.string(),
	crewName: z.string(),
	recordedAt: z.string()
});
export type MeterCheckRecord = z.infer<typeof meterCheckRecord>;

export const requestView = z.object({
	id: z.string(),
	code: z.string(),
	serviceNumber: z.number().int(),
	state: z.enum(REQUEST_STATES),
	version: z.number().int(),
	installed: z.boolean(),
	customer: z.object({ name: z.string(), phone: z.string(), email: z.string().nullable() }),
	address: z.string(),
	location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
	receivedAt: z.string(),
	deadline: z.string().nullable(),
	history: z.array(historyEntry),
	/** Latest accepted survey and estimate; absent from older servers, hence the default. */
	survey: surveyRecord.nullable().default(null),
	estimate: estimateRecord.nullable().default(null),
	contract: contractRecord.nullable().optional(),
	installation: installationRecord.nullable().optional(),
	/** Meter check requests (services 41, 42): the meter and, once done, the result. */
	meter: meterView.nullable().optional(),
	meterCheck: meterCheckRecord.nullable().optional(),
	/** Repair requests (services 44–47, 51–53): what the crew reported it fixed, once reported (tablet or phoned in). */
	fixReport: fixReportRecord.nullable().optional()
});
export type RequestView = z.infer<typeof requestView>;

export const jobView = z.object({
	id: z.string(),
	kind: z.enum(JOB_KINDS),
	status: z.enum(JOB_STATUSES),
	crewId: z.string(),
	scheduledAt: z.string(),
	notes: z.string().nullable(),
	request: requestView,
	/**
	 * Work another crew did offline on this job before it came to this crew, passed on by the supervisor: the
	 * tablet makes it this crew's draft (the command's payload as the other crew sent it).
	 */
	handover: z.object({ id: z.string(), name: z.string(), payload: z.unknown(), fromCrew: z.string(), doneAt: z.string() }).nullable().optional()
});
export type JobView = z.infer<typeof jobView>;

/** Jobs per pull page: the server's default and the most one page may carry (docs/sync-protocol.md, "Pull"). */
export const PULL_PAGE_DEFAULT = 200;
export const PULL_PAGE_MAX = 1_000;

/**
 * A pull cursor as the server writes it (docs/sync-protocol.md, "The cursor"): `s.<since>.<window>` between passes,
 * `p.<since>.<upTo>.<window>.<previousWindow>.<after>` inside a paged pass, or a bare change number (older tablets).
 */
export const PULL_CURSOR = /^(?:\d{1,18}|s\.\d{1,18}\.\d{1,15}|p\.\d{1,18}\.\d{1,18}\.\d{1,15}\.\d{1,15}\.[A-Za-z0-9_-]{1,344})$/;

export const pullQuery = z.object({
	cursor: z
		.string()
		.max(420, 'cursor quá dài (cursor too long)')
		.regex(PULL_CURSOR, 'cursor không hợp lệ: gửi lại đúng cursor máy chủ đã trả (invalid cursor: send back the one the server gave)')
		.optional(),
	/** Jobs in this page, 1–1000 (default 200). */
	limit: z
		.string()
		.regex(/^\d{1,4}$/, `limit phải là số nguyên từ 1 đến ${PULL_PAGE_MAX} (limit must be a whole number from 1 to ${PULL_PAGE_MAX})`)
		.refine((v) => Number(v) >= 1 && Number(v) <= PULL_PAGE_MAX, `limit phải là số nguyên từ 1 đến ${PULL_PAGE_MAX} (limit must be a whole number from 1 to ${PULL_PAGE_MAX})`)
		.optional(),
	/** The tablet's device id: the answer then carries the last seq the server applied for it. */
	deviceId: z
		.string()
		.regex(/^[A-Za-z0-9_-]{8,64}$/, 'deviceId: 8–64 ký tự chữ, số, - hoặc _')
		.optional()
});

export const pullResponse = z.object({
	/** Opaque to the client: send it back as ?cursor= on the next pull (the next page, or the next pass). */
	cursor: z.string(),
	/** True: this pass has more pages; pull again at once with `cursor`. False: the tablet is up to date. */
	more: z.boolean().default(false),
	serverTime: z.string(),
	jobs: z.array(jobView),
	/** Jobs this crew held before and no longer sees (reassigned or cancelled); on a pass's last page. */
	removedJobIds: z.array(z.string()),
	/**
	 * Jobs closed before the retention window (SYNC_RETENTION_DAYS): the tablet deletes them, except one that still
	 * holds the crew's work (an outbox command or a draft). On a pass's last page.
	 */
	droppedJobIds: z.array(z.string()).default([]),
	/** Last command seq the server applied (or rejected) for ?deviceId=; 0 when none or no deviceId. */
	lastSeq: z.number().int().default(0)
});
export type PullResponse = z.infer<typeof pullResponse>;

export { apiError, type ApiError } from '../api/common';
