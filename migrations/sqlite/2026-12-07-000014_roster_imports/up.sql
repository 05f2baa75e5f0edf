-- The roster batch that registered a member; none for members registered one by one.
ALTER TABLE members ADD COLUMN roster_batch_id BIGINT;
CREATE INDEX members_roster_batch_id ON members (roster_batch_id);

-- A roster written in parts (on SQLite, so that no part holds the write lock for long): while
-- its row is here, its batch is out of sight, and if the import fails or the server stops
-- midway, what it wrote is removed. `policies_before` is the newest policy when the roster was
-- checked: a policy after it for one of the roster's members means the register changed meanwhile.
CREATE TABLE roster_imports (
    batch_id BIGINT PRIMARY KEY REFERENCES enrollment_batches (id),
    started_at TIMESTAMP NOT NULL,
    policies_before BIGINT NOT NULL
);
