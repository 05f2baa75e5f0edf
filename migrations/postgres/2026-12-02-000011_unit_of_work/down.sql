DROP TABLE leases;
DROP TABLE outbox;
DROP TABLE access_log;
DROP FUNCTION access_log_append_only();
