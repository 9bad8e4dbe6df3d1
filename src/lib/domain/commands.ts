// Field commands: what a tablet records offline and pushes to the server (see docs/sync-protocol.md).
// The same schemas validate on the tablet before queueing and on the server before applying.
import { z } from 'zod';
import { findMaterial } from './materials';
import { checkSigningCode } from './signing-code';
import { drawnSignature } from './signing';
import { METER_TYPES } from './readings';
import { fieldKey, fieldLabel, findJsonProblem, jsonProblemReason, type FieldPath } from './text-guard';
import type { Label } from './workflow';
import { firstIssuePerField } from '../zod-issues';

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const sha256 = z.string().regex(SHA256_HEX, 'Mã ảnh (SHA-256) không hợp lệ');

export const gpsFix = z.object({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracyM: z.number().min(0).max(100_000)
});
export type GpsFix = z.infer<typeof gpsFix>;

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

export const estimateLine = z.object({
	code: z.string().refine((code) => findMaterial(code) !== undefined, { message: 'Mã vật tư không có trong danh mục' }),
	quantity: z
		.number({ error: 'Nhập số lượng' })
		.gt(0, 'Số lượng phải lớn hơn 0')
		.max(10_000, 'Số lượng quá lớn')
		.refine((q) => Math.abs(q * 100 - Math.round(q * 100)) < 1e-6, { message: 'Số lượng tối đa 2 chữ số thập phân' })
});

export const estimatePayload = z.object({
	lines: z
		.array(estimateLine)
		.min(1, 'Dự toán cần ít nhất 1 vật tư')
		.max(100, 'Tối đa 100 dòng')
		.refine((lines) => new Set(lines.map((l) => l.code)).size === lines.length, { message: 'Mỗi vật tư chỉ một dòng' }),
	vatPercent: z.number().int().min(0).max(20).default(10),
	/** What the tablet showed the crew; the server recomputes and refuses a mismatch (stale price list). */
	expectedTotal: z.number().int().nonnegative(),
	notes: z.string().trim().max(2000).default('')
});
export type EstimatePayload = z.infer<typeof estimatePayload>;

/** The envelope every command travels in. The payload is checked separately, so a bad payload is a rejection, not a failed batch. */
export const commandEnvelope = z.object({
	commandId: z.uuid('commandId phải là UUID'),
	seq: z.number().int().min(1),
	name: z.string().min(1).max(64),
	requestId: z.string().min(1).max(64),
	jobId: z.string().min(1).max(64),
	baseVersion: z.number().int().min(1),
	deviceTime: z.iso.datetime({ offset: true }),
	location: gpsFix.nullable(),
	payload: z.unknown()
});
export type CommandEnvelope = z.infer<typeof commandEnvelope>;

export const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const pushBody = z.object({
	deviceId: z.string().regex(DEVICE_ID, 'deviceId: 8–64 ký tự chữ, số, - hoặc _'),
	commands: z.array(commandEnvelope).min(1).max(500)
});
export type PushBody = z.infer<typeof pushBody>;

/**
 * What the server requires of a push before reading any command: the device and, per command, what identifies it
 * (its id and seq). The rest of each command is checked on its own (screenCommand), so one malformed command is
 * answered `rejected` in its place in the seq order instead of making the whole batch unreadable, forever.
 */
export const pushRequest = z.object({
	deviceId: pushBody.shape.deviceId,
	commands: z
		.array(z.looseObject({ commandId: commandEnvelope.shape.commandId, seq: commandEnvelope.shape.seq }), { error: 'Danh sách lệnh không đúng dạng' })
		.min(1, 'Không có lệnh nào để gửi')
		.max(500, 'Tối đa 500 lệnh mỗi lần gửi; hãy gửi thành nhiều lần')
});
export type PushRequest = z.infer<typeof pushRequest>;
export type PushedCommand = PushRequest['commands'][number];

