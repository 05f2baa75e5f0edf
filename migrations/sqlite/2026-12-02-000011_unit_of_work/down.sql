DROP TABLE leases;
DROP TABLE outbox;
DROP TABLE access_log;
