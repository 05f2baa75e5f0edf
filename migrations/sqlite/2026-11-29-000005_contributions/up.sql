-- Contributions (缴费) received for a policy, in integer fen. A payment reference is unique per
-- channel, so the same bank transfer cannot be recorded twice.
CREATE TABLE contributions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id BIGINT NOT NULL REFERENCES policies (id),
    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
    channel TEXT NOT NULL CHECK (channel IN ('bank_transfer', 'union_dues', 'online', 'cash')),
    reference TEXT NOT NULL,
    paid_on DATE NOT NULL,
    recorded_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (channel, reference)
);
CREATE INDEX contributions_policy_id ON contributions (policy_id);
