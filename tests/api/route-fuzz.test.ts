// Every route of the API, driven with generated hostile input (fast-check) as anonymous, crew and supervisor:
// never a 5xx, and a refused request (4xx) changes nothing in the database. The routes come from the OpenAPI
// document; a route the app serves that the document does not list fails the first test, so none ships unfuzzed.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../server/app';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { awaitingRemoteSignature, crewWithSurveyJob, readingLinkFor, uploadPhoto } from '../support/field';

interface FuzzRoute {
	method: string;
	/** OpenAPI template: /api/requests/{id} */
	template: string;
	params: string[];
	query: string[];
	/** Field names of the body schema, nested ones too: hostile values go where the route looks. */
	fields: string[];
}

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

function fieldNamesOf(schema: JsonSchema | undefined, depth = 0): string[] {
	if (!schema || depth > 3) return [];
	const nested = [schema.items, ...(schema.anyOf ?? [])].flatMap((s) => fieldNamesOf(s, depth + 1));
	const own = Object.entries(schema.properties ?? {}).flatMap(([name, child]) => [name, ...fieldNamesOf(child, depth + 1)]);
	return [...new Set([...own, ...nested])];
}

function documentedRoutes(): FuzzRoute[] {
	const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
	return Object.entries(doc.paths).flatMap(([template, methods]) =>
		Object.entries(methods).map(([method, op]) => ({
			method: method.toUpperCase(),
			template,
			params: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
			query: (op.parameters ?? []).map((p) => p.name),
			fields: fieldNamesOf(op.requestBody?.content['application/json']?.schema)
		}))
	);
}

const ROUTES = documentedRoutes();
const ROLES = ['anonymous', 'crew', 'supervisor'] as const;
type Role = (typeof ROLES)[number];

/** Path segments as a client can put them on the wire (already percent-encoded). */
const HOSTILE_SEGMENTS = ['abc%00def', '%00', '%ED%A0%80', '%E0%A4%A', '%F0%9F%98', 'x%C0%AF', '%2E%2E%2F%2E%2E', '1e309', '-1', '0', 'NaN', `${'a'.repeat(3000)}`, '%F0%9F%8C%B3', 'null', '%20'];
/** Query values likewise: absurd numbers, nonsense, NUL, half an emoji. */
const HOSTILE_QUERY = ['1e10', '-1', 'NaN', 'Infinity', '99999999999999999999', '', '%00', 'a%00b', '%ED%A0%80', '%F0%9F', 'null', '[]', '{}', `${'9'.repeat(400)}`, 'true', 'overdue,%00'];
const CUT_EMOJI = '🌳'.slice(0, 1);

const poisonString = fc.constantFrom('a\u0000b', '\u0000', CUT_EMOJI, `ghi chú ${CUT_EMOJI}`, '\uDC00x', 'x\u0000'.repeat(50));
const junkScalar = fc.oneof(
	fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 1e-320, '', ' ', 'null', '2026-13-45T99:99:99Z', 'a'.repeat(70_000).slice(0, 5000)),
	fc.string({ maxLength: 20 }),
	fc.double(),
	fc.integer()
);
const junkValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, junkScalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }))
})).value;

function nested(depth: number, leaf: unknown): unknown {
	let value = leaf;
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
	return value;
}

/** A body that is hostile through and through, or shaped like the route's own with bad values in its fields. */
function bodyFor(route: FuzzRoute): fc.Arbitrary<{ raw: string } | { json: unknown }> {
	const shaped = route.fields.length
		? fc.dictionary(fc.constantFrom(...route.fields), fc.oneof(junkValue, poisonString), { minKeys: 1, maxKeys: route.fields.length })
		: fc.dictionary(fc.string({ maxLength: 6 }), junkValue, { maxKeys: 3 });
	return fc.oneof(
		shaped.map((json) => ({ json })),
		fc.tuple(shaped, fc.constantFrom(...(route.fields.length ? route.fields : ['x'])), poisonString).map(([json, field, poison]) => ({ json: { ...(json as object), [field]: poison } })),
		junkValue.map((json) => ({ json })),
		fc.constantFrom(null, [], [[]], 42, 'chuỗi', true).map((json) => ({ json })),
		fc.integer({ min: 40, max: 5000 }).map((depth) => ({ raw: JSON.stringify(nested(1, 'x')).replace('"x"', `${'['.repeat(depth)}1${']'.repeat(depth)}`) })),
		fc.constantFrom('{"a":', '{"a":1}}', 'NaN', '\u0000', '{"\\ud800": 1}', '["\\u0000"]', "{'a': 1}", '{"a": 1e999}', ' ').map((raw) => ({ raw }))
	);
}

