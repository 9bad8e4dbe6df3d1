import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { requireRole, requireUser } from '../auth/middleware';
import { listCrews } from '../db/scope';
import { unitScopeOf } from '../services/access';
import { insertPosition } from '../db/positions';
import { zv } from '../http';
import { z } from 'zod';

const positionPing = z.object({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracyM: z.number().min(0).max(100_000),
	at: z.iso.datetime({ offset: true }).optional()
});

/** The crews a supervisor can dispatch to (their unit's; all for an admin). */
export const crewRoutes = new Hono<AppEnv>()
	.get('/', requireUser, requireRole('supervisor'), async (c) => {
		const rows = await listCrews(c.var.deps.database.db, unitScopeOf(c.var.user));
		return c.json({ crews: rows.map((r) => ({ id: r.id, name: r.name, unitId: r.unitId })) });
	})
	/** The tablet's light location ping while online (its crew shows where it is on the supervisors' map). */
	.post('/me/position', requireUser, requireRole('crew'), zv('json', positionPing), async (c) => {
		const deps = c.var.deps;
		const user = c.var.user;
		const ping = c.req.valid('json');
		const now = deps.clock();
		// a tablet clock ahead of the server must not make a position look fresher than it is
		const at = ping.at && new Date(ping.at).getTime() < now.getTime() ? new Date(ping.at) : now;
		await insertPosition(deps.database.db, { crewId: user.crewId!, userId: user.id, lat: ping.lat, lng: ping.lng, accuracyM: ping.accuracyM, source: 'ping', recordedAt: at });
		return c.json({ ok: true });
	});
