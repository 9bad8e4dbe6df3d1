// The supervisor's side of a customer's correction (issue 11, item 1): read it, answer with a new version, or answer
// without a change. Parse, authorize (a supervisor of the request's unit), delegate.
import { createRoute } from '@hono/zod-openapi';
import { idParam } from '../../src/lib/api/common';
import { answerBody, correctionAnswered, correctionCase, reviseBody } from '../../src/lib/api/corrections';
import { requireRole, requireUser } from '../auth/middleware';
import { answerCorrectionFor, correctionCaseFor, reviseContractFor } from '../services/corrections';
import { bearer, errors, json, jsonBody, routes } from './contract';

const supervisorOnly = [requireUser, requireRole('supervisor')];

const read = createRoute({
	method: 'get',
	path: '/{id}/correction',
	summary: "The customer's correction of the contract: the open one (their words, which version) and the past ones",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: json(correctionCase), ...errors(400, 401, 403, 404) }
});

const revise = createRoute({
	method: 'post',
	path: '/{id}/correction/revise',
	summary: 'Answer the correction with a new version (lines, quantities, VAT, date, parties); it goes to the customer with a new code',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam, body: jsonBody(reviseBody) },
	responses: { 200: json(correctionAnswered), ...errors(400, 401, 403, 404, 409) }
});

const answer = createRoute({
	method: 'post',
	path: '/{id}/correction/answer',
	summary: 'Answer the correction without a change: the reason is texted and emailed, the customer can sign the current version',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam, body: jsonBody(answerBody) },
	responses: { 200: json(correctionAnswered), ...errors(400, 401, 403, 404, 409) }
});

export const correctionRoutes = routes()
	.openapi(read, async (c) => c.json(await correctionCaseFor(c.var.deps, c.var.user, c.req.valid('param').id), 200))
	.openapi(revise, async (c) => {
		const body = c.req.valid('json');
		const done = await reviseContractFor(c.var.deps, c.var.user, c.req.valid('param').id, body.terms, body.note);
		return c.json({ ok: true as const, contractVersion: done.contractVersion }, 200);
	})
	.openapi(answer, async (c) => {
		const done = await answerCorrectionFor(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').reason);
		return c.json({ ok: true as const, contractVersion: done.contractVersion }, 200);
	});
