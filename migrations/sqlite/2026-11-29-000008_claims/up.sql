-- Claims (互助金申请) against one policy: the facts as filed (JSON), where the claim stands, the
-- engine's adjudication (JSON, one line per rule) and the amount approved, in fen.
CREATE TABLE claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id BIGINT NOT NULL REFERENCES members (id),
    policy_id BIGINT NOT NULL REFERENCES policies (id),
    -- The member's union when the claim was filed: decides which offices see it.
    org_unit_id BIGINT NOT NULL REFERENCES org_units (id),
    kind TEXT NOT NULL CHECK (kind IN ('inpatient', 'critical_illness', 'accident')),
    facts TEXT NOT NULL,
    event_date DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'branch_reviewed', 'first_approved', 'approved', 'rejected', 'withdrawn', 'paid')),
    channel TEXT NOT NULL CHECK (channel IN ('member', 'staff', 'settlement')),
    adjudication TEXT,
    approved_fen BIGINT CHECK (approved_fen >= 0),
    rejection_code TEXT,
    rejection_text TEXT,
    appealed BOOLEAN NOT NULL DEFAULT FALSE,
    -- A medical-insurance settlement feeds one claim per policy it is paid under.
    settlement_number TEXT,
    -- Maker-checker: who submitted, reviewed and approved (twice above the threshold).
    filed_by BIGINT REFERENCES accounts (id),
    reviewed_by BIGINT REFERENCES accounts (id),
    first_approved_by BIGINT REFERENCES accounts (id),
    approved_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (settlement_number, policy_id)
);
CREATE INDEX claims_policy_id ON claims (policy_id);
CREATE INDEX claims_member_id ON claims (member_id);
CREATE INDEX claims_status ON claims (status, org_unit_id);

-- Invoice numbers are claimed once across all claims.
CREATE TABLE claim_invoices (
    invoice_number TEXT PRIMARY KEY,
    claim_id BIGINT NOT NULL REFERENCES claims (id)
);

-- Documents of a claim: the file lives under the documents directory, named by its SHA-256.
CREATE TABLE claim_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id BIGINT NOT NULL REFERENCES claims (id),
    kind TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    file_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES accounts (id),
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX claim_documents_claim_id ON claim_documents (claim_id);

-- Every step of a claim: who moved it, when, from where to where, and why.
CREATE TABLE claim_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id BIGINT NOT NULL REFERENCES claims (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts (id),
    comment TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX claim_events_claim_id ON claim_events (claim_id);

-- What each policy has used of its benefits (the engine's usage, JSON). `version` grows with
-- every approval: an approval writes only over the version it read, so two approvals can never
-- both spend one remaining cap.
CREATE TABLE policy_usage (
    policy_id BIGINT PRIMARY KEY REFERENCES policies (id),
    usage TEXT NOT NULL,
    version BIGINT NOT NULL
);
