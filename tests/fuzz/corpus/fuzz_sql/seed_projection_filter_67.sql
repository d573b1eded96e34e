-- Projection and filter: one row per input row, in input order.  NULL > 2 is
-- unknown, so the row with a NULL qty is filtered out.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT name, price FROM t WHERE qty > 2;
