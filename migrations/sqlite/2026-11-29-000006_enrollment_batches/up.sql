-- A grassroots union's roster, committed: one batch of policies for one plan version. The
-- file's SHA-256 makes a repeated commit of the same file return the same batch.
CREATE TABLE enrollment_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_unit_id BIGINT NOT NULL REFERENCES org_units (id),
    plan_version_id BIGINT NOT NULL REFERENCES plan_versions (id),
    plan_code TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    member_count INTEGER NOT NULL,
    premium_fen BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending_payment', 'paid')),
    created_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    paid_at TIMESTAMP,
    UNIQUE (org_unit_id, plan_version_id, file_sha256)
);
-- (No foreign key: SQLite cannot drop a column that has one.)
ALTER TABLE policies ADD COLUMN batch_id BIGINT;
CREATE INDEX policies_batch_id ON policies (batch_id);

-- One payment for a whole batch (the union pays for its roster at once).
CREATE TABLE batch_contributions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id BIGINT NOT NULL UNIQUE REFERENCES enrollment_batches (id),
    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
    channel TEXT NOT NULL CHECK (channel IN ('bank_transfer', 'union_dues', 'online', 'cash')),
    reference TEXT NOT NULL,
    paid_on DATE NOT NULL,
    recorded_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (channel, reference)
);
