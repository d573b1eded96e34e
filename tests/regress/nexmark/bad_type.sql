-- A column of the wrong type is an error naming the column, the table and the
-- type the nexmark DDL gives it.
CREATE SOURCE person (id BIGINT, `dateTime` VARCHAR)
WITH (connector = 'nexmark', 'nexmark.table' = 'person', events = '10');
SELECT * FROM person;
