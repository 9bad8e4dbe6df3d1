import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { sha256 } from '../../src/lib/domain/commands';
import type { AppDeps, AppEnv } from '../context';
import { requireRole, requireUser } from '../auth/middleware';
import { zv } from '../http';
import { storeBlob, tooLarge } from '../services/blobs';
import { unitScopeOf } from '../services/access';
import { customerAsksMeterCheck, meterDetail, recordUtilityReading, selfReadingView, sendReadingLink, submitSelfReading, type ReadingContext } from '../services/meters';

const serialParam = z.object({ serial: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{4,32}$/, 'Số sê-ri công tơ không hợp lệ') });
const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'Đường dẫn không hợp lệ') });
const kwh = z.number({ error: 'Nhập chỉ số (kWh)' }).min(0, 'Chỉ số không âm').max(999_999_999, 'Chỉ số quá lớn');

function readingContext(deps: AppDeps): ReadingContext {
	return { ...deps, selfReadingToleranceKwh: deps.selfReadingToleranceKwh, abnormalFactor: deps.abnormalReadingFactor };
}

/** The meter register for supervisors: readings (utility reader's handheld or a supervisor) and reading-day links. */
export const meterRoutes = new Hono<AppEnv>()
	.get('/:serial', requireUser, requireRole('supervisor'), zv('param', serialParam), async (c) => {
		return c.json(await meterDetail(c.var.deps.database.db, c.req.valid('param').serial, unitScopeOf(c.var.user)));
	})
	.post(
		'/:serial/readings',
		requireUser,
		requireRole('supervisor'),
		zv('param', serialParam),
		zv('json', z.object({ kwh, takenAt: z.iso.datetime({ offset: true }).optional(), photoSha256: sha256.optional() })),
		async (c) => {
			const deps = c.var.deps;
			const body = c.req.valid('json');
			const result = await deps.database.db.transaction((tx) =>
				recordUtilityReading(tx, readingContext(deps), {
					serial: c.req.valid('param').serial,
					kwh: body.kwh,
					takenAt: body.takenAt ? new Date(body.takenAt) : deps.clock(),
					photoSha256: body.photoSha256 ?? null,
					by: c.var.user
				})
			);
			return c.json(result, 201);
		}
	)
	.post(
		'/:serial/reading-links',
		requireUser,
		requireRole('supervisor'),
		zv('param', serialParam),
		zv('json', z.object({ readingDate: z.iso.date('Ngày ghi chỉ số: YYYY-MM-DD') })),
		async (c) => {
			const deps = c.var.deps;
			await deps.database.db.transaction((tx) => sendReadingLink(tx, readingContext(deps), { serial: c.req.valid('param').serial, readingDate: c.req.valid('json').readingDate, unitId: unitScopeOf(c.var.user) }));
			// the link itself goes only to the customer
			return c.json({ ok: true }, 201);
		}
	);

/** The customer's reading-day page (no account: the link token is the credential). */
export const selfReadingRoutes = new Hono<AppEnv>()
	.get('/:token', zv('param', tokenParam), async (c) => {
		c.header('Cache-Control', 'no-store');
		return c.json(await selfReadingView(c.var.deps.database.db, readingContext(c.var.deps), c.req.valid('param').token));
	})
	.put(
		'/:token/photo/:sha256',
		zv('param', tokenParam.extend({ sha256 })),
		(c, next) => bodyLimit({ maxSize: c.var.deps.blobMaxBytes, onError: () => { throw tooLarge(c.var.deps.blobMaxBytes); } })(c, next),
		async (c) => {
			const deps = c.var.deps;
			const { token, sha256: hash } = c.req.valid('param');
			await selfReadingView(deps.database.db, readingContext(deps), token); // a live link is the only credential
			const stored = await storeBlob(deps.database.db, deps, { blobDir: deps.blobDir, maxBytes: deps.blobMaxBytes }, null, hash, new Uint8Array(await c.req.arrayBuffer()));
			return c.json({ sha256: stored.sha256, size: stored.size, mime: stored.mime }, stored.created ? 201 : 200);
		}
	)
	// the customer doubts the meter itself: a meter check request (service 41) for the meter of this link
	.post('/:token/meter-check', zv('param', tokenParam), async (c) => {
		const deps = c.var.deps;
		const result = await deps.database.db.transaction((tx) => customerAsksMeterCheck(tx, readingContext(deps), c.req.valid('param').token));
		return c.json(result, result.created ? 201 : 200);
	})
	.post('/:token', zv('param', tokenParam), zv('json', z.object({ kwh, photoSha256: sha256 })), async (c) => {
		const deps = c.var.deps;
		const result = await deps.database.db.transaction((tx) => submitSelfReading(tx, readingContext(deps), c.req.valid('param').token, c.req.valid('json')));
		return c.json({ ok: true, ...result }, 201);
	});
