import { createRoute } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { paymentOutcome, tokenParam, webhookBody } from '../../src/lib/api/common';
import { gatewayReturnBody, gatewayReturned, gatewayStarted, ipnAnswer, paymentView } from '../../src/lib/api/payments';
import { receivePaymentNotice } from '../services/payment-webhook';
import { gatewayReturn, paymentMarker, paymentViewByToken, receiveGatewayIpn, startGatewayPayment } from '../services/online-payments';
import { pollIntervalFor } from './events';
import { errors, json, jsonBody, routes } from './contract';

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

const page = createRoute({
	method: 'get',
	path: '/portal/{token}',
	summary: "The customer's payment page: the amount owed now, the VietQR transfer, the gateway, the payments with their receipts",
	request: { params: tokenParam },
	responses: { 200: json(paymentView), ...errors(400, 404) }
});

const gateway = createRoute({
	method: 'post',
	path: '/portal/{token}/gateway',
	summary: 'Pay the amount owed by card / e-wallet: the signed gateway URL to send the browser to',
	request: { params: tokenParam },
	responses: { 200: json(gatewayStarted), ...errors(400, 404, 409, 503) }
});

const returned = createRoute({
	method: 'post',
	path: '/portal/{token}/return',
	summary: "What the gateway's signed return says (the IPN, not the return, records a payment)",
	request: { params: tokenParam, body: jsonBody(gatewayReturnBody) },
	responses: { 200: json(gatewayReturned), ...errors(400, 404) }
});

const live = createRoute({
	method: 'get',
	path: '/portal/{token}/events',
	summary: 'Server-sent events for the payment page: "ready", then "changed" when the request or its payments change, "ping" otherwise',
	request: { params: tokenParam },
	parameters: [{ name: 'pollMs', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{1,6}$' } }],
	responses: { 200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(400, 404) }
});

const ipn = createRoute({
	method: 'get',
	path: '/vnpay/ipn',
	summary: "The card / e-wallet gateway's server-to-server confirmation (vnp_… query signed with HMAC-SHA512); answers RspCode 00 confirmed, 01 unknown order, 02 already confirmed, 04 wrong amount, 97 bad signature",
	parameters: [{ name: 'vnp_SecureHash', in: 'query', required: true, schema: { type: 'string' } }],
	responses: { 200: json(ipnAnswer) }
});

export const paymentRoutes = routes()
	.openapi(webhook, async (c) => {
		const outcome = await receivePaymentNotice(c.var.deps, await c.req.text(), c.req.header('x-signature'));
		return c.json({ ok: true as const, duplicate: outcome.duplicate, contractVersion: outcome.contractVersion }, 200);
	})
	.openapi(page, async (c) => c.json(await paymentViewByToken(c.var.deps, c.req.valid('param').token), 200))
	.openapi(gateway, async (c) => {
		const ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || '127.0.0.1';
		const locale = /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'vi';
		return c.json(await startGatewayPayment(c.var.deps, c.req.valid('param').token, { ip, locale }), 200);
	})
	.openapi(returned, async (c) => c.json(await gatewayReturn(c.var.deps, c.req.valid('param').token, c.req.valid('json').query), 200))
	.openapi(live, async (c) => {
		const deps = c.var.deps;
		const token = c.req.valid('param').token;
		let last = await paymentMarker(deps, token); // an unknown or expired link is refused before the stream starts
		const pollMs = pollIntervalFor(c.req.query('pollMs'));
		return streamSSE(c, async (stream) => {
			await stream.writeSSE({ event: 'ready', data: '' });
			while (!stream.aborted) {
				await stream.sleep(pollMs);
				if (stream.aborted) break;
				const marker = await paymentMarker(deps, token).catch(() => last);
				await stream.writeSSE(marker !== last ? { event: 'changed', data: '' } : { event: 'ping', data: '' });
				last = marker;
			}
		}) as never;
	})
	.openapi(ipn, async (c) => c.json(await receiveGatewayIpn(c.var.deps, new URL(c.req.url).search), 200));
