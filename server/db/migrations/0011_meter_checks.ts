// Meter checks (services 41 and 42, seed 003): the request names its meter, the crew's result with the customer's
// acknowledgement, and one-time codes that confirm either a contract signature or a meter check result.
export const sql = /* sql */ `
ALTER TABLE requests ADD COLUMN meter_serial text REFERENCES meters(serial);

-- a code now confirms a subject: a contract version (on_site, portal) or a meter check job (meter_check)
ALTER TABLE signing_codes DROP CONSTRAINT signing_codes_contract_id_fkey;
ALTER TABLE signing_codes RENAME COLUMN contract_id TO subject_id;
ALTER TABLE signing_codes DROP CONSTRAINT signing_codes_purpose_check;
ALTER TABLE signing_codes ADD CONSTRAINT signing_codes_purpose_check CHECK (purpose IN ('on_site', 'portal', 'meter_check'));

CREATE TABLE meter_checks (
	id text PRIMARY KEY,
	request_id text NOT NULL UNIQUE REFERENCES requests(id),
	job_id text NOT NULL REFERENCES jobs(id),
	meter_serial text NOT NULL REFERENCES meters(serial),
	reading_kwh double precision NOT NULL,
	result text NOT NULL,
	error_percent double precision,
	seal_intact boolean NOT NULL,
	action text NOT NULL CHECK (action IN ('none', 'adjusted', 'replaced')),
	new_meter_serial text REFERENCES meters(serial),
	abnormal boolean NOT NULL,
	abnormal_confirmed boolean NOT NULL,
	-- the whole record as the crew sent it (photos, notes, GPS) and the customer's acknowledgement
	record jsonb NOT NULL,
	signer_name text NOT NULL,
	signature_png text NOT NULL,
	signature_strokes jsonb NOT NULL,
	crew_id text NOT NULL REFERENCES crews(id),
	device_time timestamptz NOT NULL,
	recorded_at timestamptz NOT NULL
);
`;
