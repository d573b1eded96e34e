-- IS NULL / IS NOT NULL, in the select list and in WHERE.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, price IS NULL AS pn, qty IS NOT NULL AS qn FROM t WHERE price IS NULL OR qty IS NULL OR id = 1;
