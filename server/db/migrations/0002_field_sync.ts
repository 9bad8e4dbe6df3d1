// Field commands and their effects: devices with their last applied seq, the command log (the stored
// result of every command), surveys, estimates, photo blobs, and the customer notifications outbox.
export const sql = /* sql */ `
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
`;
