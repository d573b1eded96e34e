-- A FROM naming no source or view, close to one that exists: the error
-- suggests it.
CREATE SOURCE transactions (id VARCHAR, amount DOUBLE)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id FROM transactons;
