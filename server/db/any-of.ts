// `column IN (…)` for a list as long as a push batch's (hundreds of ids): drizzle's inArray binds each value as a
// parameter of its own and, per value, checks its kind and typing while building the query (~60 ms of CPU for a
// batch of 500 commands here), and the server parses and plans every one; `= ANY($1)` binds the list as one array.
import { sql, type Column, type SQL } from 'drizzle-orm';

/** The column's value is one of these (none: false), the list bound as one array parameter of the column's type. */
export function anyOf(column: Column, values: readonly (string | number)[]): SQL {
	return sql`${column} = ANY(${sql.param([...values])}::${sql.raw(column.getSQLType())}[])`;
}
