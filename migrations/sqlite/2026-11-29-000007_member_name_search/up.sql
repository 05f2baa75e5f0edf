-- Names are searched by substring (LIKE '%…%'), which no B-tree index serves; the index only
-- slowed every registration down.
DROP INDEX members_name;
