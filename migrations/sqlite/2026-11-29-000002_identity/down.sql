DROP TABLE api_clients;
DROP TABLE refresh_tokens;
DROP TABLE session_families;
DROP TABLE account_roles;
DROP TABLE accounts;
DROP TABLE members;
