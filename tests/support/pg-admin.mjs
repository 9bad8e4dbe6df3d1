// One statement on the PostgreSQL server of `adminUrl` over a connection of its own (CREATE/DROP DATABASE cannot run
// in a transaction or a pooled session), for the test harness: the API tests' template and the e2e servers' databases.
// Plain JavaScript: tests/e2e/serve.mjs runs under node without tsx.
import pg from 'pg';

/** @param {string} adminUrl @param {string} sql */
export async function adminQuery(adminUrl, sql) {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}
