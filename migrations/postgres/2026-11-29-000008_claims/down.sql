DROP TABLE policy_usage;
DROP TABLE claim_events;
DROP TABLE claim_invoices;
DROP TABLE claim_documents;
DROP TABLE claims;
