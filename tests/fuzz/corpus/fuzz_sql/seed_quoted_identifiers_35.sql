-- Quoted identifiers keep their case: "Amount" and `Total` are printed as written;
-- unquoted names are case-insensitive (KEY matches `key`).
CREATE SOURCE t (
  `key`       VARCHAR,
  `timestamp` TIMESTAMP,
  "Amount"    DOUBLE
) WITH (connector = 'file', path = 'kw.csv', format = 'csv');
SELECT KEY, "Amount", `Amount` * 2 AS `Total`, "timestamp" AS "When" FROM t;
