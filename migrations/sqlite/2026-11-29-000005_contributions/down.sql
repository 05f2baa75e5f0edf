DROP TABLE contributions;
