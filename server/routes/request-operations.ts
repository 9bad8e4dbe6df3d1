// The supervisor operations: reschedule a visit (or choose the installation time), cancel a request with a
// reason, and the work a crew did offline on a job taken from it (handovers): list, accept, pass to the new crew.
import { createRoute } from '@hono/zod-openapi';
import { idParam } from '../../src/lib/api/common';
import { cancelBody, cancelled, handoverDecided, handoverList, rescheduleBody, rescheduled } from '../../src/lib/api/operations';
import { requireRole, requireUser } from '../auth/middleware';
import { acceptHandover, passHandover, requestHandovers } from '../services/handovers';
import { cancelWithReason, rescheduleVisit } from '../services/request-operations';
import { bearer, errors, json, jsonBody, routes } from './contract';

const supervisorOnly = [requireUser, requireRole('supervisor')];

const reschedule = createRoute({
	method: 'post',
	path: '/jobs/{id}/reschedule',
	summary: "A new time for a visit (survey, installation, meter check); the customer is texted, the crew's tablet gets it at its next pull",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam, body: jsonBody(rescheduleBody) },
	responses: { 200: json(rescheduled), ...errors(400, 401, 403, 404, 409) }
});

const cancel = createRoute({
	method: 'post',
	path: '/requests/{id}/cancel',
	summary: "Cancel a request with a reason; its jobs leave the crews' tablets and the customer is texted",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam, body: jsonBody(cancelBody) },
	responses: { 200: json(cancelled), ...errors(400, 401, 403, 404, 409) }
});

const listHandovers = createRoute({
	method: 'get',
	path: '/requests/{id}/handovers',
	summary: 'Work crews did offline on jobs of this request taken from them, kept for the supervisor',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: json(handoverList), ...errors(400, 401, 403, 404) }
});

const accept = createRoute({
	method: 'post',
	path: '/handovers/{id}/accept',
	summary: "Accept a previous crew's kept work into the request, as the crew that has the job now",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: json(handoverDecided), ...errors(400, 401, 403, 404, 409) }
});

const pass = createRoute({
	method: 'post',
	path: '/handovers/{id}/pass',
	summary: "Pass a previous crew's kept work to the crew that has the job now, as a draft on its tablet",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: json(handoverDecided), ...errors(400, 401, 403, 404, 409) }
});

export const requestOperationRoutes = routes()
	.openapi(reschedule, async (c) => c.json(await rescheduleVisit(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').scheduledAt), 200))
	.openapi(cancel, async (c) => c.json(await cancelWithReason(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json').reason), 200))
	.openapi(listHandovers, async (c) => c.json({ handovers: await requestHandovers(c.var.deps, c.var.user, c.req.valid('param').id) }, 200))
	.openapi(accept, async (c) => c.json(await acceptHandover(c.var.deps, c.var.user, c.req.valid('param').id), 200))
	.openapi(pass, async (c) => c.json(await passHandover(c.var.deps, c.var.user, c.req.valid('param').id), 200));
