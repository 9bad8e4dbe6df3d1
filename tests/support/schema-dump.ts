// The shape of a database as PostgreSQL itself reports it (columns, constraints, indexes, sequences, enums,
// triggers, functions): two databases with equal dumps have the same schema, whatever SQL built them.
import type { RawQuery } from '../../server/db/database';

export interface SchemaDump {
	columns: string[];
	constraints: string[];
	indexes: string[];
	sequences: string[];
	enums: string[];
	triggers: string[];
	functions: string[];
	extensions: string[];
}

const lines = async (query: RawQuery, sql: string) => (await query(sql, [])).rows.map((r) => Object.values(r).map(String).join(' | ')).sort();

/** `except`: tables left out (the runner's own bookkeeping). */
export async function dumpSchema(query: RawQuery, except: string[] = ['schema_migrations']): Promise<SchemaDump> {
	const skip = `(${except.map((t) => `'${t}'`).join(', ') || "''"})`;
	return {
		columns: await lines(
			query,
			`SELECT table_name, ordinal_position, column_name, data_type, udt_name, is_nullable, coalesce(column_default, '')
			 FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN ${skip}`
		),
		constraints: await lines(
			query,
			`SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
			 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
			 WHERE n.nspname = 'public' AND c.conrelid <> 0 AND c.conrelid::regclass::text NOT IN ${skip}`
		),
		indexes: await lines(query, `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ${skip}`),
		sequences: await lines(
			query,
			`SELECT sequencename, data_type, start_value, increment_by, max_value, cache_size FROM pg_sequences WHERE schemaname = 'public'`
		),
		enums: await lines(
			query,
			`SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
			 FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
			 WHERE n.nspname = 'public' GROUP BY t.typname`
		),
		triggers: await lines(query, `SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal`),
		functions: await lines(
			query,
			`SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			 WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`
		),
		extensions: await lines(query, `SELECT extname FROM pg_extension`)
	};
}
