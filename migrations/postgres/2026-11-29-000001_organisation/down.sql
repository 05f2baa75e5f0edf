DROP TABLE org_units;