interface Fixture {
	tokens: Record<Role, string | undefined>;
	ids: Record<string, string[]>;
}

async function makeFixture(t: TestContext): Promise<Fixture> {
	const crew = await crewWithSurveyJob(t, 'to-fuzz');
	await t.makeUser({ username: 'giam-sat-fuzz', role: 'supervisor', unitId: crew.crew.unitId });
	const photo = await uploadPhoto(t, crew.token, 'fuzz');
	const portal = await awaitingRemoteSignature(t, { crewId: crew.crew.id, submittedBy: crew.user.id, unitId: crew.crew.unitId });
	const meter = await t.makeMeter({ unitId: crew.crew.unitId }, [{ kwh: 1200, at: new Date('2026-10-23T02:00:00Z') }]);
	const readingToken = await readingLinkFor(t, meter.serial);
	return {
		tokens: { anonymous: undefined, crew: crew.token, supervisor: await t.login('giam-sat-fuzz') },
		ids: {
			id: [crew.job.requestId, crew.job.jobId, portal.request.id],
			token: [portal.portalToken, readingToken],
			serial: [meter.serial],
			sha256: [photo],
			number: ['1', '79'],
			// a public holiday of the administration's list (DELETE /api/admin/holidays/{date})
			date: ['2027-01-01']
		}
	};
}

/** Row counts of every table but the ones that record refusals by design, and what the requests and jobs are. */
/** The tables a snapshot counts, read once per database (the schema does not change while the fuzz runs). */
const countedTables = new WeakMap<TestContext, Promise<string[]>>();

