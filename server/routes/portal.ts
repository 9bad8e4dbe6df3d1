import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { correctionBody, portalSignBody } from '../../src/lib/domain/signing';
import type { AppDeps, AppEnv } from '../context';
import { ApiFailure, zv } from '../http';
import { portalRequestId, portalView, requestCorrectionOnPortal, sendPortalCode, signOnPortal, type SigningContext } from '../services/signing';
import { contractPdf } from '../services/contract-document';

/** The customer's remote-signing page talks to these; the unguessable link token is the only credential. */
const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'Đường dẫn không hợp lệ') });

export function signingContext(deps: AppDeps): SigningContext {
	return { runtime: deps, holidays: deps.holidays, codePolicy: deps.codePolicy, publicUrl: deps.publicUrl };
}

export const portalRoutes = new Hono<AppEnv>()
	.get('/:token', zv('param', tokenParam), async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await portalView(c.var.deps.database.db, signingContext(c.var.deps), c.req.valid('param').token));
	})
	.get('/:token/contract.pdf', zv('param', tokenParam), async (c) => {
		const deps = c.var.deps;
		const requestId = await portalRequestId(deps.database.db, signingContext(deps), c.req.valid('param').token);
		const pdf = await contractPdf(deps.database.db, requestId, deps.clock());
		c.header('Content-Type', 'application/pdf');
		c.header('Content-Disposition', `attachment; filename="${pdf.fileName}"`);
		c.header('Cache-Control', 'no-store');
		return c.body(new Uint8Array(pdf.bytes));
	})
	.post('/:token/code', zv('param', tokenParam), async (c) => {
		const deps = c.var.deps;
		const sent = await deps.database.db.transaction((tx) => sendPortalCode(tx, signingContext(deps), c.req.valid('param').token));
		return c.json(sent);
	})
	.post(
		'/:token/sign',
		bodyLimit({ maxSize: 1024 * 1024, onError: () => { throw new ApiFailure(413, 'too_large', 'Chữ ký quá lớn; vui lòng ký lại gọn hơn'); } }),
		zv('param', tokenParam),
		zv('json', portalSignBody),
		async (c) => {
			const deps = c.var.deps;
			const clientInfo = c.req.header('user-agent') ?? '';
			await signOnPortal(deps.database.db, signingContext(deps), c.req.valid('param').token, c.req.valid('json'), clientInfo);
			return c.json({ ok: true });
		}
	)
	.post('/:token/correction', zv('param', tokenParam), zv('json', correctionBody), async (c) => {
		const deps = c.var.deps;
		const result = await deps.database.db.transaction((tx) =>
			requestCorrectionOnPortal(tx, signingContext(deps), c.req.valid('param').token, c.req.valid('json').comment)
		);
		return c.json({ ok: true, ...result });
	});
