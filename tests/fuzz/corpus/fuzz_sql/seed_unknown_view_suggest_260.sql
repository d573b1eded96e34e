-- A misspelt view name (case and one letter): the suggestion names the view.
CREATE SOURCE t (id VARCHAR, amount DOUBLE)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
CREATE VIEW big_spenders AS SELECT id FROM t WHERE amount > 2;
SELECT id FROM Big_Spender;
