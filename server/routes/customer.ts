// The customers' own portal (/api/customer/*; pages under /khach-hang). Sign-in by a one-time code sent to the
// phone or email on their record, then an httpOnly cookie (SameSite=Strict, only sent to /api/customer) that is
// separate from staff sessions. Routes parse, authorize (the cookie) and delegate to services/customer-*.ts.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { binary, idParam, okResponse, sha256Param, storedBlob } from '../../src/lib/api/common';
import {
	customerContractList,
	customerMe,
	customerNoticeList,
	customerRequestDetail,
	customerRequestList,
	filed,
	filingBody,
	loginBody,
	loginCodeBody,
	loginCodeSent,
	signingLink
} from '../../src/lib/api/customer';
import { serialParam } from '../../src/lib/api/meters';
import { noticePreferencesBody, noticePreferencesView } from '../../src/lib/api/notices';
import { m } from '../../src/lib/paraglide/messages.js';
import type { AppEnv } from '../context';
import { ApiFailure } from '../http';
import { both } from '../../src/lib/text';
import { CUSTOMER_SESSION_TTL_MS, customerSession, endCustomerSession, requestLoginCode, signInWithCode, type CustomerSession } from '../services/customer-auth';
import {
	customerContractPdf,
	customerMeterCheckPdf,
	customerContracts,
	customerFile,
	customerMarker,
	customerMe as readMe,
	customerNotices,
	customerPaymentLink,
	customerRequestDetail as readRequest,
	customerRequests,
	customerSigningLink,
	customerUpload,
	fileCustomerRequest
} from '../services/customer-portal';
import { customerSelfReadingLink } from '../services/customer-self-reading';
import { preferencesOfSignedIn, savePreferencesOfSignedIn } from '../services/notices';
import { photoBodyLimit } from './photo-body';
import { pollIntervalFor } from './events';
import { errors, json, jsonBody, routes } from './contract';
import { withCodeRequestLimit, withFilingLimit, withSignInLimit, withUploadLimit } from './customer-limits';

export const CUSTOMER_COOKIE = 'ht_customer';
const COOKIE_PATH = '/api/customer';
const cookieAuth = [{ customerCookie: [] }];

async function signedIn(c: Context<AppEnv>): Promise<CustomerSession> {
	const token = getCookie(c, CUSTOMER_COOKIE);
	const session = token ? await customerSession(c.var.deps.database.db, token, c.var.deps.clock()) : undefined;
	if (!session) throw new ApiFailure(401, 'unauthenticated', both(m.portal_acc_error_signedOut));
	return session;
}

const sendCode = createRoute({
	method: 'post',
	path: '/login/code',
	summary: 'Send a sign-in code to a phone number or email on a customer record (the same answer whether it is on one or not)',
	request: { body: jsonBody(loginCodeBody) },
	responses: { 200: json(loginCodeSent), ...errors(400, 429) }
});

const signIn = createRoute({
	method: 'post',
	path: '/login',
	summary: 'Sign in with the code: sets the customer session cookie (httpOnly, 30 days)',
	request: { body: jsonBody(loginBody) },
	responses: { 200: json(okResponse), ...errors(400, 423, 429) }
});

const signOut = createRoute({
	method: 'post',
	path: '/logout',
	summary: 'Sign out: ends the session of this device',
	security: cookieAuth,
	responses: { 200: json(okResponse) }
});

const me = createRoute({
	method: 'get',
	path: '/me',
	summary: 'The signed-in customer: names, addresses and meters on their record',
	security: cookieAuth,
	responses: { 200: json(customerMe), ...errors(401) }
});

const listRequests = createRoute({
	method: 'get',
	path: '/requests',
	summary: "The customer's requests, newest first, with state and deadline",
	security: cookieAuth,
	responses: { 200: json(customerRequestList), ...errors(401) }
});

const fileRequest = createRoute({
	method: 'post',
	path: '/requests',
	summary: 'File a request online (one of the services of seed 000) with its fields and documents',
	security: cookieAuth,
	request: { body: jsonBody(filingBody) },
	responses: { 201: json(filed, 'Filed'), ...errors(400, 401, 404, 429) }
});

const requestDetail = createRoute({
	method: 'get',
	path: '/requests/{id}',
	summary: "One of the customer's requests: history, documents, notices, contracts (another customer's: 404)",
	security: cookieAuth,
	request: { params: idParam },
	responses: { 200: json(customerRequestDetail), ...errors(400, 401, 404) }
});

const contractPdf = createRoute({
	method: 'get',
	path: '/requests/{id}/contract.pdf',
	summary: "The request's contract PDF as signed, with its evidence (a download)",
	security: cookieAuth,
	request: { params: idParam },
	responses: { 200: { description: 'The contract PDF', content: { 'application/pdf': { schema: binary } } }, ...errors(400, 401, 404) }
});

