// Step 8: what the crew actually installed, with the meter handover, and how it differs from the estimate.
export const sql = /* sql */ `
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
`;
