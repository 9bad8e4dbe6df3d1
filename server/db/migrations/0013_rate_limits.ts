// Rate-limit counters (login attempts, portal corrections, self-reading uploads, code sends) kept in the database,
// so every API process on one PostgreSQL counts against the same budget (rate-limiter-flexible's Drizzle store).
export const sql = /* sql */ `
CREATE TABLE rate_limits (
	key text PRIMARY KEY,
	points integer NOT NULL,
	expire timestamptz
);
CREATE INDEX rate_limits_expire ON rate_limits (expire);
`;
