import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { loginBody, loginResponse, sessionUser } from '../../src/lib/domain/api';
import { okResponse } from '../../src/lib/api/common';
import { requireUser } from '../auth/middleware';
import { withLoginThrottle } from '../limits';
import { login, logout } from '../services/auth';
import { bearer, errors, json, jsonBody, routes } from './contract';

const loginRoute = createRoute({
	method: 'post',
	path: '/login',
	summary: 'Log in with username and password (throttled per account and per address)',
	request: { body: jsonBody(loginBody) },
	responses: { 200: json(loginResponse), ...errors(400, 401, 429) }
});

const meRoute = createRoute({
	method: 'get',
	path: '/me',
	summary: 'The signed-in user',
	security: bearer,
	middleware: [requireUser] as const,
	responses: { 200: json(z.object({ user: sessionUser })), ...errors(401) }
});

const logoutRoute = createRoute({
	method: 'post',
	path: '/logout',
	summary: 'End this session',
	security: bearer,
	middleware: [requireUser] as const,
	responses: { 200: json(okResponse), ...errors(401) }
});

export const authRoutes = routes()
	.openapi(loginRoute, async (c) => {
		const deps = c.var.deps;
		const body = c.req.valid('json');
		// a refusal of the throttle (429) is an error answer of its own
		const answer = await withLoginThrottle(c, body.username, async () => c.json(await login(deps.database.db, body, deps.clock(), deps.tokenTtlMs), 200));
		return answer as typeof answer & { _status: 200 } as never;
	})
	.openapi(meRoute, (c) => c.json({ user: c.var.user }, 200))
	.openapi(logoutRoute, async (c) => {
		await logout(c.var.deps.database.db, c.var.token);
		return c.json({ ok: true as const }, 200);
	});
