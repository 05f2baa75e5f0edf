CREATE INDEX members_name ON members (name);
