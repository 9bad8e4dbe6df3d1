import { createRoute } from '@hono/zod-openapi';
import { boardPage, boardQuery, dispatchBody, intakeBody } from '../../src/lib/domain/board';
import { binary, idParam, paymentOutcome } from '../../src/lib/api/common';
import { counterPaymentBody, countersigned, dispatched, intakeCreated, remoteSigningSent, requestDetail, signingCodeSent } from '../../src/lib/api/console';
import { requireRole, requireUser } from '../auth/middleware';
import { unitScopeOf } from '../services/access';
import { listBoard } from '../services/board';
import { requestDetail as readRequestDetail } from '../services/request-detail';
import { countersignRequest, dispatchRequest, newOnSiteCode, recordCounterPayment, requestContractPdf, startRemoteSigning, takeInRequest } from '../services/request-actions';
import { stepBody, stepDone } from '../../src/lib/api/processes';
import { takeStep } from '../services/process-steps';
import { bearer, errors, json, jsonBody, routes } from './contract';

const supervisorOnly = [requireUser, requireRole('supervisor')];

const board = createRoute({
	method: 'get',
	path: '/',
	summary: "The supervisor's requests board: filters, search, paging by deadline",
	security: bearer,
	middleware: supervisorOnly,
	request: { query: boardQuery },
	responses: { 200: json(boardPage), ...errors(400, 401, 403) }
});

const intake = createRoute({
	method: 'post',
	path: '/',
	summary: 'Take in a request (step 1); the deadline comes from the catalog',
	security: bearer,
	middleware: supervisorOnly,
	request: { body: jsonBody(intakeBody) },
	responses: { 201: json(intakeCreated, 'Taken in'), ...errors(400, 401, 403) }
});

const signingCode = createRoute({
	method: 'post',
	path: '/{id}/signing-code',
	summary: 'Text the customer a new on-site signing code (supervisor, or the crew on site; rate-limited)',
	security: bearer,
	middleware: [requireUser] as const,
	request: { params: idParam },
	responses: { 200: json(signingCodeSent), ...errors(400, 401, 403, 404, 409, 429) }
});

const contract = createRoute({
	method: 'get',
	path: '/{id}/contract.pdf',
	summary: 'The contract PDF as signed, with its evidence page (a download; the crew of the request or its unit)',
	security: bearer,
	middleware: [requireUser] as const,
	request: { params: idParam },
	responses: { 200: { description: 'The PDF', content: { 'application/pdf': { schema: binary } } }, ...errors(400, 401, 403, 404) }
});

const detail = createRoute({
	method: 'get',
	path: '/{id}',
	summary: 'Everything recorded about one request',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: json(requestDetail), ...errors(400, 401, 403, 404) }
});

const dispatch = createRoute({
	method: 'post',
	path: '/{id}/dispatch',
	summary: "Send a crew for the visit of the request's process (a survey, a meter check, a repair) at a time not in the past; the customer is notified; refused for a process with no visit",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam, body: jsonBody(dispatchBody) },
	responses: { 200: json(dispatched), ...errors(400, 401, 403, 404, 409) }
});

const remoteSigning = createRoute({
	method: 'post',
	path: '/{id}/remote-signing',
	summary: 'Send the contract to the customer to sign online (step 10; rate-limited); the link goes only to the customer',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: json(remoteSigningSent), ...errors(400, 401, 403, 404, 409, 429) }
});

const countersign = createRoute({
	method: 'post',
	path: '/{id}/countersign',
	summary: 'The utility countersigns (step 12): the contract PDF is signed digitally (PAdES) with its certificate; completes when installed',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: json(countersigned), ...errors(400, 401, 403, 404, 409) }
});

const payment = createRoute({
	method: 'post',
	path: '/{id}/payments',
	summary: 'Record a counter payment with its receipt number (step 6)',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam, body: jsonBody(counterPaymentBody) },
	responses: { 200: json(paymentOutcome), ...errors(400, 401, 403, 404, 409, 422) }
});

const step = createRoute({
	method: 'post',
	path: '/{id}/steps',
	summary: "One step of the request's own process (review, decision and notice; investigation and answer in words; a meter check from a reading complaint; a crew's fix; closing); another process's step is refused in words",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam, body: jsonBody(stepBody) },
	responses: { 200: json(stepDone), ...errors(400, 401, 403, 404, 409) }
});

export const requestRoutes = routes()
	.openapi(board, async (c) => {
		const deps = c.var.deps;
		return c.json(await listBoard(deps.database.db, deps, unitScopeOf(c.var.user), c.req.valid('query')), 200);
	})
	.openapi(intake, async (c) => c.json(await takeInRequest(c.var.deps, c.var.user, c.req.valid('json')), 201))
	/** A new on-site signing code for the customer: the supervisor, or the crew standing with the customer (online). */
	.openapi(signingCode, async (c) => {
		const sent = await newOnSiteCode(c.var.deps, c.var.user, c.req.valid('param').id);
		return c.json({ ok: true as const, ...sent }, 200);
	})
	.openapi(contract, async (c) => {
		const pdf = await requestContractPdf(c.var.deps, c.var.user, c.req.valid('param').id);
		c.header('Content-Type', 'application/pdf');
		c.header('Content-Disposition', `attachment; filename="${pdf.fileName}"`);
		c.header('Cache-Control', 'no-store');
		return c.body(new Uint8Array(pdf.bytes), 200);
	})
	.openapi(detail, async (c) => {
		const found = await readRequestDetail(c.var.deps.database.db, c.req.valid('param').id, unitScopeOf(c.var.user));
		return c.json(found, 200);
	})
	.openapi(step, async (c) => c.json(await takeStep(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200))
	.openapi(dispatch, async (c) => c.json(await dispatchRequest(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200))
	.openapi(remoteSigning, async (c) => c.json({ ok: true as const, sent: await startRemoteSigning(c.var.deps, c.var.user, c.req.valid('param').id) }, 200))
	.openapi(countersign, async (c) => {
		const { state, signed } = await countersignRequest(c.var.deps, c.var.user, c.req.valid('param').id);
		return c.json({ ok: true as const, state, signedBy: signed.signedBy, signedAt: signed.signedAt.toISOString(), signedPdfSha256: signed.pdfSha256, signedWords: signed.words }, 200);
	})
	.openapi(payment, async (c) => {
		const outcome = await recordCounterPayment(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json'));
		return c.json({ ok: true as const, duplicate: outcome.duplicate, contractVersion: outcome.contractVersion }, 200);
	});
