// Who may read a photo is decided by what refers to it (services/access.ts): a request's documents and the readings
// of a meter are looked up by the photo's hash on every photo a console or a tablet opens.
export const sql = /* sql */ `
CREATE INDEX request_documents_sha256_idx ON request_documents(sha256);
CREATE INDEX meter_readings_photo_idx ON meter_readings(photo_sha256) WHERE photo_sha256 IS NOT NULL;
`;
