-- A notice that fails is tried again later, with a growing pause, and given up after a number
-- of attempts; meanwhile only the later notices of the same member wait behind it.
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE outbox ADD COLUMN abandoned_at TIMESTAMP;
DROP INDEX outbox_waiting;
CREATE INDEX outbox_waiting ON outbox (id) WHERE delivered_at IS NULL AND abandoned_at IS NULL;
