import { Hono, type MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import path from 'node:path';
import type { AppDeps, AppEnv } from './context';
import { HTTPException } from 'hono/http-exception';
import { ApiFailure, clientFailureOf, errorBody, requestLocale, sendError } from './http';
import { both } from '../src/lib/text';
import { m } from '../src/lib/paraglide/messages.js';
import { guardInput } from './input-guard';
import { securityHeaders } from './security-headers';
import { authRoutes } from './routes/auth';
import { catalogRoutes } from './routes/catalog';
import { healthRoutes } from './routes/health';
import { documentOf, serveDocument } from './routes/openapi';
import { routes } from './routes/contract';
import { syncRoutes } from './routes/sync';
import { blobRoutes } from './routes/blobs';
import { devRoutes } from './routes/dev';
import { noticeRoutes } from './routes/notices';
import { materialRoutes } from './routes/materials';
import { paymentRoutes } from './routes/payments';
import { documentRoutes } from './routes/documents';
import { requestRoutes } from './routes/requests';
import { onSiteSigningRoutes } from './routes/onsite-signing';
import { countersignRoutes } from './routes/countersign';
import { portalRoutes } from './routes/portal';
import { correctionRoutes } from './routes/corrections';
import { jobRoutes } from './routes/jobs';
import { requestOperationRoutes } from './routes/request-operations';
import { crewRoutes } from './routes/crews';
import { eventRoutes } from './routes/events';
import { kpiRoutes, mapRoutes } from './routes/map';
import { meterRoutes, selfReadingRoutes } from './routes/meters';
import { configRoutes } from './routes/config';
import { adminRoutes } from './routes/admin';
import { customerRoutes } from './routes/customer';
import { mountRateLimits } from './limits';

/** Every API route, declared with createRoute (server/routes/contract.ts) so the document lists each one. */
function buildApi() {
	const api = routes()
		.basePath('/api')
		.route('/health', healthRoutes)
		.route('/config', configRoutes)
		.route('/auth', authRoutes)
		.route('/catalog', catalogRoutes)
		.route('/materials', materialRoutes)
		.route('/sync', syncRoutes)
		.route('/blobs', blobRoutes)
		.route('/dev', devRoutes)
		.route('/notices', noticeRoutes)
		.route('/payments', paymentRoutes)
		.route('/documents', documentRoutes)
		.route('/requests', requestRoutes)
		.route('/requests', onSiteSigningRoutes)
		.route('/requests', countersignRoutes)
		.route('/requests', correctionRoutes)
		.route('/portal', portalRoutes)
		.route('/jobs', jobRoutes)
		.route('/crews', crewRoutes)
		.route('/map', mapRoutes)
		.route('/kpis', kpiRoutes)
		.route('/meters', meterRoutes)
		.route('/self-reading', selfReadingRoutes)
		.route('/events', eventRoutes)
		.route('/customer', customerRoutes)
		.route('/admin', adminRoutes)
		.route('/', requestOperationRoutes);
	return serveDocument(api);
}

/**
 * Every API route's types (paths, parameters, bodies, answers by status) for Hono's typed client `hc`
 * (src/lib/api/client.ts). Clients import it with `import type` only: no server code reaches a browser bundle.
 */
export type ApiType = ReturnType<typeof buildApi>;

/** The OpenAPI document the app serves at /api/openapi.json, built without a running app. */
export function buildOpenApiDocument(): Record<string, unknown> {
	return documentOf(buildApi())() as unknown as Record<string, unknown>;
}

export function createApp(deps: AppDeps) {
	const app = new Hono<AppEnv>();
	app.use('*', async (c, next) => {
		c.set('deps', deps);
		await next();
	});
	app.use('*', securityHeaders({ tileUrl: deps.tileUrl, staticDir: deps.staticDir }));
	app.use('/api/*', guardInput);
	// JSON answers above 1 KiB are gzipped for clients that accept it (a crew's pull shrinks about tenfold on a slow
	// mobile link); event streams and binary bodies (photos, PDFs) are left as they are by the content-type filter
	app.use('/api/*', compress({ encoding: 'gzip', threshold: 1024 }));
	app.use('/api/*', measureJson);
	mountRateLimits(app);
	app.route('/', buildApi());
	app.all('/api/*', (c) => c.json(errorBody('not_found', both(m.server_refusal_noSuchApi), requestLocale(c)), 404));

	if (deps.staticDir) mountPwa(app, deps.staticDir);

	app.onError((err, c) => {
		// a JSON route sent something else (the contract's media-type check): say so in words
		if (err instanceof HTTPException && err.status === 415) return sendError(c, new ApiFailure(415, 'unsupported_media_type', both(m.server_refusal_notJson)));
		// services' DomainError and routes' ApiFailure get their status in one place (server/http.ts)
		const client = clientFailureOf(err);
		if (client) {
			// validation should have caught it: worth a look, but the client only sent bad data
			if (client.unexpected) console.warn('[api] bad input reached below validation', c.req.method, c.req.path, err);
			// a refused body is discarded only up to a cap: the client must not send its next request on this connection
			if (client.failure.status === 413) c.header('Connection', 'close');
			return sendError(c, client.failure);
		}
		console.error('[api] unexpected error', c.req.method, c.req.path, err);
		return c.json(errorBody('internal', both(m.server_refusal_internal), requestLocale(c)), 500);
	});
	return app;
}

/** Gives a JSON answer its Content-Length, which compress() needs to leave small answers (health, refusals) alone. */
const measureJson: MiddlewareHandler<AppEnv> = async (c, next) => {
	await next();
	if (c.res.headers.has('Content-Length') || !/^application\/json/i.test(c.res.headers.get('Content-Type') ?? '')) return;
	const body = await c.res.arrayBuffer();
	const { status, headers } = c.res;
	headers.set('Content-Length', String(body.byteLength));
	c.res = undefined;
	c.res = new Response(body, { status, headers });
};

/** Serves the built SPA; every other GET falls back to the app shell so deep links work. */
function mountPwa(app: Hono<AppEnv>, staticDir: string) {
	const root = path.resolve(staticDir);
	app.use('*', async (c, next) => {
		await next();
		if (c.req.path.startsWith('/api/') || !c.res.ok) return;
		// hashed assets never change; the shell and the service worker must be revalidated or updates never reach tablets
		const immutable = c.req.path.startsWith('/_app/immutable/');
		c.res.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
	});
	// the build writes .br and .gz beside each text asset (adapter-static precompress): sent by Accept-Encoding
	app.use('*', serveStatic({ root, precompressed: true }));
	app.get('*', serveStatic({ root, path: 'index.html', precompressed: true }));
}
