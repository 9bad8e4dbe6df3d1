// How long the device journal keeps decided commands (journal.ts); a module of its own so the staff frame's notice
// reads it without loading the journal.
/** How long a decided command stays in the journal (counted from when it left the outbox). */
export const JOURNAL_RETENTION_DAYS = 7;
