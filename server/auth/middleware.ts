import { createMiddleware } from 'hono/factory';
import type { UserRole } from '../../src/lib/domain/api';
import type { AppEnv } from '../context';
import { ApiFailure } from '../http';
import { both } from '../../src/lib/text';
import { m } from '../../src/lib/paraglide/messages.js';
import { authenticate } from '../services/auth';

/** Requires a live bearer token; sets c.var.user. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
	const header = c.req.header('authorization') ?? '';
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	if (!match) throw new ApiFailure(401, 'unauthenticated', both(m.server_refusal_signInNeeded));
	const deps = c.var.deps;
	const user = await authenticate(deps.database.db, match[1]!, deps.clock());
	if (!user) throw new ApiFailure(401, 'session_expired', both(m.server_refusal_sessionExpired));
	c.set('user', user);
	c.set('token', match[1]!);
	await next();
});

/** After requireUser: only these roles pass (admin counts as supervisor). */
export function requireRole(...roles: UserRole[]) {
	return createMiddleware<AppEnv>(async (c, next) => {
		const role = c.var.user.role;
		const allowed = roles.includes(role) || (role === 'admin' && roles.includes('supervisor'));
		if (!allowed) throw new ApiFailure(403, 'forbidden', both(m.server_refusal_forbidden));
		await next();
	});
}
