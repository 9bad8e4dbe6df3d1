// Field commands: what a tablet records offline and pushes to the server (see docs/sync-protocol.md).
// Each command is declared once in the registry (./field-commands); this module holds the envelope every command
// travels in, the push's shapes and the screening of a pushed command, and re-exports the payload schemas.
import { z } from 'zod';
import { fieldKey, fieldLabel, findJsonProblem, jsonProblemReason, type FieldPath } from './text-guard';
import type { Label } from './workflow';
import { firstIssuePerField } from '../zod-issues';
import { fieldCommand, isCommandName, registry, type CommandName } from './field-commands';
import { gpsFix } from './field-commands/shared';
import { m } from '../paraglide/messages.js';
import { both } from '../text';

export { SHA256_HEX, sha256, gpsFix, estimateLine, type GpsFix } from './field-commands/shared';
export { SURVEY_ROUTES, SITE_CONDITIONS, surveyPayload, type SurveyRoute, type SurveyPayload } from './field-commands/submit-survey';
export { estimatePayload, type EstimatePayload } from './field-commands/submit-estimate';
export { installationPayload, type InstallationPayload } from './field-commands/record-installation';
export { signOnSitePayload, type SignOnSitePayload } from './field-commands/sign-on-site';
export { remoteSigningPayload, type RemoteSigningPayload } from './field-commands/request-remote-signing';
export { fixPayload, type FixPayload } from './field-commands/record-fix';
export {
	METER_TEST_RESULTS,
	METER_CHECK_ACTIONS,
	RESULTS_WITH_ERROR,
	meterReplacement,
	meterCheckPayload,
	type MeterTestResult,
	type MeterCheckAction,
	type MeterReplacement,
	type MeterCheckPayload,
	type MeterCheckInput
} from './field-commands/record-meter-check';
export { COMMAND_NAMES, type CommandName } from './field-commands';

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

/** Each command's payload schema, from the registry. */
export const COMMAND_PAYLOADS = Object.fromEntries(Object.entries(registry).map(([name, def]) => [name, def.payload])) as {
	[N in CommandName]: (typeof registry)[N]['payload'];
};

/** Commands the server accepts: today exactly the ones the tablet sends. */
export const SERVER_COMMAND_PAYLOADS = COMMAND_PAYLOADS;
export type ServerCommandName = CommandName;

/** Every blob a command refers to (uploaded before the command is pushed). */
export function blobsOf(name: string, payload: unknown): string[] {
	return fieldCommand(name)?.photos(payload) ?? [];
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
		const reason = both(m.server_refusal_command_without_content);
		return { code: 'invalid_data', reason, fields: { _: reason.vi } };
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

type PayloadCheck = { ok: true; data: unknown } | { ok: false; refusal: CommandDataRefusal };

/**
 * Each payload object's answer, by command name: a push checks a command's payload when it screens it, again when it
 * applies it (and its precheck), and when it names the meters to lock. A pushed payload, parsed from the request's
 * body, is never changed once it arrived and the schemas are pure, so the same object gets the same answer; the entry
 * goes with the object. A draft that changes (a form's) is checked with parseWith, which keeps nothing.
 */
const checkedPayloads = new WeakMap<object, Map<ServerCommandName, PayloadCheck>>();

/** The payload checked against its command's schema; `data` is what the server applies. */
export function parseCommandPayload(name: ServerCommandName, payload: unknown): PayloadCheck {
	if (typeof payload !== 'object' || payload === null) return parseWith(SERVER_COMMAND_PAYLOADS[name], payload);
	let byName = checkedPayloads.get(payload);
	if (!byName) checkedPayloads.set(payload, (byName = new Map()));
	let checked = byName.get(name);
	if (!checked) byName.set(name, (checked = parseWith(SERVER_COMMAND_PAYLOADS[name], payload)));
	return checked;
}

/** A payload checked against a schema (its command's, or one with more rules) with the push's refusal. */
export function parseWith<S extends z.ZodType>(schema: S, payload: unknown): { ok: true; data: z.output<S> } | { ok: false; refusal: CommandDataRefusal } {
	const parsed = schema.safeParse(payload);
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
	if (!isCommandName(command.name)) return { ok: true, command };
	const checked = parseCommandPayload(command.name as ServerCommandName, command.payload);
	return checked.ok ? { ok: true, command } : { ok: false, refusal: checked.refusal };
}
