// insertRowsStatement (server/db/bulk-insert.ts) writes a batch's rows as one array per column: what it stores must be what
// drizzle's own multi-row insert stores, value for value, for every kind of column a push writes (text with quotes,
// braces, backslashes and Vietnamese, numbers, booleans, JSON, instants, nulls, defaults), in the rows' order.
// writeTogether (server/db/write-together.ts) sends a push's statements as one: every one lands, or none.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, doublePrecision, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { DRIVERS } from '../support/db';
import { createTestContext, type TestContext } from '../support/factories';
import { insertRowsStatement } from '../../server/db/bulk-insert';
import { writeTogether } from '../../server/db/write-together';
import type { Db } from '../../server/db/database';
import type { PgTable } from 'drizzle-orm/pg-core';

/** The rows inserted as a push sends them: their statement alone (writeTogether sends a lone statement as it is). */
const insertRows = <T extends PgTable>(db: Db, table: T, rows: readonly T['$inferInsert'][]) => writeTogether(db, [insertRowsStatement(db, table, rows)]);

const made = (name: string) =>
	pgTable(name, {
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		batch: text('batch').notNull(),
		label: text('label').notNull(),
		note: text('note'),
		status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
		count: integer('count').notNull().default(0),
		total: bigint('total', { mode: 'number' }),
		kwh: doublePrecision('kwh'),
		done: boolean('done').notNull().default(false),
		payload: jsonb('payload').$type<unknown>().notNull(),
		fields: jsonb('fields').$type<Record<string, string>>(),
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
		generated: text('generated').$defaultFn(() => 'từ máy chủ'),
		tags: text('tags').array()
	});

const CREATE = (name: string) => `CREATE TABLE ${name} (
	id bigserial PRIMARY KEY, batch text NOT NULL, label text NOT NULL, note text, status text NOT NULL, count integer NOT NULL DEFAULT 0,
	total bigint, kwh double precision, done boolean NOT NULL DEFAULT false, payload jsonb NOT NULL, fields jsonb, at timestamptz NOT NULL,
	generated text, tags text[])`;

const hostile = [
	'Nguyễn Văn Khách, "Số 1" Tràng Tiền',
	'{a,b} \\ backslash \\\\ two',
	'NULL',
	'',
	'emoji 🔌 and tab\tand newline\nend',
	"it's (quoted) [x]"
];

type Row = ReturnType<typeof made>['$inferInsert'];
const rowsOf = (batch: string): Row[] =>
	hostile.map((label, i) => ({
		batch,
		label,
		note: i % 2 === 0 ? null : label,
		status: i % 3 === 0 ? 'rejected' : 'applied',
		count: i * 7,
		total: 9_007_199_254_740_000 + i,
		kwh: i === 2 ? null : 12_345.6 + i / 3,
		done: i % 2 === 1,
		payload: { label, nested: { list: [1, 'hai', null, { ba: true }], quote: '"', slash: '\\', text: hostile[(i + 1) % hostile.length] }, i },
		fields: i === 0 ? null : { [label || 'trống']: `lý do ${i}` },
		at: new Date(Date.UTC(2026, 11, 4, 1, 2, 3, i * 111)),
		...(i === 4 ? { generated: 'của dòng' } : {})
	}));

