import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context';
import { blobTooLarge } from '../services/blobs';

/** Checked before reading the body, so an oversized photo is refused without buffering it. */
export const photoBodyLimit: MiddlewareHandler<AppEnv> = (c, next) =>
	bodyLimit({ maxSize: c.var.deps.blobMaxBytes, onError: () => { throw blobTooLarge(c.var.deps.blobMaxBytes); } })(c, next);
