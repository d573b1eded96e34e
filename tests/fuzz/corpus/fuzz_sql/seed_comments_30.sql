-- A line comment before anything.
/* A block comment
   over several lines; with a ; inside it */
CREATE SOURCE t ( -- comment after a token
  `key`   VARCHAR, /* inline block comment */
  `count` INT
) WITH (connector = 'file', path = 'kw.csv', format = 'csv');
SELECT /* between tokens */ `key`, `count` -- trailing comment; still a comment
FROM t; -- comment after the last statement
/* and a block comment at the very end */
