-- The plan catalogue: a plan (by code) has versions; each version carries all its terms as
-- typed data (JSON text) and moves draft → approved → active → retired.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    version INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'active', 'retired')),
    terms TEXT NOT NULL,
    created_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    approved_by BIGINT REFERENCES accounts (id),
    approved_at TIMESTAMP,
    activated_at TIMESTAMP,
    retired_at TIMESTAMP,
    UNIQUE (plan_id, version)
);

-- A member's cover under one plan version for one period. Premiums are integer fen.
CREATE TABLE policies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id BIGINT NOT NULL REFERENCES members (id),
    plan_version_id BIGINT NOT NULL REFERENCES plan_versions (id),
    plan_code TEXT NOT NULL,
    shares INTEGER NOT NULL CHECK (shares > 0),
    premium_fen BIGINT NOT NULL CHECK (premium_fen >= 0),
    status TEXT NOT NULL CHECK (status IN ('pending_payment', 'active', 'terminated')),
    -- Set when the contribution is paid: the covered days are start_date .. end_date inclusive.
    start_date DATE,
    end_date DATE,
    waiting_period_end DATE,
    -- Cover ends early from this day (e.g. after a critical-illness consolation payment).
    terminated_from DATE,
    created_at TIMESTAMP NOT NULL,
    paid_at TIMESTAMP,
    CHECK ((status = 'terminated') = (terminated_from IS NOT NULL))
);
CREATE INDEX policies_member_id ON policies (member_id);
CREATE INDEX policies_plan_code ON policies (plan_code, member_id);
