// The supervisors' board: request numbers for intake, indexes for its filters and deadline sort
// (it must stay fast with 100,000 requests), and crews' last known positions for the map.
export const sql = /* sql */ `
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
`;
