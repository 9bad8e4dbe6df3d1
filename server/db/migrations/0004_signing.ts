// Remote signing links for customers (no account), signatures with their evidence, the utility's countersignature.
export const sql = /* sql */ `
CREATE TABLE portal_links (
	token_hash text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL
);
CREATE INDEX portal_links_request_idx ON portal_links(request_id);

CREATE TABLE signatures (
	id text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	contract_id text NOT NULL REFERENCES contracts(id),
	contract_sha256 text NOT NULL,
	party text NOT NULL CHECK (party IN ('customer', 'utility')),
	channel text NOT NULL CHECK (channel IN ('on_site', 'portal', 'console')),
	signer_name text NOT NULL,
	signer_user_id text REFERENCES users(id),
	image_png text,
	strokes jsonb,
	device_time timestamptz,
	server_time timestamptz NOT NULL,
	lat double precision,
	lng double precision,
	client_info text,
	UNIQUE (contract_id, party)
);
`;
