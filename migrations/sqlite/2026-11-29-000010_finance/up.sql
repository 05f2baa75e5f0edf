-- Funds and finance (DOMAIN §5): a double-entry journal per fund (plan × year), written in the
-- transaction of the business change that caused it; append-only, corrected by reversals.
-- Closed periods (months) take no more entries.
CREATE TABLE ledger_periods (
    period TEXT PRIMARY KEY,
    closed_by BIGINT REFERENCES accounts (id),
    closed_at TIMESTAMP NOT NULL
);

CREATE TABLE journal_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- `ZY-2026`
    fund TEXT NOT NULL,
    entry_date DATE NOT NULL,
    -- `YYYY-MM` of entry_date
    period TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('premium_due', 'contribution_received', 'earned', 'claim_approved', 'payment_confirmed', 'expense_paid', 'reversal')),
    memo TEXT NOT NULL,
    -- What caused it: `policy:12`, `batch:3`, `claim:7`, `payment:5`, `expense:2`.
    reference TEXT,
    reverses BIGINT UNIQUE REFERENCES journal_entries (id),
    created_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX journal_entries_fund_date ON journal_entries (fund, entry_date);
CREATE INDEX journal_entries_reference ON journal_entries (reference);

CREATE TABLE postings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id BIGINT NOT NULL REFERENCES journal_entries (id),
    fund TEXT NOT NULL,
    entry_date DATE NOT NULL,
    account TEXT NOT NULL CHECK (account IN ('bank', 'contributions_receivable', 'unearned_contributions', 'earned_contributions', 'risk_reserve', 'management_expenses', 'benefits_payable', 'benefits_paid')),
    -- Debit positive, credit negative.
    fen BIGINT NOT NULL CHECK (fen <> 0)
);
CREATE INDEX postings_entry_id ON postings (entry_id);
-- Covers the sums per fund and account up to a day.
CREATE INDEX postings_fund_account_date ON postings (fund, account, entry_date, fen);
CREATE INDEX postings_date ON postings (entry_date);

-- Each fund's accounts as they stand now, kept with every posting: the check that no posting
-- leaves a reserve, a payable or unearned contributions negative reads one row.
CREATE TABLE ledger_balances (
    fund TEXT NOT NULL,
    account TEXT NOT NULL,
    fen BIGINT NOT NULL,
    PRIMARY KEY (fund, account)
);

-- Payment batches: finance groups approved claims, a second person approves, the bank file goes
-- out, the bank's result comes back.
CREATE TABLE payment_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'settled')),
    item_count INTEGER NOT NULL,
    total_fen BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    approved_by BIGINT REFERENCES accounts (id),
    approved_at TIMESTAMP,
    CHECK (approved_by IS NULL OR approved_by <> created_by)
);

-- One payment of one claim. At most one payment of a claim is pending or paid at any time; a
-- failed one leaves the claim payable for a later batch.
CREATE TABLE payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id BIGINT NOT NULL REFERENCES claims (id),
    batch_id BIGINT REFERENCES payment_batches (id),
    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
    -- The reference the bank echoes back: `HZP` and the payment's number.
    reference TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
    failure_reason TEXT,
    bank_reference TEXT,
    created_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    settled_at TIMESTAMP
);
CREATE UNIQUE INDEX payments_one_live_per_claim ON payments (claim_id) WHERE status <> 'failed';
CREATE INDEX payments_batch_id ON payments (batch_id);

-- Bank result files imported, by content: importing the same file again changes nothing.
CREATE TABLE bank_results (
    sha256 TEXT PRIMARY KEY,
    batch_id BIGINT NOT NULL REFERENCES payment_batches (id),
    paid INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    imported_by BIGINT REFERENCES accounts (id),
    imported_at TIMESTAMP NOT NULL
);

-- Management expenses: entered by finance, paid once a second person approves.
CREATE TABLE expenses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    fund TEXT NOT NULL,
    description TEXT NOT NULL,
    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved')),
    entered_by BIGINT NOT NULL REFERENCES accounts (id),
    entered_at TIMESTAMP NOT NULL,
    approved_by BIGINT REFERENCES accounts (id),
    approved_at TIMESTAMP,
    CHECK (approved_by IS NULL OR approved_by <> entered_by)
);

-- Answers kept for requests that move money, by the caller's Idempotency-Key: the same key and
-- body get the same answer again; the same key with another body is refused.
CREATE TABLE idempotency_keys (
    caller TEXT NOT NULL,
    key TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (caller, key)
);

-- The journal is append-only: a correction is a reversal.
CREATE TRIGGER journal_entries_append_only_update BEFORE UPDATE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only; post a reversal');
END;
CREATE TRIGGER journal_entries_append_only_delete BEFORE DELETE ON journal_entries
BEGIN
    SELECT RAISE(ABORT, 'journal entries are append-only; post a reversal');
END;
CREATE TRIGGER postings_append_only_update BEFORE UPDATE ON postings
BEGIN
    SELECT RAISE(ABORT, 'postings are append-only; post a reversal');
END;
CREATE TRIGGER postings_append_only_delete BEFORE DELETE ON postings
BEGIN
    SELECT RAISE(ABORT, 'postings are append-only; post a reversal');
END;
