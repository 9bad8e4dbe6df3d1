// The meter register and its readings (seeds 003–004): who read what and when, with the photo as evidence,
// and the links customers use to send their own reading on the reading day.
export const sql = /* sql */ `
CREATE TABLE meters (
	serial text PRIMARY KEY,
	customer_id text NOT NULL REFERENCES customers(id),
	unit_id text NOT NULL REFERENCES units(id),
	phases integer NOT NULL CHECK (phases IN (1, 3)),
	type text NOT NULL CHECK (type IN ('mechanical', 'electronic')),
	register_digits integer NOT NULL CHECK (register_digits BETWEEN 4 AND 9),
	installed_at timestamptz NOT NULL,
	removed_at timestamptz
);
CREATE INDEX meters_customer_idx ON meters(customer_id);

CREATE TABLE meter_readings (
	id text PRIMARY KEY,
	meter_serial text NOT NULL REFERENCES meters(serial),
	kwh double precision NOT NULL CHECK (kwh >= 0),
	taken_at timestamptz NOT NULL,
	source text NOT NULL CHECK (source IN ('utility', 'crew', 'customer')),
	photo_sha256 text,
	abnormal boolean NOT NULL DEFAULT false,
	recorded_by text REFERENCES users(id),
	recorded_at timestamptz NOT NULL
);
CREATE INDEX meter_readings_meter_idx ON meter_readings(meter_serial, taken_at);

CREATE TABLE reading_links (
	token_hash text PRIMARY KEY,
	meter_serial text NOT NULL REFERENCES meters(serial),
	reading_date date NOT NULL,
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL,
	used_at timestamptz
);
`;
