import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { deliveryReportAnswer, noticePreferencesBody, noticePreferencesView, sentNoticeList, sentNoticesQuery } from '../../src/lib/api/notices';
import { requireRole, requireUser } from '../auth/middleware';
import { ApiFailure } from '../http';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import { receiveEsmsReport, receiveZaloReport, type ReportVerdict } from '../notify/callbacks';
import { customerPreferences, sentNotices, setCustomerPreferences } from '../services/notices';
import { bearer, errors, json, jsonBody, routes } from './contract';

const list = createRoute({
	method: 'get',
	path: '/',
	summary: "Tin đã gửi: customer messages with their delivery per channel (a supervisor: their unit's requests; an admin: all)",
	security: bearer,
	middleware: [requireUser, requireRole('supervisor')] as const,
	request: { query: sentNoticesQuery },
	responses: { 200: json(sentNoticeList), ...errors(400, 401, 403) }
});

const customerParams = z.object({ id: z.string().min(1).max(64) });

const readPreferences = createRoute({
	method: 'get',
	path: '/preferences/{id}',
	summary: "A customer's notice preferences (a supervisor: customers with a request in their unit)",
	security: bearer,
	middleware: [requireUser, requireRole('supervisor')] as const,
	request: { params: customerParams },
	responses: { 200: json(noticePreferencesView), ...errors(400, 401, 403, 404) }
});

const writePreferences = createRoute({
	method: 'put',
	path: '/preferences/{id}',
	summary: "Records what a customer chose: Zalo or SMS for notices that are not essential, reminders or not, the email's language",
	security: bearer,
	middleware: [requireUser, requireRole('supervisor')] as const,
	request: { params: customerParams, body: jsonBody(noticePreferencesBody) },
	responses: { 200: json(noticePreferencesView), ...errors(400, 401, 403, 404) }
});

const esmsCallback = createRoute({
	method: 'post',
	path: '/callbacks/esms',
	summary: "eSMS's delivery report to the CallbackUrl we gave it (our secret token in the query: eSMS signs nothing)",
	parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
	request: {
		body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }
	},
	responses: { 200: json(deliveryReportAnswer), ...errors(400, 401, 404) }
});

const zaloCallback = createRoute({
	method: 'post',
	path: '/callbacks/zalo',
	summary: "Zalo's webhook (user_received_message), signed X-ZEvent-Signature: mac=SHA-256(app id + body + timestamp + OA secret key)",
	parameters: [{ name: 'X-ZEvent-Signature', in: 'header', required: true, schema: { type: 'string' } }],
	request: {
		// documented, not validated here: the signature is checked over the raw bytes before the body is read
		body: { required: true, content: { 'application/json': { schema: { type: 'object' } } } }
	},
	responses: { 200: json(deliveryReportAnswer), ...errors(400, 401, 404) }
});

function answer(verdict: ReportVerdict) {
	if (verdict.ok) return { ok: true as const, known: verdict.known };
	// a provider this server does not use has no callback here, as an unknown address
	if (verdict.reason === 'not_configured') throw new ApiFailure(404, 'not_found', both(m.server_refusal_notice_noProvider));
	if (verdict.reason === 'bad_signature') throw new ApiFailure(401, 'bad_signature', both(m.server_refusal_notice_badSignature));
	throw new ApiFailure(400, 'invalid_input', both(m.server_refusal_notice_noMessage));
}

export const noticeRoutes = routes()
	.openapi(list, async (c) => c.json(await sentNotices(c.var.deps.database.db, c.var.user, c.req.valid('query'), c.var.deps.demoMode), 200))
	.openapi(readPreferences, async (c) => c.json(await customerPreferences(c.var.deps.database.db, c.var.user, c.req.valid('param').id), 200))
	.openapi(writePreferences, async (c) =>
		c.json(await setCustomerPreferences(c.var.deps.database.db, c.var.user, c.req.valid('param').id, c.req.valid('json'), c.var.deps.clock()), 200)
	)
	.openapi(esmsCallback, async (c) => {
		const deps = c.var.deps;
		const verdict = await receiveEsmsReport(deps.database.db, c.req.query('token'), c.req.valid('json'), deps.clock(), deps.newId);
		return c.json(answer(verdict), 200);
	})
	.openapi(zaloCallback, async (c) => {
		const deps = c.var.deps;
		const verdict = await receiveZaloReport(deps.database.db, await c.req.text(), c.req.header('x-zevent-signature'), deps.clock(), deps.newId);
		return c.json(answer(verdict), 200);
	});
