import * as m0001 from './0001_init';
import * as m0002 from './0002_field_sync';
import * as m0003 from './0003_payment_contract';
import * as m0004 from './0004_signing';
import * as m0005 from './0005_board';
import * as m0006 from './0006_command_id_reuse';
import * as m0007 from './0007_installation';
import * as m0008 from './0008_board_search';
import * as m0009 from './0009_meters';
import * as m0010 from './0010_request_documents';
import * as m0011 from './0011_meter_checks';
import * as m0012 from './0012_blob_access';
import * as m0013 from './0013_rate_limits';

/** Every migration in order; the name is what schema_migrations records. */
export const MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
	{ name: '0001_init', sql: m0001.sql },
	{ name: '0002_field_sync', sql: m0002.sql },
	{ name: '0003_payment_contract', sql: m0003.sql },
	{ name: '0004_signing', sql: m0004.sql },
	{ name: '0005_board', sql: m0005.sql },
	{ name: '0006_command_id_reuse', sql: m0006.sql },
	{ name: '0007_installation', sql: m0007.sql },
	{ name: '0008_board_search', sql: m0008.sql },
	{ name: '0009_meters', sql: m0009.sql },
	{ name: '0010_request_documents', sql: m0010.sql },
	{ name: '0011_meter_checks', sql: m0011.sql },
	{ name: '0012_blob_access', sql: m0012.sql },
	{ name: '0013_rate_limits', sql: m0013.sql }
];
