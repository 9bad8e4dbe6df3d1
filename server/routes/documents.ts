import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { binary } from '../../src/lib/api/common';
import { m } from '../../src/lib/paraglide/messages.js';
import { documentByToken } from '../services/customer-documents';
import { documentStore } from '../services/contract-document';
import { receiptStore } from '../services/receipts';
import { errors, routes } from './contract';

const documentToken = z.object({
	token: z.string().regex(/^(contract|receipt)\.[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{27}$/, m.server_refusal_documentPath({}, { locale: 'vi' }))
});

const document = createRoute({
	method: 'get',
	path: '/{token}',
	summary: "A customer's document by its long-lived signed link (the countersigned contract, a payment receipt); valid as long as the request exists",
	request: { params: documentToken },
	responses: { 200: { description: 'The document as a PDF', content: { 'application/pdf': { schema: binary } } }, ...errors(400, 404) }
});

export const documentRoutes = routes().openapi(document, async (c) => {
	const deps = c.var.deps;
	const file = await documentByToken(deps.database.db, c.req.valid('param').token, deps.clock(), { ...documentStore(deps), ...receiptStore(deps) });
	c.header('Content-Type', 'application/pdf');
	c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
	c.header('Cache-Control', 'private, no-store');
	return c.body(new Uint8Array(file.bytes), 200);
});