export const COMMAND_STATUSES = ['applied', 'rejected', 'out_of_order', 'retry'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

export const commandResult = z.object({
	commandId: z.string(),
	seq: z.number().int(),
	status: z.enum(COMMAND_STATUSES),
	/** A stored result answered again for a seq already applied. */
	replayed: z.boolean(),
	code: z.string().optional(),
	reason: z.object({ vi: z.string(), en: z.string() }).optional(),
	fields: z.record(z.string(), z.string()).optional(),
	request: z.object({ id: z.string(), state: z.string(), version: z.number().int() }).optional()
});
export type CommandResult = z.infer<typeof commandResult>;

export const pushResponse = z.object({
	lastSeq: z.number().int(),
	results: z.array(commandResult)
});
export type PushResponse = z.infer<typeof pushResponse>;

/** Step 8, on an installation job: what was actually installed, with the meter handover evidence. */
export const installationPayload = z.object({
	materials: z
		.array(estimateLine)
		.min(1, 'Ghi ít nhất 1 vật tư đã dùng')
		.max(100, 'Tối đa 100 dòng')
		.refine((lines) => new Set(lines.map((l) => l.code)).size === lines.length, { message: 'Mỗi vật tư chỉ một dòng' }),
	meterSerial: z
		.string({ error: 'Nhập số sê-ri công tơ' })
		.trim()
		.toUpperCase()
		.regex(/^[A-Z0-9-]{4,32}$/, 'Số sê-ri công tơ: 4–32 chữ hoặc số'),
	meterReadingKwh: z
		.number({ error: 'Nhập chỉ số công tơ (kWh)' })
		.min(0, 'Chỉ số công tơ không âm')
		.max(999_999.9, 'Chỉ số vượt quá số chữ số của công tơ')
		.refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, { message: 'Chỉ số tối đa 1 chữ số thập phân' }),
	meterPhoto: sha256,
	sealNumbers: z.array(z.string().trim().min(1).max(32)).min(1, 'Nhập ít nhất 1 số niêm phong').max(6),
	beforePhotos: z.array(sha256).min(1, 'Cần ít nhất 1 ảnh trước thi công').max(10, 'Tối đa 10 ảnh'),
	afterPhotos: z.array(sha256).min(1, 'Cần ít nhất 1 ảnh sau thi công').max(10, 'Tối đa 10 ảnh'),
	notes: z.string().trim().max(2000, 'Tối đa 2000 ký tự').default(''),
	/** A second photo of the meter face when the handover reading of a registered meter is abnormal. */
	abnormalConfirmPhoto: sha256.nullable().default(null)
});
export type InstallationPayload = z.infer<typeof installationPayload>;

/** Step 9: the customer signs on the tablet, confirmed by the code they received. */
export const signOnSitePayload = z.object({
	contractVersion: z.number().int().min(1),
	contractSha256: sha256,
	code: z
		.string({ error: 'Nhập mã ký' })
		.transform((s) => s.replace(/[\s-]/g, ''))
		.superRefine((code, ctx) => {
			const check = checkSigningCode(code);
			if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason.vi });
		}),
	signature: drawnSignature
});
export type SignOnSitePayload = z.infer<typeof signOnSitePayload>;

/** Step 10 from the field: the customer is not there (or prefers to sign later online). */
export const remoteSigningPayload = z.object({
	reason: z.enum(['customer_absent', 'customer_prefers_online'], { error: 'Chọn lý do' }),
	note: z.string().trim().max(500).default('')
});
export type RemoteSigningPayload = z.infer<typeof remoteSigningPayload>;

const meterSerial = z
	.string({ error: 'Nhập số sê-ri công tơ' })
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9-]{4,32}$/, 'Số sê-ri công tơ: 4–32 chữ hoặc số');

const readingKwh = z
	.number({ error: 'Nhập chỉ số công tơ (kWh)' })
	.min(0, 'Chỉ số công tơ không âm')
	.max(999_999_999, 'Chỉ số quá lớn')
	.refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, { message: 'Chỉ số tối đa 1 chữ số thập phân' });

export const METER_TEST_RESULTS = ['accurate', 'fast', 'slow', 'stopped', 'damaged', 'clock_drift'] as const;
export type MeterTestResult = (typeof METER_TEST_RESULTS)[number];
export const METER_CHECK_ACTIONS = ['none', 'adjusted', 'replaced'] as const;
export type MeterCheckAction = (typeof METER_CHECK_ACTIONS)[number];
/** Results for which the measured error is what the check is about. */
export const RESULTS_WITH_ERROR: readonly MeterTestResult[] = ['accurate', 'fast', 'slow'];

/** The new meter a crew fits, and the old meter's last reading before it comes off. */
export const meterReplacement = z.object({
	newSerial: meterSerial,
	newType: z.enum(METER_TYPES, { error: 'Chọn loại công tơ mới' }),
	newPhases: z.union([z.literal(1), z.literal(3)], { error: 'Chọn 1 pha hoặc 3 pha' }),
	newRegisterDigits: z.number({ error: 'Nhập số chữ số mặt số' }).int().min(4, 'Mặt số từ 4 chữ số').max(9, 'Mặt số tối đa 9 chữ số'),
	newReadingKwh: readingKwh,
	newPhoto: sha256,
	oldFinalKwh: readingKwh,
	oldFinalPhoto: sha256
});
export type MeterReplacement = z.infer<typeof meterReplacement>;

