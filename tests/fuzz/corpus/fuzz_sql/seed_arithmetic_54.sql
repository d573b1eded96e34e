-- Arithmetic: + - * % and unary minus; DOUBLE with INT gives DOUBLE; NULL in, NULL out.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, price * qty AS total, qty + 1 AS a, qty - id AS b, qty * 2 AS c,
       qty % 5 AS m, price / 2 AS h, -price AS neg
FROM t;
