// The schema's one truth is server/db/schema.ts; drizzle-kit generates the migrations from it. These tests hold
// that together: a database the earlier hand-written runner built (0001–0013) upgrades with nothing lost and ends
// with the same schema as a fresh one, and schema.ts, the snapshots and the migrated database do not drift apart.
import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { PGLITE_EXTENSIONS, wrapPglite, wrapPostgres, type Database } from '../../server/db/database';
import { readMigrations, runMigrations } from '../../server/db/migrate';
import * as schemaModule from '../../server/db/schema';
import { runMigrations as runLegacyMigrations } from '../fixtures/legacy-migrations/runner';
import { DRIVERS, type Driver } from '../support/db';
import { dumpSchema, type SchemaDump } from '../support/schema-dump';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

/** An empty database, not migrated. */
async function emptyDatabase(driver: Driver): Promise<Database> {
	if (driver === 'pglite') {
		const database = wrapPglite(await PGlite.create({ extensions: PGLITE_EXTENSIONS }));
		cleanups.push(() => database.close());
		return database;
	}
	const adminUrl = process.env.DATABASE_URL!;
	const name = `ht_migrate_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const database = wrapPostgres(new pg.Pool({ connectionString: url.toString(), max: 2 }));
	cleanups.push(async () => {
		await database.close();
		const again = new pg.Client({ connectionString: adminUrl });
		await again.connect();
		await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await again.end();
	});
	return database;
}

const TABLES_WITH_ROWS = ['units', 'crews', 'users', 'customers', 'meters', 'requests', 'jobs', 'audit_log', 'signing_codes', 'meter_readings', 'reading_links'];

/** The columns each table of the fixture has now. */
async function columnsOf(database: Database): Promise<Record<string, string[]>> {
	return database.withConnection(async (query) => {
		const out: Record<string, string[]> = {};
		for (const table of TABLES_WITH_ROWS) {
			const { rows } = await query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [table]);
			out[table] = rows.map((r) => String(r.column_name));
		}
		return out;
	});
}

/**
 * Every row of the tables the fixture fills, as text, in a stable order; with `columns`, only those columns (what the
 * rows held before an upgrade, which may add columns of its own).
 */
async function rowsOf(database: Database, columns?: Record<string, string[]>): Promise<Record<string, string[]>> {
	return database.withConnection(async (query) => {
		const out: Record<string, string[]> = {};
		for (const table of TABLES_WITH_ROWS) {
			const picked = columns ? columns[table]!.map((c) => `"${c}"`).join(', ') : '*';
			const { rows } = await query(`SELECT to_jsonb(t)::text AS row FROM (SELECT ${picked} FROM ${table}) t ORDER BY 1`, []);
			out[table] = rows.map((r) => String(r.row));
		}
		return out;
	});
}

/** A day's worth of data written the way the old schema took it (state as text, a signing code, a reading link). */
const FIXTURE = `
INSERT INTO units (id, name, address) VALUES ('u1', 'Điện lực Ba Đình', '1 Phố Huế');
INSERT INTO crews (id, unit_id, name) VALUES ('c1', 'u1', 'Tổ 1');
INSERT INTO users (id, username, password_hash, full_name, role, unit_id, crew_id, created_at)
	VALUES ('us1', 'to1', 'x', 'Nguyễn Văn A', 'crew', 'u1', 'c1', '2026-11-20T01:00:00Z'),
	       ('us2', 'gs', 'y', 'Trần Thị B', 'supervisor', 'u1', NULL, '2026-11-20T01:00:00Z');
INSERT INTO customers (id, full_name, phone, email, address) VALUES ('k1', 'Lê Văn C', '0912345678', NULL, '2 Kim Mã');
INSERT INTO meters (serial, customer_id, unit_id, phases, type, register_digits, installed_at)
	VALUES ('M1', 'k1', 'u1', 1, 'electronic', 6, '2020-01-01T00:00:00Z');
INSERT INTO requests (id, code, service_number, customer_id, unit_id, address, state, version, received_at, deadline, updated_at, change_seq, search_text, meter_serial)
	VALUES ('r1', 'YC-1000', 1, 'k1', 'u1', '2 Kim Mã', 'survey_scheduled', 2, '2026-11-20T02:00:00Z', '2026-11-25T10:00:00Z', '2026-11-20T03:00:00Z', nextval('change_seq'), 'yc-1000 lê văn c 0912345678', NULL),
	       ('r2', 'YC-1001', 41, 'k1', 'u1', '2 Kim Mã', 'cancelled', 3, '2026-11-21T02:00:00Z', NULL, '2026-11-21T03:00:00Z', nextval('change_seq'), 'yc-1001', 'M1');
INSERT INTO jobs (id, request_id, crew_id, kind, status, scheduled_at, updated_at, change_seq)
	VALUES ('j1', 'r1', 'c1', 'survey', 'assigned', '2026-11-22T01:00:00Z', '2026-11-20T03:00:00Z', nextval('change_seq'));
INSERT INTO audit_log (request_id, at, actor_user_id, actor_role, transition, from_state, to_state, version, detail)
	VALUES ('r1', '2026-11-20T02:00:00Z', 'us2', 'supervisor', 'create', NULL, 'submitted', 1, NULL),
	       ('r1', '2026-11-20T03:00:00Z', 'us2', 'supervisor', 'scheduleSurvey', 'submitted', 'survey_scheduled', 2, '{"jobId": "j1"}');
INSERT INTO signing_codes (id, request_id, subject_id, purpose, code_hash, expires_at, status, created_at)
	VALUES ('s1', 'r2', 'j1', 'meter_check', 'abc', '2026-11-30T00:00:00Z', 'active', '2026-11-21T03:00:00Z');
INSERT INTO meter_readings (id, meter_serial, kwh, taken_at, source, recorded_at) VALUES ('mr1', 'M1', 1234.5, '2026-11-01T02:00:00Z', 'utility', '2026-11-01T02:00:00Z');
INSERT INTO reading_links (token_hash, meter_serial, reading_date, created_at, expires_at) VALUES ('t1', 'M1', '2026-11-15', '2026-11-15T01:00:00Z', '2026-11-16T01:00:00Z');
`;

const schemaOf = (database: Database, except?: string[]) => database.withConnection((query) => dumpSchema(query, except));
const sequencePositions = (database: Database) =>
	database.withConnection(async (query) => (await query(`SELECT last_value::text AS v FROM change_seq`, [])).rows[0]!.v);

describe.each(DRIVERS)('migrations on %s', (driver) => {
	it('upgrades a database the old runner left at 0013 with nothing lost, to the schema a fresh one gets', async () => {
		const old = await emptyDatabase(driver);
		const legacy = await runLegacyMigrations(old);
		// the old runner's thirteen migrations, cut from the baseline at their markers, in order
		expect(legacy.map((name) => name.slice(0, 4))).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1).padStart(4, '0')));
		expect(legacy.at(-1)).toBe('0013_rate_limits');
		await old.withConnection((query) => query(FIXTURE));
		const before = await rowsOf(old);
		const columnsBefore = await columnsOf(old);
		const seqBefore = await sequencePositions(old);

		const ran = await runMigrations(old);
		expect(ran).toEqual(readMigrations().map((m) => m.name).filter((name) => name !== '0000_baseline'));
		// every value the rows held is still there (later migrations add columns, e.g. users.disabled_at)
		expect(await rowsOf(old, columnsBefore)).toEqual(before);
		expect(await sequencePositions(old)).toBe(seqBefore);
		expect(await runMigrations(old)).toEqual([]);

		const fresh = await emptyDatabase(driver);
		expect(await runMigrations(fresh)).toEqual(readMigrations().map((m) => m.name));
		const upgraded = await schemaOf(old);
		expect(upgraded).toEqual(await schemaOf(fresh));
		// the request's state is the workflow's enum now, and refuses a state the workflow does not know
		expect(upgraded.columns).toContain('requests | 9 | state | USER-DEFINED | request_state | NO | ');
		const refused = await old.withConnection((query) => query(`UPDATE requests SET state = 'lost' WHERE id = 'r1'`).then(() => 'accepted', (err: Error) => err.message));
		expect(refused).toMatch(/request_state/);
	}, 180_000);

	it('refuses a database the old runner left half-way, instead of guessing', async () => {
		const old = await emptyDatabase(driver);
		await old.withConnection(async (query) => {
			await query('CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
			await query(`INSERT INTO schema_migrations (name) VALUES ('0001_init'), ('0002_field_sync')`);
		});
		await expect(runMigrations(old)).rejects.toThrow(/0013_rate_limits/);
	}, 60_000);
});

/** schema.ts's exports drizzle-kit reads (tables, enums, sequences). */
const declared = () => Object.fromEntries(Object.entries(schemaModule).filter(([name]) => name !== 'schema'));

describe('schema.ts and the migrations', () => {
	it('have no change left to generate: the last snapshot is schema.ts (run `npx drizzle-kit generate` after editing it)', async () => {
		const dir = path.resolve('server/db/migrations/meta');
		const journal = JSON.parse(fs.readFileSync(path.join(dir, '_journal.json'), 'utf8')) as { entries: Array<{ idx: number }> };
		const last = Math.max(...journal.entries.map((e) => e.idx));
		const snapshot = JSON.parse(fs.readFileSync(path.join(dir, `${String(last).padStart(4, '0')}_snapshot.json`), 'utf8'));
		expect(await generateMigration(snapshot, generateDrizzleJson(declared()))).toEqual([]);
	});

	it('build the database schema.ts describes: what drizzle-kit renders from it equals the migrated database', async () => {
		const migrated = await emptyDatabase('pglite');
		await runMigrations(migrated);
		const rendered = await emptyDatabase('pglite');
		const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(declared()));
		await rendered.withConnection(async (query) => {
			await query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
			for (const statement of statements) await query(statement);
		});
		// what drizzle-kit cannot declare (the audit log's trigger and function) lives only in the SQL; NOT NULL
		// is compared on the columns (PostgreSQL 18 also names it as a constraint, after a column's first name)
		const comparable = (dump: SchemaDump) => ({
			...dump,
			constraints: dump.constraints.filter((c) => !/^\S+ \| \S+ \| n \|/.test(c)),
			triggers: [],
			functions: []
		});
		expect(comparable(await schemaOf(rendered))).toEqual(comparable(await schemaOf(migrated)));
	}, 120_000);
});
