-- events-per-second paces the events (200 at 2000 a second: about 0.1 s) and
-- changes nothing in them: the same persons as unthrottled.  Expected:
-- nexmark_model.py expected throttled.
CREATE SOURCE person (id BIGINT, name VARCHAR, city VARCHAR)
WITH (connector = 'nexmark', 'nexmark.table' = 'person', events = '200', seed = '1',
      'events-per-second' = '2000');
SELECT * FROM person;
