-- Governance (DOMAIN §6): bodies serve in terms; seats are held by accounts (staff, or members
-- sitting in the member congress) with a position.
CREATE TABLE gov_terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL CHECK (body IN ('member_congress', 'council', 'standing_council', 'executive_committee', 'supervisory_board')),
    -- 第 N 届
    number INTEGER NOT NULL CHECK (number > 0),
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    extended BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (body, number),
    CHECK (ends_on > starts_on)
);

CREATE TABLE gov_seats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    term_id BIGINT NOT NULL REFERENCES gov_terms (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    position TEXT NOT NULL CHECK (position IN ('chair', 'vice_chair', 'secretary', 'member')),
    -- The election that gave the seat, when it came from one.
    elected_by_motion BIGINT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (term_id, account_id)
);
CREATE INDEX gov_seats_account_id ON gov_seats (account_id);

CREATE TABLE gov_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    term_id BIGINT NOT NULL REFERENCES gov_terms (id),
    title TEXT NOT NULL,
    location TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    -- The day written notice went out.
    notice_given_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'closed')),
    minutes TEXT,
    created_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX gov_meetings_starts_at ON gov_meetings (starts_at);

CREATE TABLE gov_attendance (
    meeting_id BIGINT NOT NULL REFERENCES gov_meetings (id),
    seat_id BIGINT NOT NULL REFERENCES gov_seats (id),
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meeting_id, seat_id)
);

-- A motion on a meeting's agenda. Its counters hold the ballots; for a secret ballot they are
-- the only record of how anyone voted.
CREATE TABLE gov_motions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES gov_meetings (id),
    kind TEXT NOT NULL CHECK (kind IN ('approve_plan_version', 'approve_budget', 'approve_annual_report', 'amend_articles', 'elect', 'general')),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    plan_version_id BIGINT REFERENCES plan_versions (id),
    budget_year INTEGER,
    -- Basis points of contributions: 1000 = 10 %.
    reserve_bp INTEGER CHECK (reserve_bp BETWEEN 0 AND 10000),
    expense_cap_bp INTEGER CHECK (expense_cap_bp BETWEEN 0 AND 10000),
    articles_text TEXT,
    elect_to TEXT CHECK (elect_to IN ('member_congress', 'council', 'standing_council', 'executive_committee', 'supervisory_board')),
    candidate_account_id BIGINT REFERENCES accounts (id),
    candidate_position TEXT CHECK (candidate_position IN ('chair', 'vice_chair', 'secretary', 'member')),
    secret BOOLEAN NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'passed', 'not_passed')),
    yes_count INTEGER NOT NULL DEFAULT 0,
    no_count INTEGER NOT NULL DEFAULT 0,
    abstain_count INTEGER NOT NULL DEFAULT 0,
    members_count INTEGER,
    present_count INTEGER,
    explanation_en TEXT,
    explanation_zh TEXT,
    created_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    closed_by BIGINT REFERENCES accounts (id),
    closed_at TIMESTAMP,
    CHECK ((kind = 'approve_plan_version') = (plan_version_id IS NOT NULL)),
    CHECK ((kind = 'approve_budget') = (budget_year IS NOT NULL AND reserve_bp IS NOT NULL AND expense_cap_bp IS NOT NULL)),
    CHECK ((kind = 'amend_articles') = (articles_text IS NOT NULL)),
    CHECK ((kind = 'elect') = (elect_to IS NOT NULL AND candidate_account_id IS NOT NULL AND candidate_position IS NOT NULL))
);
CREATE INDEX gov_motions_meeting_id ON gov_motions (meeting_id);
CREATE INDEX gov_motions_plan_version_id ON gov_motions (plan_version_id);

CREATE TABLE gov_scrutineers (
    motion_id BIGINT NOT NULL REFERENCES gov_motions (id),
    seat_id BIGINT NOT NULL REFERENCES gov_seats (id),
    PRIMARY KEY (motion_id, seat_id)
);

-- One ballot per seat and motion; `choice` is empty for a secret ballot.
CREATE TABLE gov_votes (
    motion_id BIGINT NOT NULL REFERENCES gov_motions (id),
    seat_id BIGINT NOT NULL REFERENCES gov_seats (id),
    choice TEXT CHECK (choice IN ('yes', 'no', 'abstain')),
    PRIMARY KEY (motion_id, seat_id)
);

-- The articles of association (章程), each version adopted by a resolution.
CREATE TABLE gov_articles (
    version INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    motion_id BIGINT REFERENCES gov_motions (id),
    adopted_at TIMESTAMP NOT NULL
);

-- The annual budget as adopted: the risk-reserve share and the cap on management expenses.
CREATE TABLE gov_budgets (
    year INTEGER PRIMARY KEY,
    reserve_bp INTEGER NOT NULL,
    expense_cap_bp INTEGER NOT NULL,
    motion_id BIGINT NOT NULL REFERENCES gov_motions (id),
    adopted_at TIMESTAMP NOT NULL
);

-- The supervisory board's inspections, and the council's answers.
CREATE TABLE inspections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    scope TEXT NOT NULL,
    findings TEXT NOT NULL,
    request TEXT NOT NULL,
    respond_by DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
    opened_by BIGINT NOT NULL REFERENCES accounts (id),
    opened_at TIMESTAMP NOT NULL,
    closed_by BIGINT REFERENCES accounts (id),
    closed_at TIMESTAMP,
    conclusion TEXT
);

CREATE TABLE inspection_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    inspection_id BIGINT NOT NULL REFERENCES inspections (id),
    text TEXT NOT NULL,
    responded_by BIGINT NOT NULL REFERENCES accounts (id),
    responded_at TIMESTAMP NOT NULL
);
CREATE INDEX inspection_responses_inspection_id ON inspection_responses (inspection_id);

-- The audit trail: append-only and hash-chained. The head row anchors the last entry, so that
-- removing entries from the end is found too.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY CHECK (seq > 0),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Nothing the application runs can rewrite or remove an entry, and the head only moves forward
-- one entry at a time.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
WHEN NEW.seq <> OLD.seq + 1 OR NEW.id <> OLD.id
BEGIN
    SELECT RAISE(ABORT, 'the audit head moves forward one entry at a time');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'the audit head cannot be removed');
END;
