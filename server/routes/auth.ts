import { Hono } from 'hono';
import { loginBody } from '../../src/lib/domain/api';
import type { AppEnv } from '../context';
import { zv } from '../http';
import { requireUser } from '../auth/middleware';
import { login, logout } from '../services/auth';
import { withLoginThrottle } from '../limits';

export const authRoutes = new Hono<AppEnv>()
	.post('/login', zv('json', loginBody), async (c) => {
		const deps = c.var.deps;
		const body = c.req.valid('json');
		return withLoginThrottle(c, body.username, async () => c.json(await login(deps.database.db, body, deps.clock(), deps.tokenTtlMs)));
	})
	.get('/me', requireUser, (c) => c.json({ user: c.var.user }))
	.post('/logout', requireUser, async (c) => {
		await logout(c.var.deps.database.db, c.var.token);
		return c.json({ ok: true });
	});
