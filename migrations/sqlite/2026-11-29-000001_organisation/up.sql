-- The organisation tree. `path` is the chain of ids from the root ("/1/7/42/"), so a staff
-- member's scope is every unit whose path starts with their unit's path.
CREATE TABLE org_units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id BIGINT REFERENCES org_units (id),
    kind TEXT NOT NULL CHECK (kind IN ('province', 'city_office', 'county_point', 'grassroots_union')),
    name TEXT NOT NULL,
    credit_code TEXT UNIQUE,
    path TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX org_units_parent_id ON org_units (parent_id);
CREATE INDEX org_units_path ON org_units (path);
