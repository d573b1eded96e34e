-- nexmark.base-time and nexmark.event-time-rate: event n happens at base + n ms
-- at 1000 events per second; an auction expires 1 ms to 2 x 1666 ms after it
-- starts (twice the time until 100 more auctions).  Only the declared columns.
CREATE SOURCE auction (id BIGINT, `dateTime` TIMESTAMP, expires TIMESTAMP)
WITH (connector = 'nexmark', 'nexmark.table' = 'auction', events = '100', seed = '9',
      'nexmark.event-time-rate' = '1000', 'nexmark.base-time' = '2024-05-11 10:00:00');
SELECT * FROM auction;
