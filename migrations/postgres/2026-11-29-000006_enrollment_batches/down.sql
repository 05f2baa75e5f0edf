DROP TABLE batch_contributions;
DROP INDEX policies_batch_id;
ALTER TABLE policies DROP COLUMN batch_id;
DROP TABLE enrollment_batches;
