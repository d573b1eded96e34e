-- A stateless subquery in FROM, filtered on its computed column.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT x, n FROM (SELECT id * 10 AS x, UPPER(name) AS n FROM t) AS q WHERE x > 20;
