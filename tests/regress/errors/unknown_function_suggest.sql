-- An unknown function close to a known one gets a suggestion, like unknown columns.
CREATE SOURCE t (name VARCHAR) WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT UPER(name) FROM t;
