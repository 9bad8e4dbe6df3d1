// Documents a supervisor attaches at intake (photos or PDF), stored as blobs.
export const sql = /* sql */ `
CREATE TABLE request_documents (
	request_id text NOT NULL REFERENCES requests(id),
	sha256 text NOT NULL REFERENCES blobs(sha256),
	attached_by text REFERENCES users(id),
	attached_at timestamptz NOT NULL,
	-- order the supervisor attached them in; one intake shares one attached_at
	position integer NOT NULL DEFAULT 0,
	PRIMARY KEY (request_id, sha256)
);
`;