const meterCheckPdf = createRoute({
	method: 'get',
	path: '/requests/{id}/meter-check.pdf',
	summary: "The meter check record of the customer's request as a PDF (404 when the request has no check recorded)",
	security: cookieAuth,
	request: { params: idParam },
	responses: { 200: { description: 'The meter check record', content: { 'application/pdf': { schema: binary } } }, ...errors(400, 401, 404) }
});

const signLink = createRoute({
	method: 'post',
	path: '/requests/{id}/signing-link',
	summary: 'A signing page for the pending contract version (the same code rules as any link)',
	security: cookieAuth,
	request: { params: idParam },
	responses: { 200: json(signingLink), ...errors(400, 401, 404, 409) }
});

const payLink = createRoute({
	method: 'post',
	path: '/requests/{id}/payment-link',
	summary: 'The payment page for what the customer owes on the request now (409 when nothing is owed)',
	security: cookieAuth,
	request: { params: idParam },
	responses: { 200: json(signingLink), ...errors(400, 401, 404, 409) }
});

const selfReading = createRoute({
	method: 'post',
	path: '/meters/{serial}/self-reading',
	summary: "Today's self-reading page for one of the customer's meters (one reading per meter per day)",
	security: cookieAuth,
	request: { params: serialParam },
	responses: { 200: json(signingLink), ...errors(400, 401, 404, 409) }
});

const listContracts = createRoute({
	method: 'get',
	path: '/contracts',
	summary: 'Every contract version of the customer\'s requests, signed or to sign',
	security: cookieAuth,
	responses: { 200: json(customerContractList), ...errors(401) }
});

const listNotices = createRoute({
	method: 'get',
	path: '/notices',
	summary: 'Every SMS and email sent to the customer, newest first',
	security: cookieAuth,
	responses: { 200: json(customerNoticeList), ...errors(401) }
});

const readPreferences = createRoute({
	method: 'get',
	path: '/preferences',
	summary: "The signed-in customer's notice preferences: Zalo or SMS for notices that are not essential, reminders, language",
	security: cookieAuth,
	responses: { 200: json(noticePreferencesView), ...errors(401) }
});

const writePreferences = createRoute({
	method: 'put',
	path: '/preferences',
	summary: 'The signed-in customer chooses for their own records only (codes and legally required notices always go)',
	security: cookieAuth,
	request: { body: jsonBody(noticePreferencesBody) },
	responses: { 200: json(noticePreferencesView), ...errors(400, 401) }
});

const readFile = createRoute({
	method: 'get',
	path: '/files/{sha256}',
	summary: "A document of the customer's requests or one they uploaded (images inline, PDF as a download)",
	security: cookieAuth,
	request: { params: sha256Param },
	responses: {
		200: { description: 'The bytes', content: { 'image/jpeg': { schema: binary }, 'image/webp': { schema: binary }, 'application/pdf': { schema: binary } } },
		...errors(400, 401, 404)
	}
});

const upload = createRoute({
	method: 'put',
	path: '/uploads/{sha256}',
	summary: 'Upload a photo or PDF of a document under the SHA-256 of its bytes (idempotent)',
	security: cookieAuth,
	middleware: [photoBodyLimit] as const,
	request: {
		params: sha256Param,
		body: { required: true, content: { 'image/jpeg': { schema: binary }, 'image/webp': { schema: binary }, 'application/pdf': { schema: binary } } }
	},
	responses: { 201: json(storedBlob, 'Stored'), 200: json(storedBlob, 'Already stored'), ...errors(400, 401, 413, 415, 429) }
});

const events = createRoute({
	method: 'get',
	path: '/events',
	summary: 'Server-sent events for the signed-in customer: "ready", "changed" when one of their requests or notices changes, "session_ended" at sign-out',
	security: cookieAuth,
	parameters: [{ name: 'pollMs', in: 'query', required: false, description: 'How often to look for changes', schema: { type: 'string', pattern: '^\\d{1,6}$' } }],
	responses: { 200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401) }
});

