DROP TABLE policies;
DROP TABLE plan_versions;
DROP TABLE plans;
