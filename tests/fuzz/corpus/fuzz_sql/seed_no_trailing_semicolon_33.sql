-- The last statement may omit its ';'.
CREATE SOURCE t (`key` VARCHAR, `count` INT)
WITH (connector = 'file', path = 'kw.csv', format = 'csv');
SELECT `key` FROM t WHERE `count` = 2
