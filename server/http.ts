// Shared HTTP plumbing: one error shape, zod validation with field-level messages, the reader's language.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fieldKey, fieldLabel, type FieldPath } from '../src/lib/domain/text-guard';
import { firstIssuePerField } from '../src/lib/zod-issues';
import { both, type Text } from '../src/lib/text';
import { m } from '../src/lib/paraglide/messages.js';
import { schemaMessageText } from '../src/lib/domain/schema-messages';
import { DomainError, type DomainErrorCode } from './services/domain-error';

// zod's own messages (a schema without a custom one) reach users: in Vietnamese on the server; the English beside
// them is zod's English locale for the same issue (see issueText)
z.config(z.locales.vi());
const ZOD_VI = z.locales.vi().localeError;
const ZOD_EN = z.locales.en().localeError;

export type Lang = 'vi' | 'en';

/**
 * The reader's language: the first language of `Accept-Language` (by its q-values, in order) that the catalog
 * speaks; Vietnamese when the header is absent or names neither.
 */
export function requestLocale(c: Pick<Context, 'req'>): Lang {
	const header = c.req.header('accept-language');
	if (!header) return 'vi';
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [range = '', ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
			return { lang: range.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, index };
		})
		.filter((r) => r.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	for (const r of ranked) if (r.lang === 'vi' || r.lang === 'en') return r.lang;
	return 'vi';
}

export class ApiFailure extends Error {
	/** The refusal in both languages; `message` is its Vietnamese. */
	readonly text: Text;
	/** Field path → words in both languages, for a form to mark the fields. */
	readonly fieldTexts?: Record<string, Text>;
	constructor(
		readonly status: ContentfulStatusCode,
		readonly code: string,
		words: Text,
		fields?: Record<string, Text>
	) {
		super(words.vi);
		this.text = words;
		if (fields) this.fieldTexts = fields;
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
	return new ApiFailure(DOMAIN_ERROR_STATUS[err.code], ANSWERED_AS[err.code] ?? err.code, err.text, err.fieldTexts);
}

const inLang = (texts: Record<string, Text>, lang: Lang) => Object.fromEntries(Object.entries(texts).map(([key, t]) => [key, t[lang]]));

/**
 * The one error body: `message` and `fields` in the reader's language, `text` and `fieldTexts` in both, so a page
 * shows the refusal in whatever language its reader switches to.
 */
export function errorBody(code: string, text: Text, lang: Lang, fieldTexts?: Record<string, Text>) {
	return {
		error: fieldTexts
			? { code, message: text[lang], text, fields: inLang(fieldTexts, lang), fieldTexts }
			: { code, message: text[lang], text }
	};
}

export function sendError(c: Context, failure: ApiFailure) {
	return c.json(errorBody(failure.code, failure.text, requestLocale(c), failure.fieldTexts), failure.status);
}

const WHOLE_VALUE: Record<'json' | 'query' | 'param', () => Text> = {
	json: () => both(m.server_refusal_wholeBody),
	query: () => both(m.server_refusal_wholeQuery),
	param: () => both(m.server_refusal_wholePath)
};

/**
 * A zod issue's words in both languages: a schema's own message from the catalog (`schemaMessageText`), else zod's
 * Vietnamese message with zod's English for the same issue (when the English can be told: zod drops the input
 * after parsing, so an issue that needed it keeps its Vietnamese in both).
 */
function issueText(issue: z.core.$ZodIssue): Text {
	const known = schemaMessageText(issue.message);
	if (known) return known;
	const words = (locale: typeof ZOD_VI) => {
		const out = locale(issue as never);
		return typeof out === 'string' ? out : out?.message;
	};
	return words(ZOD_VI) === issue.message ? { vi: issue.message, en: words(ZOD_EN) ?? issue.message } : { vi: issue.message, en: issue.message };
}

/** A 400 naming each bad field in words; `fields` keeps the paths ("customer.phone") so a form can mark them. */
export function invalidInput(target: 'json' | 'query' | 'param', issues: z.core.$ZodIssue[]): ApiFailure {
	const fields: Record<string, Text> = {};
	const named: Text[] = [];
	for (const { key, issue } of firstIssuePerField(issues, (path) => fieldKey(path as FieldPath))) {
		const path = issue.path as FieldPath;
		if (path.length === 0) {
			fields[key] = WHOLE_VALUE[target]();
			named.push(fields[key]);
			continue;
		}
		const words = issueText(issue);
		const label = fieldLabel(path);
		fields[key] = words;
		named.push({ vi: `${label.vi}: ${words.vi}`, en: `${label.en}: ${words.en}` });
	}
	const list = (lang: Lang) => named.map((t) => t[lang]).join('; ');
	return new ApiFailure(
		400,
		'invalid_input',
		{ vi: m.server_refusal_invalidInput({ fields: list('vi') }, { locale: 'vi' }), en: m.server_refusal_invalidInput({ fields: list('en') }, { locale: 'en' }) },
		fields
	);
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
		const words =
			err.message === 'Malformed JSON in request body'
				? both(m.server_refusal_badJson)
				: err.status === 413
					? both(m.server_refusal_bodyTooLargePlain)
					: both(m.server_refusal_badRequest);
		return { failure: new ApiFailure(err.status as ContentfulStatusCode, err.status === 413 ? 'too_large' : 'bad_request', words), unexpected: false };
	}
	if (err instanceof z.ZodError) return { failure: invalidInput('json', err.issues), unexpected: true };
	if (err instanceof SyntaxError) return { failure: new ApiFailure(400, 'bad_request', both(m.server_refusal_badJson)), unexpected: true };
	const state = sqlStateOf(err);
	if (state?.startsWith('22')) return { failure: new ApiFailure(400, 'invalid_input', both(m.server_refusal_invalidData)), unexpected: true };
	if (state?.startsWith('23')) return { failure: new ApiFailure(409, 'conflict', both(m.server_refusal_conflict)), unexpected: true };
	return undefined;
}
