-- Three-valued AND / OR / NOT over every pair of TRUE, FALSE and NULL (SQL:
-- FALSE AND NULL is FALSE, TRUE OR NULL is TRUE, anything else with NULL is NULL).
CREATE SOURCE l (a BOOLEAN, b BOOLEAN) WITH (connector = 'file', path = 'l.jsonl', format = 'json');
SELECT a, b, a AND b AS a_and_b, a OR b AS a_or_b, NOT a AS not_a FROM l;
