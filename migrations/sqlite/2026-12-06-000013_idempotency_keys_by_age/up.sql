-- Answers kept for Idempotency-Keys are swept after a configured number of days.
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
