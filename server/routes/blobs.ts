import { blobStoreOf } from '../storage/blob-store';
import { createRoute } from '@hono/zod-openapi';
import { binary, sha256Param, storedBlob } from '../../src/lib/api/common';
import { requireRole, requireUser } from '../auth/middleware';
import { blobNotFound, readBlob, storeBlob } from '../services/blobs';
import { photoBodyLimit } from './photo-body';
import { bearer, errors, json, routes } from './contract';

const photoBody = {
	required: true,
	description: 'The photo’s bytes (a supervisor may also attach a PDF); the path names their SHA-256',
	content: { 'image/jpeg': { schema: binary }, 'image/webp': { schema: binary }, 'application/pdf': { schema: binary } }
};

const putBlob = createRoute({
	method: 'put',
	path: '/{sha256}',
	summary: 'Upload a photo (JPEG/WebP bytes) under the SHA-256 of its bytes; idempotent (201 new, 200 known)',
	security: bearer,
	middleware: [requireUser, requireRole('crew', 'supervisor'), photoBodyLimit] as const,
	request: { params: sha256Param, body: photoBody },
	responses: { 201: json(storedBlob, 'Stored'), 200: json(storedBlob, 'Already stored'), ...errors(400, 401, 403, 413, 415) }
});

const headBlob = createRoute({
	method: 'head',
	path: '/{sha256}',
	summary: 'Whether the server has this photo (200) or not (404): the tablet asks before uploading',
	security: bearer,
	middleware: [requireUser] as const,
	request: { params: sha256Param },
	responses: { 200: { description: 'Stored and readable by this user' }, 404: { description: 'Unknown (or not readable by this user)' }, ...errors(400, 401) }
});

const getBlob = createRoute({
	method: 'get',
	path: '/{sha256}',
	summary: 'A photo’s bytes (crews: photos of their own crew); images inline, documents (PDF) as attachments',
	security: bearer,
	middleware: [requireUser] as const,
	request: { params: sha256Param },
	responses: {
		200: { description: 'The bytes', content: { 'image/jpeg': { schema: binary }, 'image/webp': { schema: binary }, 'application/pdf': { schema: binary } } },
		...errors(400, 401, 404)
	}
});

export const blobRoutes = routes()
	.openapi(putBlob, async (c) => {
		const deps = c.var.deps;
		const bytes = new Uint8Array(await c.req.arrayBuffer());
		const stored = await storeBlob(deps.database.db, deps, { blobDir: deps.blobDir, store: blobStoreOf(deps), maxBytes: deps.blobMaxBytes, allowPdf: c.var.user.role !== 'crew' }, c.var.user.id, c.req.valid('param').sha256, bytes);
		const answer = { sha256: stored.sha256, size: stored.size, mime: stored.mime };
		return stored.created ? c.json(answer, 201) : c.json(answer, 200);
	})
	.openapi(headBlob, async (c) => {
		const deps = c.var.deps;
		const blob = await readBlob(deps.database.db, blobStoreOf(deps), c.var.user, c.req.valid('param').sha256);
		return blob ? c.body(null, 200) : c.body(null, 404);
	})
	.openapi(getBlob, async (c) => {
		const deps = c.var.deps;
		const blob = await readBlob(deps.database.db, blobStoreOf(deps), c.var.user, c.req.valid('param').sha256);
		if (!blob) throw blobNotFound();
		c.header('Content-Type', blob.mime);
		c.header('Cache-Control', 'private, max-age=31536000, immutable');
		return c.body(new Uint8Array(blob.bytes), 200);
	});
