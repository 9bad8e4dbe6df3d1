-- Baseline: the schema the hand-written migrations 0001–0013 built, their SQL verbatim and in order. A database
-- that ran them records this migration as applied without running it (server/db/migrate.ts). drizzle-kit's own
-- rendering of the same schema is in meta/0000_snapshot.json; tests/api/migrations.test.ts checks they agree.
-- Triggers and functions (the append-only audit log) are SQL drizzle-kit cannot express: they live only here.

-- 0001_init
CREATE SEQUENCE change_seq;

CREATE TABLE units (
	id text PRIMARY KEY,
	name text NOT NULL
);

CREATE TABLE crews (
	id text PRIMARY KEY,
	unit_id text NOT NULL REFERENCES units(id),
	name text NOT NULL
);

CREATE TABLE users (
	id text PRIMARY KEY,
	username text NOT NULL UNIQUE,
	password_hash text NOT NULL,
	full_name text NOT NULL,
	role text NOT NULL CHECK (role IN ('crew', 'supervisor', 'admin')),
	unit_id text REFERENCES units(id),
	crew_id text REFERENCES crews(id),
	phone text,
	created_at timestamptz NOT NULL,
	CHECK (role <> 'crew' OR crew_id IS NOT NULL)
);

CREATE TABLE sessions (
	token_hash text PRIMARY KEY,
	user_id text NOT NULL REFERENCES users(id),
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

CREATE TABLE customers (
	id text PRIMARY KEY,
	full_name text NOT NULL,
	phone text NOT NULL,
	email text,
	address text NOT NULL
);
CREATE INDEX customers_phone_idx ON customers(phone);

CREATE TABLE requests (
	id text PRIMARY KEY,
	code text NOT NULL UNIQUE,
	service_number integer NOT NULL CHECK (service_number BETWEEN 1 AND 79),
	customer_id text NOT NULL REFERENCES customers(id),
	unit_id text NOT NULL REFERENCES units(id),
	address text NOT NULL,
	lat double precision,
	lng double precision,
	state text NOT NULL,
	version integer NOT NULL DEFAULT 1,
	installed boolean NOT NULL DEFAULT false,
	received_at timestamptz NOT NULL,
	deadline timestamptz,
	updated_at timestamptz NOT NULL,
	change_seq bigint NOT NULL
);
CREATE INDEX requests_unit_state_idx ON requests(unit_id, state);
CREATE INDEX requests_deadline_idx ON requests(deadline);
CREATE INDEX requests_change_seq_idx ON requests(change_seq);

CREATE TABLE jobs (
	id text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	crew_id text NOT NULL REFERENCES crews(id),
	kind text NOT NULL CHECK (kind IN ('survey', 'installation', 'meter_check')),
	status text NOT NULL CHECK (status IN ('assigned', 'done', 'cancelled')),
	scheduled_at timestamptz NOT NULL,
	notes text,
	updated_at timestamptz NOT NULL,
	change_seq bigint NOT NULL
);
CREATE INDEX jobs_crew_idx ON jobs(crew_id, change_seq);
CREATE INDEX jobs_request_idx ON jobs(request_id);

-- A job a crew no longer holds (reassigned, deleted): the old crew's tablets drop it on pull.
CREATE TABLE job_removals (
	job_id text NOT NULL,
	crew_id text NOT NULL REFERENCES crews(id),
	change_seq bigint NOT NULL,
	PRIMARY KEY (job_id, crew_id, change_seq)
);
CREATE INDEX job_removals_crew_idx ON job_removals(crew_id, change_seq);

CREATE TABLE audit_log (
	id bigserial PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	at timestamptz NOT NULL,
	actor_user_id text REFERENCES users(id),
	actor_role text NOT NULL,
	transition text NOT NULL,
	from_state text,
	to_state text NOT NULL,
	version integer NOT NULL,
	device_id text,
	lat double precision,
	lng double precision,
	detail jsonb
);
CREATE INDEX audit_log_request_idx ON audit_log(request_id, id);

-- The audit log is append-only: the database itself refuses edits and deletions.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- 0002_field_sync
CREATE TABLE devices (
	id text PRIMARY KEY,
	user_id text NOT NULL REFERENCES users(id),
	last_seq bigint NOT NULL DEFAULT 0,
	first_seen_at timestamptz NOT NULL,
	last_seen_at timestamptz NOT NULL
);

CREATE TABLE command_log (
	device_id text NOT NULL REFERENCES devices(id),
	seq bigint NOT NULL,
	command_id text NOT NULL UNIQUE,
	name text NOT NULL,
	user_id text NOT NULL REFERENCES users(id),
	request_id text,
	job_id text,
	status text NOT NULL CHECK (status IN ('applied', 'rejected')),
	code text,
	reason_vi text,
	reason_en text,
	fields jsonb,
	result_state text,
	result_version integer,
	device_time timestamptz,
	received_at timestamptz NOT NULL,
	lat double precision,
	lng double precision,
	accuracy_m double precision,
	payload jsonb NOT NULL,
	PRIMARY KEY (device_id, seq)
);
CREATE INDEX command_log_request_idx ON command_log(request_id);

CREATE TABLE surveys (
	id text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	job_id text NOT NULL REFERENCES jobs(id),
	command_id text NOT NULL,
	data jsonb NOT NULL,
	submitted_by text NOT NULL REFERENCES users(id),
	submitted_at timestamptz NOT NULL
);
CREATE INDEX surveys_request_idx ON surveys(request_id);

CREATE TABLE estimates (
	id text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	job_id text NOT NULL REFERENCES jobs(id),
	command_id text NOT NULL,
	lines jsonb NOT NULL,
	vat_percent integer NOT NULL,
	utility_total bigint NOT NULL,
	customer_total bigint NOT NULL,
	total bigint NOT NULL,
	notes text NOT NULL DEFAULT '',
	submitted_by text NOT NULL REFERENCES users(id),
	submitted_at timestamptz NOT NULL
);
CREATE INDEX estimates_request_idx ON estimates(request_id);

CREATE TABLE blobs (
	sha256 text PRIMARY KEY,
	size integer NOT NULL,
	mime text NOT NULL,
	uploaded_by text REFERENCES users(id),
	created_at timestamptz NOT NULL
);

CREATE TABLE notifications (
	id text PRIMARY KEY,
	request_id text REFERENCES requests(id),
	kind text NOT NULL,
	channel text NOT NULL CHECK (channel IN ('sms', 'email')),
	recipient text NOT NULL,
	subject text,
	body text NOT NULL,
	status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
	attempts integer NOT NULL DEFAULT 0,
	next_attempt_at timestamptz NOT NULL,
	last_error text,
	created_at timestamptz NOT NULL,
	sent_at timestamptz
);
CREATE INDEX notifications_due_idx ON notifications(status, next_attempt_at);
CREATE INDEX notifications_request_idx ON notifications(request_id);

-- 0003_payment_contract
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

-- 0004_signing
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

-- 0005_board
CREATE SEQUENCE request_number_seq START 1000;
CREATE INDEX requests_unit_deadline_idx ON requests(unit_id, deadline, id);
CREATE INDEX requests_unit_state_deadline_idx ON requests(unit_id, state, deadline, id);
CREATE INDEX requests_unit_service_idx ON requests(unit_id, service_number);
CREATE INDEX jobs_request_status_idx ON jobs(request_id, status);
CREATE INDEX jobs_crew_status_idx ON jobs(crew_id, status, scheduled_at);
CREATE INDEX customers_name_idx ON customers(lower(full_name));

CREATE TABLE crew_positions (
	id bigserial PRIMARY KEY,
	crew_id text NOT NULL REFERENCES crews(id),
	user_id text REFERENCES users(id),
	lat double precision NOT NULL,
	lng double precision NOT NULL,
	accuracy_m double precision,
	source text NOT NULL CHECK (source IN ('command', 'ping')),
	recorded_at timestamptz NOT NULL
);
CREATE INDEX crew_positions_crew_idx ON crew_positions(crew_id, recorded_at DESC);

-- 0006_command_id_reuse
ALTER TABLE command_log DROP CONSTRAINT command_log_command_id_key;
CREATE UNIQUE INDEX command_log_command_id_idx ON command_log(command_id) WHERE code IS DISTINCT FROM 'duplicate_command';

-- 0007_installation
CREATE TABLE installations (
	id text PRIMARY KEY,
	request_id text NOT NULL REFERENCES requests(id),
	job_id text NOT NULL REFERENCES jobs(id),
	command_id text NOT NULL,
	data jsonb NOT NULL,
	differences jsonb NOT NULL,
	submitted_by text NOT NULL REFERENCES users(id),
	submitted_at timestamptz NOT NULL
);
CREATE INDEX installations_request_idx ON installations(request_id);

-- 0008_board_search
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE requests ADD COLUMN search_text text NOT NULL DEFAULT '';
UPDATE requests r SET search_text = lower(r.code || ' ' || c.full_name || ' ' || c.phone) FROM customers c WHERE c.id = r.customer_id;
CREATE INDEX requests_search_idx ON requests USING gin (search_text gin_trgm_ops);

-- 0009_meters
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

-- 0010_request_documents
CREATE TABLE request_documents (
	request_id text NOT NULL REFERENCES requests(id),
	sha256 text NOT NULL REFERENCES blobs(sha256),
	attached_by text REFERENCES users(id),
	attached_at timestamptz NOT NULL,
	-- order the supervisor attached them in; one intake shares one attached_at
	position integer NOT NULL DEFAULT 0,
	PRIMARY KEY (request_id, sha256)
);

-- 0011_meter_checks
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

-- 0012_blob_access
CREATE INDEX request_documents_sha256_idx ON request_documents(sha256);
CREATE INDEX meter_readings_photo_idx ON meter_readings(photo_sha256) WHERE photo_sha256 IS NOT NULL;

-- 0013_rate_limits
CREATE TABLE rate_limits (
	key text PRIMARY KEY,
	points integer NOT NULL,
	expire timestamptz
);
CREATE INDEX rate_limits_expire ON rate_limits (expire);