/** Seed 003, on a meter check job: the test, what was done, the readings with photos, and the customer's acknowledgement. */
export const meterCheckPayload = z
	.object({
		meterSerial,
		readingKwh,
		readingPhoto: sha256,
		sealIntact: z.boolean({ error: 'Chọn niêm phong còn nguyên hay không' }),
		sealPhoto: sha256.nullable().default(null),
		result: z.enum(METER_TEST_RESULTS, { error: 'Chọn kết quả kiểm tra' }),
		errorPercent: z.number({ error: 'Nhập sai số (%)' }).min(-100, 'Sai số từ -100%').max(1000, 'Sai số tối đa 1000%').nullable().default(null),
		action: z.enum(METER_CHECK_ACTIONS, { error: 'Chọn xử lý' }),
		replacement: meterReplacement.nullable().default(null),
		/** The crew's answer to an abnormal reading: a second photo of the meter face confirming it. */
		abnormalConfirmPhoto: sha256.nullable().default(null),
		notes: z.string().trim().max(2000, 'Tối đa 2000 ký tự').default(''),
		location: gpsFix.nullable().default(null),
		code: z
			.string({ error: 'Nhập mã xác nhận' })
			.transform((s) => s.replace(/[\s-]/g, ''))
			.superRefine((code, ctx) => {
				const check = checkSigningCode(code);
				if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason.vi });
			}),
		signature: drawnSignature
	})
	.superRefine((p, ctx) => {
		if (!p.sealIntact && !p.sealPhoto) ctx.addIssue({ code: 'custom', path: ['sealPhoto'], message: 'Niêm phong không còn nguyên: cần ảnh niêm phong' });
		if (RESULTS_WITH_ERROR.includes(p.result) && p.errorPercent === null) ctx.addIssue({ code: 'custom', path: ['errorPercent'], message: 'Nhập sai số đo được (%)' });
		if (p.action === 'replaced' && !p.replacement) ctx.addIssue({ code: 'custom', path: ['replacement'], message: 'Thay công tơ: nhập công tơ mới và chỉ số chốt công tơ cũ' });
		if (p.action !== 'replaced' && p.replacement) ctx.addIssue({ code: 'custom', path: ['replacement'], message: 'Chỉ nhập công tơ mới khi chọn “Thay công tơ”' });
		if (p.replacement && p.replacement.newSerial === p.meterSerial) ctx.addIssue({ code: 'custom', path: ['replacement', 'newSerial'], message: 'Số sê-ri công tơ mới trùng công tơ cũ' });
		if (p.replacement && p.replacement.oldFinalKwh < p.readingKwh) {
			ctx.addIssue({ code: 'custom', path: ['replacement', 'oldFinalKwh'], message: 'Chỉ số chốt công tơ cũ nhỏ hơn chỉ số vừa đọc' });
		}
	});
export type MeterCheckPayload = z.infer<typeof meterCheckPayload>;
export type MeterCheckInput = z.input<typeof meterCheckPayload>;

