// The countersignature's preview (issue 11, item 5): parse, authorize (a supervisor of the request's unit, or an
// admin), delegate. The countersignature itself stays POST /api/requests/{id}/countersign (routes/requests.ts).
import { createRoute } from '@hono/zod-openapi';
import { binary, idParam } from '../../src/lib/api/common';
import { countersignPreview } from '../../src/lib/api/countersign';
import { requireRole, requireUser } from '../auth/middleware';
import { previewCountersign, previewCountersignPdf } from '../services/countersign';
import { bearer, errors, json, routes } from './contract';

const supervisorOnly = [requireUser, requireRole('supervisor')];

const preview = createRoute({
	method: 'get',
	path: '/{id}/countersign/preview',
	summary: 'The contract PDF as it will be signed, in words: the text, both signature blocks, the evidence page and the certificate',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: json(countersignPreview), ...errors(400, 401, 403, 404, 409, 503) }
});

const previewPdf = createRoute({
	method: 'get',
	path: '/{id}/countersign/preview.pdf',
	summary: 'The contract PDF as it will be signed, without the digital signature itself (a download)',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: idParam },
	responses: { 200: { description: 'The PDF', content: { 'application/pdf': { schema: binary } } }, ...errors(400, 401, 403, 404, 409, 503) }
});

export const countersignRoutes = routes()
	.openapi(preview, async (c) => c.json(await previewCountersign(c.var.deps, c.var.user, c.req.valid('param').id), 200))
	.openapi(previewPdf, async (c) => {
		const pdf = await previewCountersignPdf(c.var.deps, c.var.user, c.req.valid('param').id);
		c.header('Content-Type', 'application/pdf');
		c.header('Content-Disposition', `attachment; filename="${pdf.fileName}"`);
		c.header('Cache-Control', 'no-store');
		return c.body(new Uint8Array(pdf.bytes), 200);
	});
