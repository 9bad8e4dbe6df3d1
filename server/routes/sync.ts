import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { pullQuery, pullResponse } from '../../src/lib/domain/api';
import { commandEnvelope, pushRequest, pushResponse } from '../../src/lib/domain/commands';
import { registry } from '../../src/lib/domain/field-commands';
import { requireRole, requireUser } from '../auth/middleware';
import { pullForCrew } from '../services/pull';
import { pushCommands } from '../services/push';
import { bearer, errors, json, jsonBody, routes } from './contract';

const crewOnly = [requireUser, requireRole('crew')];

/**
 * Every field command as the tablet sends it: the envelope with its name and the payload schema of its registry
 * entry. Documentation only: the push reads just what identifies each command (pushRequest) and checks the rest
 * command by command, so one malformed command is rejected in its place instead of failing the batch.
 */
const documentedCommand = z.union(
	Object.entries(registry).map(([name, def]) => commandEnvelope.extend({ name: z.literal(name), payload: def.payload }).meta({ title: name }))
);
const pushBodyDocumented = pushRequest.extend({
	commands: pushRequest.shape.commands.meta({ items: z.toJSONSchema(documentedCommand, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) })
});

const pull = createRoute({
	method: 'get',
	path: '/pull',
	summary:
		"One page of the crew's jobs changed since the cursor, open or closed within SYNC_RETENTION_DAYS; `more` says another page follows (pull again at once with `cursor`); the last page of a pass lists the jobs to remove and to drop (docs/sync-protocol.md)",
	security: bearer,
	middleware: crewOnly,
	request: { query: pullQuery },
	responses: { 200: json(pullResponse), ...errors(400, 401, 403) }
});

const push = createRoute({
	method: 'post',
	path: '/push',
	summary: 'Apply field commands exactly once, in device seq order (docs/sync-protocol.md); a malformed command is rejected (invalid_data) in its place, only an envelope whose commands cannot be identified is a 400, a body over 16 MiB a 413',
	security: bearer,
	middleware: crewOnly,
	request: { body: jsonBody(pushBodyDocumented) },
	responses: { 200: json(pushResponse), ...errors(400, 401, 403, 413) }
});

export const syncRoutes = routes()
	.openapi(pull, async (c) => {
		const deps = c.var.deps;
		const query = c.req.valid('query');
		const user = c.var.user;
		// requireRole('crew') guarantees a crew id (a database CHECK enforces it too)
		const result = await pullForCrew(
			deps.database.db,
			{ crewId: user.crewId!, userId: user.id, cursor: query.cursor, limit: query.limit === undefined ? undefined : Number(query.limit), deviceId: query.deviceId, retentionDays: deps.syncRetentionDays },
			deps.clock()
		);
		return c.json(result, 200);
	})
	.openapi(push, async (c) => c.json(await pushCommands(c.var.deps.database.db, c.var.deps, c.var.user, c.req.valid('json')), 200));
