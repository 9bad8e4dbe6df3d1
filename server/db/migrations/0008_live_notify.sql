-- Live updates without polling (issue 14): every statement that changes what a board, a map or a crew's job list
-- shows sends one notification on channel ht_changes, delivered at commit to each API process's single listener.
-- The payload names the table; 'sessions' tells open streams to check their session (a logout, a disabled user).
-- PostgreSQL folds identical notifications of one transaction into one, so a 500-command push notifies a handful of times.
CREATE OR REPLACE FUNCTION ht_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('ht_changes', TG_ARGV[0]);
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER requests_notify_change AFTER INSERT OR UPDATE OR DELETE ON requests FOR EACH STATEMENT EXECUTE FUNCTION ht_notify_change('requests');
--> statement-breakpoint
CREATE TRIGGER jobs_notify_change AFTER INSERT OR UPDATE OR DELETE ON jobs FOR EACH STATEMENT EXECUTE FUNCTION ht_notify_change('jobs');
--> statement-breakpoint
CREATE TRIGGER job_removals_notify_change AFTER INSERT ON job_removals FOR EACH STATEMENT EXECUTE FUNCTION ht_notify_change('jobs');
--> statement-breakpoint
CREATE TRIGGER crew_positions_notify_change AFTER INSERT ON crew_positions FOR EACH STATEMENT EXECUTE FUNCTION ht_notify_change('positions');
--> statement-breakpoint
CREATE TRIGGER sessions_notify_change AFTER DELETE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION ht_notify_change('sessions');
--> statement-breakpoint
CREATE TRIGGER users_notify_change AFTER UPDATE ON users FOR EACH STATEMENT EXECUTE FUNCTION ht_notify_change('sessions');
