-- A column the nexmark table does not have is an error naming it and the table
-- (when the query opens the source).
CREATE SOURCE bid (auction BIGINT, bidderr BIGINT)
WITH (connector = 'nexmark', 'nexmark.table' = 'bid', events = '10');
SELECT * FROM bid;