export const customerRoutes = routes()
	.openapi(sendCode, async (c) => {
		const deps = c.var.deps;
		const { contact } = c.req.valid('json');
		const sent = await withCodeRequestLimit(c, () => requestLoginCode(deps.database.db, deps, contact, deps.codePolicy));
		return c.json(sent, 200);
	})
	.openapi(signIn, async (c) => {
		const deps = c.var.deps;
		const body = c.req.valid('json');
		const result = await withSignInLimit(c, () => signInWithCode(deps.database.db, deps, body, deps.codePolicy));
		setCookie(c, CUSTOMER_COOKIE, result.token, {
			httpOnly: true,
			sameSite: 'Strict',
			secure: new URL(c.req.url).protocol === 'https:',
			path: COOKIE_PATH,
			maxAge: Math.floor(CUSTOMER_SESSION_TTL_MS / 1000)
		});
		c.header('Cache-Control', 'no-store');
		return c.json({ ok: true as const }, 200);
	})
	.openapi(signOut, async (c) => {
		const token = getCookie(c, CUSTOMER_COOKIE);
		if (token && /^[A-Za-z0-9_-]{20,64}$/.test(token)) await endCustomerSession(c.var.deps.database.db, token);
		deleteCookie(c, CUSTOMER_COOKIE, { path: COOKIE_PATH });
		return c.json({ ok: true as const }, 200);
	})
	.openapi(me, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await readMe(c.var.deps, await signedIn(c)), 200);
	})
	.openapi(listRequests, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await customerRequests(c.var.deps, await signedIn(c)), 200);
	})
	.openapi(fileRequest, async (c) => {
		const session = await signedIn(c);
		const body = c.req.valid('json');
		return c.json(await withFilingLimit(c, session.identity, () => fileCustomerRequest(c.var.deps, session, body)), 201);
	})
	.openapi(requestDetail, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await readRequest(c.var.deps, await signedIn(c), c.req.valid('param').id), 200);
	})
	.openapi(contractPdf, async (c) => {
		const file = await customerContractPdf(c.var.deps, await signedIn(c), c.req.valid('param').id);
		c.header('Content-Type', 'application/pdf');
		c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
		c.header('Cache-Control', 'no-store');
		return c.body(new Uint8Array(file.bytes), 200);
	})
	.openapi(meterCheckPdf, async (c) => {
		const file = await customerMeterCheckPdf(c.var.deps, await signedIn(c), c.req.valid('param').id);
		c.header('Content-Type', 'application/pdf');
		c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
		c.header('Cache-Control', 'no-store');
		return c.body(new Uint8Array(file.bytes), 200);
	})
	.openapi(signLink, async (c) => c.json(await customerSigningLink(c.var.deps, await signedIn(c), c.req.valid('param').id), 200))
	.openapi(payLink, async (c) => c.json(await customerPaymentLink(c.var.deps, await signedIn(c), c.req.valid('param').id), 200))
	.openapi(selfReading, async (c) => c.json(await customerSelfReadingLink(c.var.deps, await signedIn(c), c.req.valid('param').serial), 200))
	.openapi(listContracts, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await customerContracts(c.var.deps, await signedIn(c)), 200);
	})
	.openapi(listNotices, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await customerNotices(c.var.deps, await signedIn(c)), 200);
	})
	.openapi(readPreferences, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await preferencesOfSignedIn(c.var.deps.database.db, await signedIn(c)), 200);
	})
	.openapi(writePreferences, async (c) => {
		return c.json(await savePreferencesOfSignedIn(c.var.deps.database.db, await signedIn(c), c.req.valid('json'), c.var.deps.clock()), 200);
	})
	.openapi(readFile, async (c) => {
		const sha256 = c.req.valid('param').sha256;
		const file = await customerFile(c.var.deps, await signedIn(c), sha256);
		c.header('Content-Type', file.mime);
		if (file.mime === 'application/pdf') c.header('Content-Disposition', `attachment; filename="${sha256.slice(0, 12)}.pdf"`);
		c.header('Cache-Control', 'private, no-store');
		return c.body(new Uint8Array(file.bytes), 200);
	})
	.openapi(upload, async (c) => {
		const session = await signedIn(c);
		const sha256 = c.req.valid('param').sha256;
		const stored = await withUploadLimit(c, session.identity, async () => customerUpload(c.var.deps, session, sha256, new Uint8Array(await c.req.arrayBuffer())));
		const answer = { sha256: stored.sha256, size: stored.size, mime: stored.mime };
		return stored.created ? c.json(answer, 201) : c.json(answer, 200);
	})
	.openapi(events, async (c) => {
		const deps = c.var.deps;
		const session = await signedIn(c);
		const token = getCookie(c, CUSTOMER_COOKIE)!;
		const pollMs = pollIntervalFor(c.req.query('pollMs'));
		return streamSSE(c, async (stream) => {
			let last = await customerMarker(deps, session);
			await stream.writeSSE({ event: 'ready', data: JSON.stringify({ marker: last }) });
			while (!stream.aborted) {
				await stream.sleep(pollMs);
				if (stream.aborted) break;
				// signing out on another tab ends this stream too
				if (!(await customerSession(deps.database.db, token, deps.clock()))) {
					await stream.writeSSE({ event: 'session_ended', data: '' });
					break;
				}
				const marker = await customerMarker(deps, session);
				await stream.writeSSE(marker !== last ? { event: 'changed', data: JSON.stringify({ marker }) } : { event: 'ping', data: '' });
				last = marker;
			}
		}) as never;
	});

/** The customer cookie, for the OpenAPI document's security schemes. */
export const customerCookieScheme = { type: 'apiKey', in: 'cookie', name: CUSTOMER_COOKIE } as const;
