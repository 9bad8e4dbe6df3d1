// Shared HTTP plumbing: one error shape, zod validation with field-level messages.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fieldKey, fieldLabel, type FieldPath } from '../src/lib/domain/text-guard';
import { firstIssuePerField } from '../src/lib/zod-issues';
import { DomainError, type DomainErrorCode } from './services/domain-error';

// zod's own messages (a schema without a custom one) reach users: in Vietnamese on the server
z.config(z.locales.vi());

export class ApiFailure extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: string,
		message: string,
		readonly fields?: Record<string, string>
	) {
		super(message);
	}
}

/** The one place a domain refusal gets its HTTP status. */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, ContentfulStatusCode> = {
	unknown_transition: 409,
	wrong_state: 409,
	forbidden_role: 409,
	guard_failed: 409,
	stale_version: 409,
	not_in_workflow: 409,
	invalid_reading: 422,
	too_many_digits: 422,
	below_previous: 422,
	no_code: 400,
	expired_code: 400,
	wrong_code: 400,
	locked_code: 423,
	not_found: 404,
	meter_not_found: 404,
	no_contract: 404,
	link_invalid: 404,
	bad_credentials: 401,
	no_unit: 403,
	intake_without_unit: 400,
	device_of_another_user: 403,
	bad_signature: 401,
	invalid_input: 400,
	empty_body: 400,
	hash_mismatch: 400,
	unsupported_type: 415,
	too_large: 413,
	amount_mismatch: 422,
	job_closed: 409,
	no_estimate: 409,
	not_awaiting_check: 409,
	not_awaiting_signature: 409,
	not_signable_on_site: 409,
	already_signed: 409,
	already_sent: 409,
	contract_changed: 409,
	meter_removed: 409,
	transaction_reused: 409,
	nothing_owed: 409,
	visit_in_past: 400,
	handover_decided: 409,
	handover_refused: 409,
	last_admin: 409,
	crew_has_open_jobs: 409,
	username_taken: 409,
	too_soon: 429,
	too_many_codes: 429,
	not_configured: 503
};

/** Codes a client reads under another name (one word for the client, two cases for the status). */
const ANSWERED_AS: Partial<Record<DomainErrorCode, string>> = { intake_without_unit: 'no_unit' };

/** A service's refusal as the answer the client gets. */
export function failureOfDomainError(err: DomainError): ApiFailure {
	return new ApiFailure(DOMAIN_ERROR_STATUS[err.code], ANSWERED_AS[err.code] ?? err.code, err.message, err.details);
}

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
	return { error: fields ? { code, message, fields } : { code, message } };
}

export function sendError(c: Context, failure: ApiFailure) {
	return c.json(errorBody(failure.code, failure.message, failure.fields), failure.status);
}

const WHOLE_VALUE: Record<'json' | 'query' | 'param', string> = {
	json: 'Nội dung gửi lên không đúng dạng (cần một đối tượng với các trường của biểu mẫu)',
	query: 'Tham số trong địa chỉ không hợp lệ',
	param: 'Đường dẫn không hợp lệ'
};

/** A 400 naming each bad field in words; `fields` keeps the paths ("customer.phone") so a form can mark them. */
export function invalidInput(target: 'json' | 'query' | 'param', issues: z.core.$ZodIssue[]): ApiFailure {
	const fields: Record<string, string> = {};
	const named: string[] = [];
	for (const { key, issue } of firstIssuePerField(issues, (path) => fieldKey(path as FieldPath))) {
		const path = issue.path as FieldPath;
		fields[key] = path.length === 0 ? WHOLE_VALUE[target] : issue.message;
		named.push(path.length === 0 ? WHOLE_VALUE[target] : `${fieldLabel(path).vi}: ${issue.message}`);
	}
	return new ApiFailure(400, 'invalid_input', `Dữ liệu không hợp lệ: ${named.join('; ')}`, fields);
}

/** Validates json/query/param input against a zod schema; a mismatch is a 400 naming each bad field. */
export function zv<T extends z.ZodType, Target extends 'json' | 'query' | 'param'>(target: Target, schema: T) {
	return validator(target, (value): z.infer<T> => {
		const parsed = schema.safeParse(value);
		if (!parsed.success) throw invalidInput(target, parsed.error.issues);
		return parsed.data;
	});
}

/** The SQLSTATE of a database error, from the driver's error or the one the query builder wraps. */
function sqlStateOf(err: unknown): string | undefined {
	for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
	}
	return undefined;
}

/**
 * What a client caused, as the answer it gets: refusals thrown by the routes and services, and, as a safety net
 * under the validation, errors only bad input provokes (a schema parse, a JSON parse, a value the database
 * refuses: SQLSTATE class 22, or 23 when it collides with a row). Undefined: a real failure, answered 5xx.
 */
export function clientFailureOf(err: unknown): { failure: ApiFailure; unexpected: boolean } | undefined {
	if (err instanceof ApiFailure) return { failure: err, unexpected: false };
	if (err instanceof DomainError) return { failure: failureOfDomainError(err), unexpected: false };
	if (err instanceof HTTPException && err.status < 500) {
		const message =
			err.message === 'Malformed JSON in request body'
				? 'Nội dung gửi lên không đúng định dạng JSON'
				: err.status === 413
					? 'Nội dung gửi lên quá lớn'
					: 'Yêu cầu không hợp lệ';
		return { failure: new ApiFailure(err.status as ContentfulStatusCode, err.status === 413 ? 'too_large' : 'bad_request', message), unexpected: false };
	}
	if (err instanceof z.ZodError) return { failure: invalidInput('json', err.issues), unexpected: true };
	if (err instanceof SyntaxError) return { failure: new ApiFailure(400, 'bad_request', 'Nội dung gửi lên không đúng định dạng JSON'), unexpected: true };
	const state = sqlStateOf(err);
	if (state?.startsWith('22')) return { failure: new ApiFailure(400, 'invalid_input', 'Dữ liệu gửi lên không hợp lệ'), unexpected: true };
	if (state?.startsWith('23')) return { failure: new ApiFailure(409, 'conflict', 'Dữ liệu vừa được thay đổi bởi một thao tác khác; vui lòng tải lại và thử lại'), unexpected: true };
	return undefined;
}
