// Board search by code, customer name or phone without scanning: one lower-cased text per request, trigram-indexed.
export const sql = /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE requests ADD COLUMN search_text text NOT NULL DEFAULT '';
UPDATE requests r SET search_text = lower(r.code || ' ' || c.full_name || ' ' || c.phone) FROM customers c WHERE c.id = r.customer_id;
CREATE INDEX requests_search_idx ON requests USING gin (search_text gin_trgm_ops);
`;
