DROP TABLE roster_imports;
DROP INDEX members_roster_batch_id;
ALTER TABLE members DROP COLUMN roster_batch_id;
