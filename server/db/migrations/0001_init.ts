// Initial schema. Migrations are append-only: never edit a shipped one, add the next file instead.
export const sql = /* sql */ `
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
`;
