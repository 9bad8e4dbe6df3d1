import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { paymentOutcome, webhookBody } from '../../src/lib/api/common';
import { receivePaymentNotice } from '../services/payment-webhook';
import { errors, json, routes } from './contract';

const webhook = createRoute({
	method: 'post',
	path: '/webhook',
	summary: "Payment provider's notice, signed X-Signature: sha256=<HMAC-SHA256 of the body>; idempotent on the transaction id",
	parameters: [{ name: 'X-Signature', in: 'header', required: true, schema: { type: 'string', pattern: '^sha256=[0-9a-fA-F]{64}$' } }],
	request: {
		// documented, not validated here: the signature is checked over the raw bytes before the body is read
		body: { required: true, content: { 'application/json': { schema: z.toJSONSchema(webhookBody, { io: 'input' }) as object } } }
	},
	responses: { 200: json(paymentOutcome), ...errors(400, 401, 404, 409, 422, 503) }
});

export const paymentRoutes = routes().openapi(webhook, async (c) => {
	const outcome = await receivePaymentNotice(c.var.deps, await c.req.text(), c.req.header('x-signature'));
	return c.json({ ok: true as const, duplicate: outcome.duplicate, contractVersion: outcome.contractVersion }, 200);
});
