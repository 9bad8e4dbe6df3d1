import { createRoute } from '@hono/zod-openapi';
import { binary, tokenParam } from '../../src/lib/api/common';
import { codeSent, corrected, correctionBody, portalSignBody, portalView, signed } from '../../src/lib/api/portal';
import { askCorrectionOnPortal, portalContractPdf, portalPage, sendCodeForPortal, signThroughPortal } from '../services/portal';
import { errors, json, jsonBody, routes } from './contract';

/** The customer's remote-signing page talks to these; the unguessable link token is the only credential. */
const page = createRoute({
	method: 'get',
	path: '/{token}',
	summary: "The customer's remote-signing page data (the link token is the credential)",
	request: { params: tokenParam },
	responses: { 200: json(portalView), ...errors(400, 404) }
});

const pdf = createRoute({
	method: 'get',
	path: '/{token}/contract.pdf',
	summary: "The customer's contract PDF (a download)",
	request: { params: tokenParam },
	responses: { 200: { description: 'The contract as signed, with its evidence page', content: { 'application/pdf': { schema: binary } } }, ...errors(400, 404) }
});

const code = createRoute({
	method: 'post',
	path: '/{token}/code',
	summary: 'Send a fresh 10-minute signing code (rate-limited)',
	request: { params: tokenParam },
	responses: { 200: json(codeSent), ...errors(400, 404, 409, 429) }
});

const sign = createRoute({
	method: 'post',
	path: '/{token}/sign',
	summary: 'Sign the current contract version with the code',
	request: { params: tokenParam, body: jsonBody(portalSignBody) },
	responses: { 200: json(signed), ...errors(400, 404, 409, 413, 423) }
});

const correction = createRoute({
	method: 'post',
	path: '/{token}/correction',
	summary: 'Ask the utility for a correction (10–1000 characters, one open at a time, three a day); the utility answers',
	request: { params: tokenParam, body: jsonBody(correctionBody) },
	responses: { 200: json(corrected), ...errors(400, 404, 409, 429) }
});

export const portalRoutes = routes()
	.openapi(page, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await portalPage(c.var.deps, c.req.valid('param').token), 200);
	})
	.openapi(pdf, async (c) => {
		const file = await portalContractPdf(c.var.deps, c.req.valid('param').token);
		c.header('Content-Type', 'application/pdf');
		c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
		c.header('Cache-Control', 'no-store');
		return c.body(new Uint8Array(file.bytes), 200);
	})
	.openapi(code, async (c) => c.json(await sendCodeForPortal(c.var.deps, c.req.valid('param').token), 200))
	.openapi(sign, async (c) => {
		await signThroughPortal(c.var.deps, c.req.valid('param').token, c.req.valid('json'), c.req.header('user-agent') ?? '');
		return c.json({ ok: true as const }, 200);
	})
	.openapi(correction, async (c) => {
		const result = await askCorrectionOnPortal(c.var.deps, c.req.valid('param').token, c.req.valid('json').comment);
		return c.json({ ok: true as const, ...result }, 200);
	});
