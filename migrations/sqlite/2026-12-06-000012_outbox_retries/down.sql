DROP INDEX outbox_waiting;
ALTER TABLE outbox DROP COLUMN abandoned_at;
ALTER TABLE outbox DROP COLUMN next_attempt_at;
CREATE INDEX outbox_waiting ON outbox (id) WHERE delivered_at IS NULL;
