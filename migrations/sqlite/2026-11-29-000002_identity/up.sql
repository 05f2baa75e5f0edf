-- Members as far as identity needs them; the ID number is kept only as a keyed hash (for
-- look-ups) and in masked form.
CREATE TABLE members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_unit_id BIGINT NOT NULL REFERENCES org_units (id),
    name TEXT NOT NULL,
    id_number_hash TEXT NOT NULL UNIQUE,
    id_number_masked TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX members_org_unit_id ON members (org_unit_id);

-- Staff and member log-ins, with the failed-login state that drives the lockout.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('staff', 'member')),
    username TEXT UNIQUE,
    member_id BIGINT UNIQUE REFERENCES members (id),
    display_name TEXT NOT NULL,
    org_unit_id BIGINT NOT NULL REFERENCES org_units (id),
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    failed_login_count INTEGER NOT NULL DEFAULT 0,
    failure_window_started_at TIMESTAMP,
    locked_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((kind = 'staff' AND username IS NOT NULL AND member_id IS NULL)
        OR (kind = 'member' AND member_id IS NOT NULL AND username IS NULL))
);
CREATE INDEX accounts_org_unit_id ON accounts (org_unit_id);

CREATE TABLE account_roles (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (account_id, role)
);

-- A login starts a session family; each refresh rotates its refresh token. Presenting a spent
-- token again revokes the whole family.
CREATE TABLE session_families (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoked_reason TEXT
);
CREATE INDEX session_families_account_id ON session_families (account_id);

CREATE TABLE refresh_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    family_id BIGINT NOT NULL REFERENCES session_families (id),
    token_hash TEXT NOT NULL UNIQUE,
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family_id ON refresh_tokens (family_id);

-- Integrators' client credentials; the secret is kept only as a hash.
CREATE TABLE api_clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    scopes TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
