-- CSV output (cli/output.c builds each row in a buffer): integers at both ends
-- of BIGINT, negative and zero; text that needs quoting (comma, quote, CR/LF)
-- next to text that does not; NULLs as empty fields; a field longer than the
-- row buffer (8192 bytes), which is written past it in one piece.
CREATE SOURCE t (id INT, s VARCHAR) WITH (connector = 'file', path = 'csv_output_edges.csv', format = 'csv');
SELECT id,
       CAST('-9223372036854775808' AS BIGINT) AS lo,
       CAST('9223372036854775807' AS BIGINT) AS hi,
       0 - id AS neg,
       s,
       CHAR_LENGTH(s) AS n
FROM t;
