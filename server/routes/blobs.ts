import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { sha256 } from '../../src/lib/domain/commands';
import type { AppEnv } from '../context';
import { requireRole, requireUser } from '../auth/middleware';
import { ApiFailure, zv } from '../http';
import { readBlob, storeBlob, tooLarge } from '../services/blobs';

const blobParam = z.object({ sha256 });

export const blobRoutes = new Hono<AppEnv>()
	.put(
		'/:sha256',
		requireUser,
		requireRole('crew', 'supervisor'),
		zv('param', blobParam),
		// checked before reading the body, so an oversized photo is refused without buffering it
		(c, next) => bodyLimit({ maxSize: c.var.deps.blobMaxBytes, onError: () => { throw tooLarge(c.var.deps.blobMaxBytes); } })(c, next),
		async (c) => {
			const deps = c.var.deps;
			const bytes = new Uint8Array(await c.req.arrayBuffer());
			const stored = await storeBlob(deps.database.db, deps, { blobDir: deps.blobDir, maxBytes: deps.blobMaxBytes, allowPdf: c.var.user.role !== 'crew' }, c.var.user.id, c.req.valid('param').sha256, bytes);
			return c.json({ sha256: stored.sha256, size: stored.size, mime: stored.mime }, stored.created ? 201 : 200);
		}
	)
	.on('HEAD', '/:sha256', requireUser, zv('param', blobParam), async (c) => {
		const deps = c.var.deps;
		const blob = await readBlob(deps.database.db, deps.blobDir, c.var.user, c.req.valid('param').sha256);
		return c.body(null, blob ? 200 : 404);
	})
	.get('/:sha256', requireUser, zv('param', blobParam), async (c) => {
		const deps = c.var.deps;
		const blob = await readBlob(deps.database.db, deps.blobDir, c.var.user, c.req.valid('param').sha256);
		if (!blob) throw new ApiFailure(404, 'not_found', 'Không tìm thấy ảnh này');
		c.header('Content-Type', blob.mime);
		c.header('Cache-Control', 'private, max-age=31536000, immutable');
		return c.body(new Uint8Array(blob.bytes));
	});
