import { Hono } from 'hono';
import { pullQuery } from '../../src/lib/domain/api';
import { pushRequest } from '../../src/lib/domain/commands';
import type { AppEnv } from '../context';
import { requireRole, requireUser } from '../auth/middleware';
import { zv } from '../http';
import { pullForCrew } from '../services/pull';
import { pushCommands } from '../services/push';

export const syncRoutes = new Hono<AppEnv>()
	.get('/pull', requireUser, requireRole('crew'), zv('query', pullQuery), async (c) => {
		const deps = c.var.deps;
		const query = c.req.valid('query');
		const user = c.var.user;
		// requireRole('crew') guarantees a crew id (a database CHECK enforces it too)
		const result = await pullForCrew(
			deps.database.db,
			{ crewId: user.crewId!, userId: user.id, cursor: Number(query.cursor ?? 0), deviceId: query.deviceId },
			deps.clock()
		);
		return c.json(result);
	})
	.post('/push', requireUser, requireRole('crew'), zv('json', pushRequest), async (c) => {
		const deps = c.var.deps;
		const result = await pushCommands(deps.database.db, deps, c.var.user, c.req.valid('json'));
		return c.json(result);
	});
