// A command id reused under another seq is refused, and that refusal is logged too: the log may then hold the
// id twice, once for the command and once for the refusal. Uniqueness stays for every other row.
export const sql = /* sql */ `
ALTER TABLE command_log DROP CONSTRAINT command_log_command_id_key;
CREATE UNIQUE INDEX command_log_command_id_idx ON command_log(command_id) WHERE code IS DISTINCT FROM 'duplicate_command';
`;
