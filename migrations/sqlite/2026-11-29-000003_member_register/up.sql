-- The member register: category, encrypted sensitive fields (ID number, mobile, bank card)
-- with their masked forms, consent to process health data, and the history of units.
ALTER TABLE members ADD COLUMN category TEXT NOT NULL DEFAULT 'in_service'
    CHECK (category IN ('in_service', 'registered_hardship', 'model_worker', 'gig_worker', 'special_group'));
ALTER TABLE members ADD COLUMN id_number_enc TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN mobile_enc TEXT;
ALTER TABLE members ADD COLUMN mobile_masked TEXT;
ALTER TABLE members ADD COLUMN bank_card_enc TEXT;
ALTER TABLE members ADD COLUMN bank_card_last4 TEXT;
-- Set when staff accepted a card number that fails the Luhn check: who accepted it. (No
-- foreign key here: SQLite cannot drop a column that has one.)
ALTER TABLE members ADD COLUMN bank_card_luhn_override_by BIGINT;
ALTER TABLE members ADD COLUMN health_consent_at TIMESTAMP;
ALTER TABLE members ADD COLUMN updated_at TIMESTAMP;
CREATE INDEX members_name ON members (name);

CREATE TABLE member_units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id BIGINT NOT NULL REFERENCES members (id),
    org_unit_id BIGINT NOT NULL REFERENCES org_units (id),
    joined_at TIMESTAMP NOT NULL,
    left_at TIMESTAMP
);
CREATE INDEX member_units_member_id ON member_units (member_id);

-- Who saw which unmasked fields of whom, when, and why (PIPL).
CREATE TABLE sensitive_access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    fields TEXT NOT NULL,
    purpose TEXT NOT NULL,
    accessed_at TIMESTAMP NOT NULL
);
CREATE INDEX sensitive_access_log_member_id ON sensitive_access_log (member_id);
