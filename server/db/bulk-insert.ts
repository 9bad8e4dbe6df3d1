// Many rows in one INSERT … SELECT FROM unnest(…): one bound array per column instead of one parameter per value.
// Drizzle's multi-row insert builds every value as a parameter of its own, which for a push batch's command log (500
// rows of 20 columns) cost ~60 ms of CPU here, more than the database spent writing it; the arrays carry the same
// values, each mapped by its column's own mapToDriverValue, in the rows' order (WITH ORDINALITY: serial ids follow it).
import { getTableColumns, is, sql, SQL, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database';

interface ColumnPlan {
	name: string;
	sqlType: string;
	values: unknown[];
}

/** A column's value for one row as the driver takes it, or undefined when the row leaves it to the column's default. */
function driverValue(column: Column, row: Record<string, unknown>, key: string): { value: unknown } | undefined {
	const given = row[key];
	if (given === undefined) {
		const generate = column.defaultFn ?? column.onUpdateFn;
		if (generate) return driverValue(column, { [key]: generate() }, key);
		if (column.default !== undefined && !isSql(column.default)) return driverValue(column, { [key]: column.default }, key);
		return undefined;
	}
	if (given === null) return { value: null };
	return { value: column.mapToDriverValue(given) };
}

// only an object can be an SQL expression: drizzle's `is` walks the prototype chain, ~10,000 times for a batch's log
const isSql = (value: unknown) => typeof value === 'object' && value !== null && is(value, SQL);

/**
 * The columns the rows give, with their values; null when unnest cannot say the same as drizzle's insert: an array
 * column, an SQL expression as a value, or a column some rows give and others leave to a default only the database knows.
 */
function plan(table: PgTable, rows: readonly Record<string, unknown>[]): ColumnPlan[] | null {
	const out: ColumnPlan[] = [];
	for (const [key, column] of Object.entries(getTableColumns(table)) as Array<[string, Column]>) {
		const values = rows.map((row) => driverValue(column, row, key));
		const given = values.filter((v) => v !== undefined);
		if (given.length === 0) continue; // every row leaves it to the database's default
		if (given.length < values.length) return null;
		if (column.columnType === 'PgArray' || given.some((v) => isSql(v!.value))) return null;
		out.push({ name: column.name, sqlType: column.getSQLType(), values: values.map((v) => v!.value) });
	}
	return out;
}

/**
 * The rows' INSERT as one statement, bound as one array per column (none for no rows); drizzle's own insert where
 * unnest cannot say the same. Sent with the batch's others (writeTogether).
 */
export function insertRowsStatement<T extends PgTable>(db: Db, table: T, rows: readonly T['$inferInsert'][]): SQL | undefined {
	if (rows.length === 0) return undefined;
	const columns = plan(table, rows as readonly Record<string, unknown>[]);
	if (!columns || columns.length === 0) return db.insert(table).values([...rows] as never).getSQL();
	const alias = (i: number) => sql.raw(`c${i}`);
	const names = sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `);
	// one bound parameter per column holding the whole array (a bare array in sql`` would expand into a list)
	const arrays = sql.join(columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.sqlType)}[]`), sql`, `);
	const picked = sql.join(columns.map((_, i) => sql`u.${alias(i)}`), sql`, `);
	const aliases = sql.join(columns.map((_, i) => alias(i)), sql`, `);
	return sql`INSERT INTO ${table} (${names}) SELECT ${picked} FROM unnest(${arrays}) WITH ORDINALITY AS u(${aliases}, ord) ORDER BY u.ord`;
}