async function snapshot(t: TestContext): Promise<string> {
	return t.database.withConnection(async (query) => {
		let tables = countedTables.get(t);
		if (!tables) {
			tables = query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('rate_limits', 'payment_refusals') ORDER BY table_name`).then((result) =>
				result.rows.map((r) => String(r.table_name))
			);
			countedTables.set(t, tables);
		}
		// one round trip: every table's row count, and the requests' and jobs' states
		const [row] = (
			await query(
				`SELECT ${(await tables).map((name) => `(SELECT count(*) FROM "${name}")::int AS "${name}"`).join(', ')},
					(SELECT coalesce(string_agg(id || ':' || state || ':' || version, ',' ORDER BY id), '') FROM requests) AS "requests'",
					(SELECT coalesce(string_agg(id || ':' || crew_id || ':' || status, ',' ORDER BY id), '') FROM jobs) AS "jobs'"`
			)
		).rows;
		return JSON.stringify(row);
	});
}

function pathOf(route: FuzzRoute, segments: Record<string, string>): string {
	return route.template.replace(/\{(\w+)\}/g, (_, name: string) => segments[name]!);
}

describe.each(DRIVERS)('every route under hostile input on %s', (driver) => {
	let t: TestContext;
	let fixture: Fixture;
	beforeAll(async () => {
		t = await createTestContext(driver);
		fixture = await makeFixture(t);
	}, 120_000);
	afterAll(() => t?.close());

	/** Sends one request as `role`; a live event stream is cancelled once its status is known. */
	async function send(role: Role, method: string, path: string, body?: { raw: string } | { json: unknown }) {
		const headers: Record<string, string> = {};
		const token = fixture.tokens[role];
		if (token) headers.authorization = `Bearer ${token}`;
		if (body) headers['content-type'] = 'application/json';
		const res = await t.app.request(path, { method, headers, body: body ? ('raw' in body ? body.raw : JSON.stringify(body.json)) : undefined });
		if (res.headers.get('content-type')?.includes('text/event-stream')) await res.body?.cancel();
		else await res.arrayBuffer();
		if (res.ok && role !== 'anonymous' && method === 'POST' && path === '/api/auth/logout') {
			fixture.tokens[role] = await t.login(role === 'crew' ? 'to-fuzz' : 'giam-sat-fuzz');
		}
		return res;
	}

	/** The property for one request: no 5xx; a refusal leaves the database as it was. */
	async function check(role: Role, method: string, path: string, body?: { raw: string } | { json: unknown }) {
		const before = await snapshot(t);
		const res = await send(role, method, path, body);
		const label = `${role} ${method} ${path.slice(0, 200)} ${body ? JSON.stringify(body).slice(0, 200) : ''}`;
		expect(res.status, label).toBeLessThan(500);
		if (res.status >= 400) expect(await snapshot(t), `a refused request changed the database: ${label}`).toBe(before);
		return res.status;
	}

	it('fuzzes every route the app serves: the OpenAPI document lists them all', () => {
		const documented = new Set(ROUTES.map((r) => `${r.method} ${r.template.replace(/\{(\w+)\}/g, ':$1')}`));
		const served = [...new Set(t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`))];
		expect(served.filter((route) => !documented.has(route))).toEqual([]);
		expect(served.length).toBeGreaterThan(40);
	});

	it('answers a NUL in a path id, a query parameter or a JSON field with 400 on every route, for every role', async () => {
		for (const route of ROUTES) {
			for (const role of ROLES) {
				const real = Object.fromEntries(route.params.map((p) => [p, encodeURIComponent(fixture.ids[p]![0]!)]));
				const where = `${role} ${route.method} ${route.template}`;
				if (route.params.length) expect(await check(role, route.method, pathOf(route, Object.fromEntries(route.params.map((p) => [p, 'abc%00def'])))), where).toBe(400);
				expect(await check(role, route.method, `${pathOf(route, real)}?${route.query[0] ?? 'q'}=a%00b`), where).toBe(400);
				if (route.method === 'POST' || route.method === 'PUT') {
					const poisoned = await check(role, route.method, pathOf(route, real), { json: Object.fromEntries((route.fields.length ? route.fields : ['x']).map((f) => [f, 'a\u0000b'])) });
					// photo uploads take bytes, not JSON; a push's commands are refused one by one (hostile-input.test.ts)
					const takesJson = route.method === 'POST' && route.template !== '/api/sync/push';
					if (takesJson) expect(poisoned, where).toBe(400);
					await check(role, route.method, pathOf(route, real), { json: null });
				}
			}
		}
	}, 120_000);

	it('never answers 5xx to generated hostile input, and a refusal changes nothing', async () => {
		const request = fc
			.record({ route: fc.constantFrom(...ROUTES), role: fc.constantFrom(...ROLES) })
			.chain(({ route, role }) =>
				fc.record({
					route: fc.constant(route),
					role: fc.constant(role),
					segments: fc.record(Object.fromEntries(route.params.map((p) => [p, fc.oneof(fc.constantFrom(...fixture.ids[p]!.map(encodeURIComponent)), fc.constantFrom(...HOSTILE_SEGMENTS))]))) as fc.Arbitrary<Record<string, string>>,
					query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...route.query, 'q', 'pollMs', 'access_token', 'cursor'), fc.constantFrom('%00', 'a%00', '%ED%A0%80')), fc.constantFrom(...HOSTILE_QUERY)), { maxLength: 3 }),
					body: route.method === 'POST' || route.method === 'PUT' ? fc.option(bodyFor(route), { nil: undefined }) : fc.constant(undefined)
				})
			);
		await fc.assert(
			fc.asyncProperty(request, async ({ route, role, segments, query, body }) => {
				const search = query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
				await check(role, route.method, `${pathOf(route, segments)}${search}`, body);
			}),
			{ numRuns: 1000, seed: Number(process.env.FUZZ_SEED) || undefined }
		);
	}, 120_000);
});
