import { createRoute } from '@hono/zod-openapi';
import { binary, okResponse, storedBlob, tokenParam } from '../../src/lib/api/common';
import {
	meterCheckAsked,
	meterDetail,
	readingLinkBody,
	selfReadingBody,
	selfReadingPhotoParam,
	selfReadingSubmitted,
	selfReadingView,
	serialParam,
	utilityReadingBody,
	utilityReadingRecorded
} from '../../src/lib/api/meters';
import { requireRole, requireUser } from '../auth/middleware';
import { askMeterCheck, meterOfUnit, readingDayPage, recordReading, sendReadingDayLink, storeReadingPhoto, submitOwnReading } from '../services/meter-register';
import { photoBodyLimit } from './photo-body';
import { bearer, errors, json, jsonBody, routes } from './contract';

const supervisorOnly = [requireUser, requireRole('supervisor')];

const readMeter = createRoute({
	method: 'get',
	path: '/{serial}',
	summary: 'A meter of the register with its customer and readings',
	security: bearer,
	middleware: supervisorOnly,
	request: { params: serialParam },
	responses: { 200: json(meterDetail), ...errors(400, 401, 403, 404) }
});

const addReading = createRoute({
	method: 'post',
	path: '/{serial}/readings',
	summary: "The utility's reading (reader's handheld or a supervisor); checked against the register and the meter's history",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: serialParam, body: jsonBody(utilityReadingBody) },
	responses: { 201: json(utilityReadingRecorded, 'Recorded'), ...errors(400, 401, 403, 404, 409, 422) }
});

const sendLink = createRoute({
	method: 'post',
	path: '/{serial}/reading-links',
	summary: "Text the meter's customer a reading-day link (rate-limited); the link itself goes only to the customer",
	security: bearer,
	middleware: supervisorOnly,
	request: { params: serialParam, body: jsonBody(readingLinkBody) },
	responses: { 201: json(okResponse, 'Sent'), ...errors(400, 401, 403, 404, 409, 429) }
});

/** The meter register for supervisors: readings (utility reader's handheld or a supervisor) and reading-day links. */
export const meterRoutes = routes()
	.openapi(readMeter, async (c) => c.json(await meterOfUnit(c.var.deps, c.var.user, c.req.valid('param').serial), 200))
	.openapi(addReading, async (c) => c.json(await recordReading(c.var.deps, c.var.user, c.req.valid('param').serial, c.req.valid('json')), 201))
	.openapi(sendLink, async (c) => {
		await sendReadingDayLink(c.var.deps, c.var.user, c.req.valid('param').serial, c.req.valid('json').readingDate);
		return c.json({ ok: true as const }, 201);
	});

const readingPage = createRoute({
	method: 'get',
	path: '/{token}',
	summary: "The customer's reading-day page data (the link token is the credential)",
	request: { params: tokenParam },
	responses: { 200: json(selfReadingView), ...errors(400, 404) }
});

const readingPhoto = createRoute({
	method: 'put',
	path: '/{token}/photo/{sha256}',
	summary: "The photo of the customer's own reading (JPEG/WebP bytes under their SHA-256; rate-limited per link)",
	middleware: [photoBodyLimit] as const,
	request: {
		params: selfReadingPhotoParam,
		body: { required: true, content: { 'image/jpeg': { schema: binary }, 'image/webp': { schema: binary } } }
	},
	responses: { 201: json(storedBlob, 'Stored'), 200: json(storedBlob, 'Already stored'), ...errors(400, 404, 413, 415, 429) }
});

const meterCheck = createRoute({
	method: 'post',
	path: '/{token}/meter-check',
	summary: 'The customer asks for a check of the meter of this link (service 41); one open check per meter',
	request: { params: tokenParam },
	responses: { 201: json(meterCheckAsked, 'Asked'), 200: json(meterCheckAsked, 'Already open'), ...errors(400, 404, 409) }
});

const submitReading = createRoute({
	method: 'post',
	path: '/{token}',
	summary: "The customer's own reading with its photo; a difference beyond the tolerance opens a service-75 complaint",
	request: { params: tokenParam, body: jsonBody(selfReadingBody) },
	responses: { 201: json(selfReadingSubmitted, 'Recorded'), ...errors(400, 404, 409, 422) }
});

/** The customer's reading-day page (no account: the link token is the credential). */
export const selfReadingRoutes = routes()
	.openapi(readingPage, async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await readingDayPage(c.var.deps, c.req.valid('param').token), 200);
	})
	.openapi(readingPhoto, async (c) => {
		const { token, sha256 } = c.req.valid('param');
		const stored = await storeReadingPhoto(c.var.deps, token, sha256, new Uint8Array(await c.req.arrayBuffer()));
		const answer = { sha256: stored.sha256, size: stored.size, mime: stored.mime };
		return stored.created ? c.json(answer, 201) : c.json(answer, 200);
	})
	// the customer doubts the meter itself: a meter check request (service 41) for the meter of this link
	.openapi(meterCheck, async (c) => {
		const result = await askMeterCheck(c.var.deps, c.req.valid('param').token);
		return result.created ? c.json(result, 201) : c.json(result, 200);
	})
	.openapi(submitReading, async (c) => {
		const result = await submitOwnReading(c.var.deps, c.req.valid('param').token, c.req.valid('json'));
		return c.json({ ok: true as const, ...result }, 201);
	});
