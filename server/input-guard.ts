// The first thing every /api request meets: bodies capped before they are read, then every text a client sent
// (path, query, JSON body keys and values) refused when PostgreSQL could not store it or it nests absurdly.
// One place, so a route added tomorrow is guarded without knowing it.
import type { Context, MiddlewareHandler } from 'hono';
import { fieldKey, fieldLabel, findJsonProblem, isStorableText, jsonProblemReason } from '../src/lib/domain/text-guard';
import type { AppDeps, AppEnv } from './context';
import { ApiFailure } from './http';
import { blobTooLarge } from './services/blobs';
import { DomainError } from './services/domain-error';
import { m } from '../src/lib/paraglide/messages.js';
import { both, bothBy, type Text } from '../src/lib/text';

/** Every JSON body but the ones below: a login, an intake, a reading are a few hundred bytes. */
export const JSON_BODY_MAX_BYTES = 64 * 1024;
/**
 * A push of up to 500 commands. Measured (the batches of tests/api/hostile-input.test.ts): 500 surveys 0.36 MB; the
 * tablet's batch of 100 commands all carrying a drawn signature (a 20 kB PNG, 600 stroke points) 5.35 MB; 500
 * commands one in five a signature 5.63 MB. 16 MiB leaves about three times that, and one command at the schema's
 * extreme (a 400 kB signature image and 20 000 points, 1.46 MB) always fits a batch of its own.
 */
export const PUSH_BODY_MAX_BYTES = 16 * 1024 * 1024;
/** A customer's signature on the portal: the image and its strokes. */
export const SIGNATURE_BODY_MAX_BYTES = 1024 * 1024;

type BodyKind = 'json' | 'commands' | 'bytes';
interface BodyRule {
	method: string;
	path: RegExp;
	kind: BodyKind;
	maxBytes: (deps: AppDeps) => number;
	/** Every body limit refuses the same way: a DomainError `too_large` (413), its words from the catalog. */
	tooLarge: (deps: AppDeps) => DomainError;
}

const jsonTooLarge = (maxBytes: number) => () => new DomainError('too_large', both(m.server_refusal_body_too_large, { kb: Math.round(maxBytes / 1024) }));

/** Routes whose body is not a small JSON object. The push's commands are checked one by one by the push itself. */
const BODY_RULES: BodyRule[] = [
	{
		method: 'POST',
		path: /^\/api\/sync\/push\/?$/,
		kind: 'commands',
		maxBytes: () => PUSH_BODY_MAX_BYTES,
		tooLarge: () => new DomainError('too_large', both(m.server_refusal_push_too_large, { mb: PUSH_BODY_MAX_BYTES / 1024 / 1024 }))
	},
	{ method: 'POST', path: /^\/api\/portal\/[^/]+\/sign\/?$/, kind: 'json', maxBytes: () => SIGNATURE_BODY_MAX_BYTES, tooLarge: () => new DomainError('too_large', both(m.server_refusal_signature_too_large)) },
	{ method: 'PUT', path: /^\/api\/blobs\/[^/]+\/?$/, kind: 'bytes', maxBytes: (deps) => deps.blobMaxBytes, tooLarge: (deps) => blobTooLarge(deps.blobMaxBytes) },
	{ method: 'PUT', path: /^\/api\/self-reading\/[^/]+\/photo\/[^/]+\/?$/, kind: 'bytes', maxBytes: (deps) => deps.blobMaxBytes, tooLarge: (deps) => blobTooLarge(deps.blobMaxBytes) },
	{ method: 'PUT', path: /^\/api\/customer\/uploads\/[^/]+\/?$/, kind: 'bytes', maxBytes: (deps) => deps.blobMaxBytes, tooLarge: (deps) => blobTooLarge(deps.blobMaxBytes) }
];

const DEFAULT_RULE: Omit<BodyRule, 'method' | 'path'> = { kind: 'json', maxBytes: () => JSON_BODY_MAX_BYTES, tooLarge: jsonTooLarge(JSON_BODY_MAX_BYTES) };