/** The commands a tablet records: survey and estimate on survey jobs, installation and signing on installation jobs, the check on meter check jobs. */
export const COMMAND_NAMES = ['submitSurvey', 'submitEstimate', 'recordInstallation', 'signOnSite', 'requestRemoteSigning', 'recordMeterCheck'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const COMMAND_PAYLOADS = {
	submitSurvey: surveyPayload,
	submitEstimate: estimatePayload,
	recordInstallation: installationPayload,
	signOnSite: signOnSitePayload,
	requestRemoteSigning: remoteSigningPayload,
	recordMeterCheck: meterCheckPayload
} as const satisfies Record<CommandName, z.ZodType>;

/** Commands the server accepts: today exactly the ones the tablet sends. */
export const SERVER_COMMAND_PAYLOADS = { ...COMMAND_PAYLOADS } as const;
export type ServerCommandName = keyof typeof SERVER_COMMAND_PAYLOADS;

const hashesIn = (list: unknown): string[] => (Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string' && SHA256_HEX.test(s)) : []);

/** Every blob a command refers to (uploaded before the command is pushed). */
export function blobsOf(name: string, payload: unknown): string[] {
	if (typeof payload !== 'object' || payload === null) return [];
	if (name === 'submitSurvey') {
		const { sitePhotos, meterPhotos } = payload as { sitePhotos?: unknown; meterPhotos?: unknown };
		return [...hashesIn(sitePhotos), ...hashesIn(meterPhotos)];
	}
	if (name === 'recordInstallation') {
		const { meterPhoto, beforePhotos, afterPhotos, abnormalConfirmPhoto } = payload as { meterPhoto?: unknown; beforePhotos?: unknown; afterPhotos?: unknown; abnormalConfirmPhoto?: unknown };
		return [...hashesIn([meterPhoto, abnormalConfirmPhoto]), ...hashesIn(beforePhotos), ...hashesIn(afterPhotos)];
	}
	if (name === 'recordMeterCheck') {
		const p = payload as { readingPhoto?: unknown; sealPhoto?: unknown; abnormalConfirmPhoto?: unknown; replacement?: { newPhoto?: unknown; oldFinalPhoto?: unknown } | null };
		return hashesIn([p.readingPhoto, p.sealPhoto, p.abnormalConfirmPhoto, p.replacement?.newPhoto, p.replacement?.oldFinalPhoto]);
	}
	return [];
}

/** Why a pushed command cannot even be looked at: it is answered `rejected` with `invalid_data`, and nothing of it is stored. */
export interface CommandDataRefusal {
	code: 'invalid_data';
	reason: Label;
	fields: Record<string, string>;
}

function payloadIssuesRefusal(issues: z.core.$ZodIssue[]): CommandDataRefusal {
	const fields: Record<string, string> = {};
	const named: Array<{ label: Label; message: string }> = [];
	for (const { key, issue } of firstIssuePerField(issues, (path) => fieldKey(path as FieldPath))) {
		fields[key] = issue.message;
		named.push({ label: fieldLabel(issue.path as FieldPath), message: issue.message });
	}
	if (fields._ !== undefined && Object.keys(fields).length === 1) {
		return {
			code: 'invalid_data',
			reason: { vi: 'Lệnh không có nội dung hoặc nội dung không đúng dạng biểu mẫu', en: 'The command has no content, or not the form’s' },
			fields: { _: 'Lệnh không có nội dung hoặc nội dung không đúng dạng biểu mẫu' }
		};
	}
	return {
		code: 'invalid_data',
		reason: {
			vi: `Dữ liệu không hợp lệ: ${named.map((n) => `${n.label.vi}: ${n.message}`).join('; ')}`,
			en: `Invalid data: ${[...new Set(named.map((n) => n.label.en))].join(', ')}`
		},
		fields
	};
}

/** The payload checked against its command's schema; `data` is what the server applies. */
export function parseCommandPayload(name: ServerCommandName, payload: unknown): { ok: true; data: unknown } | { ok: false; refusal: CommandDataRefusal } {
	const parsed = SERVER_COMMAND_PAYLOADS[name].safeParse(payload);
	return parsed.success ? { ok: true, data: parsed.data } : { ok: false, refusal: payloadIssuesRefusal(parsed.error.issues) };
}

/**
 * The checks a pushed command passes before anything of it reaches the database: every text in it storable (no NUL,
 * no lone surrogate, no absurd nesting), its envelope well formed and its payload its command's schema. A refusal
 * names the field in words; payload fields are keyed as the form names them ("notes"). An unknown command name
 * passes: it is refused as `unknown_command` when decided.
 */
export function screenCommand(pushed: PushedCommand): { ok: true; command: CommandEnvelope } | { ok: false; refusal: CommandDataRefusal } {
	const { payload, ...envelope } = pushed;
	const problem = findJsonProblem(envelope) ?? findJsonProblem(payload);
	if (problem) {
		const reason = jsonProblemReason(problem);
		return { ok: false, refusal: { code: 'invalid_data', reason, fields: { [fieldKey(problem.path)]: reason.vi } } };
	}
	const parsed = commandEnvelope.safeParse(pushed);
	if (!parsed.success) return { ok: false, refusal: payloadIssuesRefusal(parsed.error.issues) };
	const command = parsed.data;
	if (!Object.prototype.hasOwnProperty.call(SERVER_COMMAND_PAYLOADS, command.name)) return { ok: true, command };
	const checked = parseCommandPayload(command.name as ServerCommandName, command.payload);
	return checked.ok ? { ok: true, command } : { ok: false, refusal: checked.refusal };
}
