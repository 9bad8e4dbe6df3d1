// Shared HTTP plumbing: one error shape, zod validation with field-level messages.
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

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

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
	return { error: fields ? { code, message, fields } : { code, message } };
}

export function sendError(c: Context, failure: ApiFailure) {
	return c.json(errorBody(failure.code, failure.message, failure.fields), failure.status);
}

function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of issues) {
		const key = issue.path.length ? issue.path.join('.') : '_';
		fields[key] ??= issue.message;
	}
	return fields;
}

/** Validates json/query/param input against a zod schema; a mismatch is a 400 naming each bad field. */
export function zv<T extends z.ZodType, Target extends 'json' | 'query' | 'param'>(target: Target, schema: T) {
	return validator(target, (value): z.infer<T> => {
		const parsed = schema.safeParse(value);
		if (!parsed.success) {
			const fields = fieldErrors(parsed.error.issues);
			throw new ApiFailure(400, 'invalid_input', `Dữ liệu không hợp lệ: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, fields);
		}
		return parsed.data;
	});
}