function bodyRuleFor(method: string, pathname: string) {
	return BODY_RULES.find((rule) => rule.method === method && rule.path.test(pathname)) ?? DEFAULT_RULE;
}

function decodedOrRaw(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		// not valid percent-encoded UTF-8: the router hands it on undecoded, which is plain ASCII
		return segment;
	}
}

const refusedText = (what: Text) => new ApiFailure(400, 'invalid_text', bothBy(m.server_refusal_invalidTextIn, (lang) => ({ what: what[lang] })));

function checkUrl(url: URL, queries: Record<string, string[]>) {
	for (const segment of url.pathname.split('/')) {
		if (!isStorableText(decodedOrRaw(segment))) throw refusedText(both(m.server_refusal_invalidText_path));
	}
	for (const [key, values] of Object.entries(queries)) {
		if (!isStorableText(key)) throw refusedText(both(m.server_refusal_invalidText_queryName));
		if (values.some((v) => !isStorableText(v))) {
			const label = fieldLabel([key]);
			const refusal = refusedText(bothBy(m.server_refusal_invalidText_queryValue, (lang) => ({ field: label[lang] })));
			throw new ApiFailure(400, refusal.code, refusal.text, { [fieldKey([key])]: refusal.text });
		}
	}
}

/** Parses a JSON body already read within its limit; refuses what is not JSON or cannot be stored. */
function checkJsonText(text: string) {
	if (text.length === 0) return;
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new ApiFailure(400, 'bad_request', both(m.server_refusal_badJson));
	}
	const problem = findJsonProblem(body);
	if (problem) {
		const reason = jsonProblemReason(problem);
		throw new ApiFailure(400, problem.kind === 'invalid_text' ? 'invalid_text' : 'invalid_input', reason, { [fieldKey(problem.path)]: reason });
	}
}

/**
 * An oversized body is read to its end and thrown away (up to this much, for up to this long) before the 413 is
 * sent: a client still uploading when the server answers and hangs up gets a broken pipe instead of the answer,
 * and one whose body was left unread cannot use the connection again. Beyond these the connection is closed.
 */
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;
const DISCARD_MAX_MS = 10_000;

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, already: number): Promise<void> {
	let seen = already;
	const deadline = Date.now() + DISCARD_MAX_MS;
	for (;;) {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
		});
		const chunk = await Promise.race([reader.read(), timeout]).finally(() => clearTimeout(timer));
		if (chunk === 'timeout' || chunk.done) break;
		seen += chunk.value.byteLength;
		if (seen > DISCARD_MAX_BYTES) break;
	}
	await reader.cancel().catch(() => {});
}

/**
 * Holds the body to `maxBytes` before anything parses it: a declared length over it is refused unread, a streamed
 * body is counted as it arrives. Either way the rest is discarded before the refusal (see DISCARD_MAX_BYTES).
 */
async function limitBody(c: Context<AppEnv>, maxBytes: number, refusal: () => DomainError): Promise<void> {
	const body = c.req.raw.body;
	if (!body) return;
	const declared = c.req.header('content-length');
	if (declared !== undefined && !c.req.header('transfer-encoding')) {
		if (Number(declared) <= maxBytes) return; // the HTTP parser stops the body at its declared length
		await discardRest(body.getReader(), 0);
		throw refusal();
	}
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await discardRest(reader, size);
			throw refusal();
		}
		chunks.push(value);
	}
	c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks) });
}

export const guardInput: MiddlewareHandler<AppEnv> = async (c, next) => {
	const url = new URL(c.req.url);
	checkUrl(url, c.req.queries());
	const method = c.req.method;
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || !c.req.raw.body) return next();
	const deps = c.var.deps;
	const rule = bodyRuleFor(method, url.pathname);
	await limitBody(c, rule.maxBytes(deps), () => rule.tooLarge(deps));
	// bytes and the push's commands are checked where they are understood
	if (rule.kind === 'json') {
		const text = await c.req.text();
		checkJsonText(text);
		// c.req.text()/json() answer from their cache; a route reading the stream itself (a body limit) gets a fresh one
		c.req.raw = new Request(c.req.raw, { body: text });
	}
	await next();
};
