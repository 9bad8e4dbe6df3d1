// How a route is declared: `createRoute` with its path and query parameters, its request body and every answer,
// all zod schemas from src/lib/api (shared with the PWA's clients). The served OpenAPI document is generated from
// these declarations, and the same schemas validate the input: a mismatch is the API's usual Vietnamese 400.
import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { apiError } from '../../src/lib/api/common';
import type { AppEnv } from '../context';
import { clientFailureOf } from '../http';

/** A failed validation answers as `zv` always did: a 400 naming each bad field in words. */
const rejectInvalid: Hook<unknown, AppEnv, string, unknown> = (result) => {
	if (!result.success) throw clientFailureOf(result.error)!.failure;
};

/** A group of routes; mounted under /api by server/app.ts. */
export function routes() {
	return new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
}

/** A JSON answer. */
export function json<T extends z.ZodType>(schema: T, description = 'OK') {
	return { description, content: { 'application/json': { schema } } } as const;
}

/** A JSON request body; required, so a missing or non-JSON body is refused like an empty one. */
export function jsonBody<T extends z.ZodType>(schema: T) {
	return { required: true, content: { 'application/json': { schema } } } as const;
}

const ERROR_TEXT: Record<number, string> = {
	400: 'Invalid input: `fields` names each bad field in words (the reader’s language), `fieldTexts` in Vietnamese and English',
	401: 'Not signed in, or the session ended',
	403: 'The account may not do this',
	404: 'Not found (or not in the reader’s unit)',
	409: 'The request is not in a state that allows this, or changed meanwhile',
	413: 'The body is too large',
	415: 'Not a JPEG/WebP photo (or a PDF where documents are accepted), or a JSON route sent another media type',
	422: 'Refused by a business rule',
	423: 'Locked: too many wrong codes',
	429: 'Too many attempts; Retry-After says when to try again',
	503: 'Not configured on this server'
};

/** The refusals a route may answer, each `{ error: { code, message, text, fields?, fieldTexts? } }`. */
export function errors<const S extends readonly number[]>(...statuses: S) {
	const refusal = (status: number) => ({ description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: apiError } } });
	return Object.fromEntries(statuses.map((status) => [status, refusal(status)])) as { [K in S[number]]: ReturnType<typeof refusal> };
}

/** Routes that need a bearer token. */
export const bearer = [{ bearer: [] }];