describe.each(DRIVERS)('insertRowsStatement on %s', (driver) => {
	const open: TestContext[] = [];
	afterEach(async () => {
		for (const t of open.splice(0)) await t.close();
	});

	/** The database, counting which of its builders a call used: unnest is one `execute`, drizzle's insert an `insert`. */
	function spied(t: TestContext) {
		const calls = { execute: 0, insert: 0 };
		const db = new Proxy(t.database.db, {
			get(target, prop, receiver) {
				if (prop === 'execute' || prop === 'insert') calls[prop]++;
				const value = Reflect.get(target, prop, receiver);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
		return { db, calls };
	}

	async function withTable(name: string) {
		const t = await createTestContext(driver);
		open.push(t);
		await t.database.db.execute(sql.raw(CREATE(name)));
		const table = made(name);
		const read = async (batch: string) =>
			(await t.database.db.select().from(table).where(sql`${table.batch} = ${batch}`).orderBy(table.id)).map(({ id: _id, batch: _batch, ...rest }) => rest);
		return { t, table, read };
	}

	it('stores every value as drizzle\'s multi-row insert stores it, in the rows\' order, defaults and generated values included', async () => {
		const { t, table, read } = await withTable('bulk_scratch');
		const { db, calls } = spied(t);
		await insertRows(db, table, rowsOf('bulk'));
		// one statement, one array per column
		expect(calls).toEqual({ execute: 1, insert: 0 });
		await t.database.db.insert(table).values(rowsOf('drizzle'));
		const bulk = await read('bulk');
		expect(bulk).toEqual(await read('drizzle'));
		expect(bulk.map((r) => r.label)).toEqual(hostile);
		expect(bulk[1]!.payload).toEqual(rowsOf('x')[1]!.payload);
		expect(bulk.map((r) => r.generated)).toEqual(['từ máy chủ', 'từ máy chủ', 'từ máy chủ', 'từ máy chủ', 'của dòng', 'từ máy chủ']);
	});

	it("leaves a column no row gives to the database's default, and falls back to drizzle's insert for an array column", async () => {
		const { t, table, read } = await withTable('bulk_defaults');
		const bare = rowsOf('bare').map(({ count: _c, done: _d, ...rest }) => rest);
		await insertRows(t.database.db, table, bare);
		expect((await read('bare')).map((r) => [r.count, r.done])).toEqual(hostile.map(() => [0, false]));
		const tagged = rowsOf('tagged').map((r, i) => ({ ...r, tags: [`thẻ ${i}`, '{"x"}'] }));
		const { db, calls } = spied(t);
		await insertRows(db, table, tagged);
		// drizzle's insert builds the statement, sent as any other (so it can go with a batch's others)
		expect(calls).toEqual({ execute: 1, insert: 1 });
		expect((await read('tagged')).map((r) => r.tags)).toEqual(hostile.map((_, i) => [`thẻ ${i}`, '{"x"}']));
	});

	it('writes nothing for no rows', async () => {
		const { t, table, read } = await withTable('bulk_empty');
		await insertRows(t.database.db, table, []);
		expect(await read('bulk')).toEqual([]);
	});

	it('writes several tables in one statement, each in its rows\' order, or nothing of any when one fails', async () => {
		const first = await withTable('together_first');
		const t = first.t;
		await t.database.db.execute(sql.raw(CREATE('together_second')));
		const second = made('together_second');
		const readSecond = async (batch: string) => (await t.database.db.select().from(second).where(sql`${second.batch} = ${batch}`).orderBy(second.id)).map((r) => r.label);
		const { db, calls } = spied(t);
		await writeTogether(db, [insertRowsStatement(db, first.table, rowsOf('cùng')), undefined, insertRowsStatement(db, second, rowsOf('cùng').reverse())]);
		expect(calls.execute).toBe(1);
		expect((await first.read('cùng')).map((r) => r.label)).toEqual(hostile);
		expect(await readSecond('cùng')).toEqual([...hostile].reverse());

		// the second statement breaks a NOT NULL: the first one's rows are not kept either
		const broken = sql`INSERT INTO together_second (batch, label, status, payload, at) VALUES ('hỏng', NULL, 'applied', '{}', now())`;
		await expect(writeTogether(t.database.db, [insertRowsStatement(t.database.db, first.table, rowsOf('hỏng')), broken])).rejects.toThrow();
		expect(await first.read('hỏng')).toEqual([]);
		expect(await readSecond('hỏng')).toEqual([]);
	});

	it('sends nothing when no statement has rows', async () => {
		const { t } = await withTable('together_empty');
		const { db, calls } = spied(t);
		await writeTogether(db, [undefined, insertRowsStatement(db, made('together_empty'), [])]);
		expect(calls.execute).toBe(0);
	});
});
