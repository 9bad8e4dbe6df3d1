// Payment (step 6), the service contract and its versions (step 7), signing codes (steps 9–11),
// and the server's own secrets (kept in the database so every API process shares them).
export const sql = /* sql */ `
ALTER TABLE units ADD COLUMN address text NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN representative text NOT NULL DEFAULT 'Giám đốc';

CREATE TABLE server_secrets (
	name text PRIMARY KEY,
	value text NOT NULL,
	created_at timestamptz NOT NULL
);

CREATE TABLE payments (
	id text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	method text NOT NULL CHECK (method IN ('online', 'counter')),
	provider text NOT NULL,
	provider_txn_id text NOT NULL,
	amount bigint NOT NULL CHECK (amount >= 0),
	received_at timestamptz NOT NULL,
	recorded_by text REFERENCES users(id),
	UNIQUE (provider, provider_txn_id)
);
CREATE INDEX payments_request_idx ON payments(request_id);

-- Every webhook call that was refused, for the utility's reconciliation.
CREATE TABLE payment_refusals (
	id text PRIMARY KEY,
	received_at timestamptz NOT NULL,
	code text NOT NULL,
	detail text NOT NULL,
	body text NOT NULL
);

CREATE TABLE contracts (
	id text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	version integer NOT NULL,
	body text NOT NULL,
	sha256 text NOT NULL,
	drafted_at timestamptz NOT NULL,
	correction_note text,
	UNIQUE (request_id, version)
);

CREATE TABLE signing_codes (
	id text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	contract_id text NOT NULL REFERENCES contracts(id),
	purpose text NOT NULL CHECK (purpose IN ('on_site', 'portal')),
	code_hash text NOT NULL,
	expires_at timestamptz NOT NULL,
	attempts integer NOT NULL DEFAULT 0,
	status text NOT NULL CHECK (status IN ('active', 'used', 'locked', 'superseded')),
	created_at timestamptz NOT NULL,
	used_at timestamptz
);
CREATE INDEX signing_codes_contract_idx ON signing_codes(contract_id, status);
`;
