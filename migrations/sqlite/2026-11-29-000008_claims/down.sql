DROP TABLE policy_usage;
DROP TABLE claim_events;
DROP TABLE claims;
